import { createHash } from 'node:crypto';
import { readSmallBody } from '../body.js';
import { sendXml, type RequestContext } from '../context.js';
import { crc64Combine } from '../../core/integrity/crc64.js';
import { cosError, EmulatorError } from '../errors.js';
import { storedHeadersFrom } from '../object-headers.js';
import { encodeKeyPath } from '../../core/auth/canonical.js';
import { errorXml, parseXml, toXml, type XmlNode } from '../xml.js';
import type { StoredPart, UploadInfo } from '../multipart-store.js';
import { runPicOperations } from './image.js';
import { answeredCrc, dropPoint, uploadIdOf } from './params.js';

const MIN_PART_BYTES = 1024 * 1024;
const MAX_PARTS = 10000;
/** After this long without an answer the 200 head goes out and spaces keep the connection alive (docs/protocol.md#multipart-upload). */
const KEEP_ALIVE_AFTER_MS = 1000;

interface RequestedPart {
  partNumber: number;
  etag: string;
}

function requestedParts(xml: Record<string, unknown> | undefined): RequestedPart[] {
  const root = xml?.CompleteMultipartUpload as { Part?: unknown } | undefined;
  const parts = root?.Part;
  if (!Array.isArray(parts) || parts.length === 0) {
    throw cosError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  }
  return parts.map((p) => {
    const part = p as { PartNumber?: unknown; ETag?: unknown };
    const partNumber = Number(part.PartNumber);
    if (!Number.isInteger(partNumber) || typeof part.ETag !== 'string') {
      throw cosError('MalformedXML', 'Each Part needs a PartNumber and an ETag.');
    }
    return { partNumber, etag: part.ETag.trim().replace(/^"|"$/g, '').toLowerCase() };
  });
}

/** COS's order of checks: count, ascending order, existence + ETag, minimum size of non-last parts (docs/protocol.md#multipart-upload). */
function chooseParts(requested: RequestedPart[], stored: StoredPart[]): StoredPart[] {
  if (requested.length > MAX_PARTS) throw cosError('InvalidArgument', `A multipart upload has at most ${MAX_PARTS} parts.`);
  for (let i = 1; i < requested.length; i++) {
    if (requested[i].partNumber <= requested[i - 1].partNumber) {
      throw cosError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
    }
  }
  const byNumber = new Map(stored.map((p) => [p.partNumber, p]));
  const chosen = requested.map((r) => {
    const part = byNumber.get(r.partNumber);
    if (!part || part.md5 !== r.etag) {
      throw cosError('InvalidPart', `One or more of the specified parts could not be found or its ETag did not match (part ${r.partNumber}).`);
    }
    return part;
  });
  chosen.forEach((p, i) => {
    if (i < chosen.length - 1 && p.size < MIN_PART_BYTES) {
      throw cosError('EntityTooSmall', `Your proposed upload is smaller than the minimum allowed object size (part ${p.partNumber}).`);
    }
  });
  return chosen;
}

/** Opaque `"<32 hex>-N"` (docs/protocol.md#etags): MD5 over the binary part MD5s, S3-style; clients must not recompute it. */
function multipartEtag(parts: StoredPart[]): string {
  const md5 = createHash('md5');
  for (const p of parts) md5.update(Buffer.from(p.md5, 'hex'));
  return `"${md5.digest('hex')}-${parts.length}"`;
}

/**
 * `POST /key?uploadId=…` (docs/protocol.md#multipart-upload): validate, then store the object as the ordered list of its part files
 * (linked into place, never copied: Complete costs no disk bandwidth, whatever the size).
 * Like COS, a slow Complete (Pic-Operations on a big image, a delay fault) answers 200 early and sends spaces,
 * so late failures arrive as error XML in a 200 body.
 */
export async function completeMultipartUpload(ctx: RequestContext): Promise<void> {
  const { state, req, res } = ctx;
  const info = state.uploads.get(uploadIdOf(ctx.query), ctx.key);
  const body = await readSmallBody(req, 4 << 20, dropPoint(ctx));
  if (req.headers['content-md5'] !== undefined) {
    const md5 = createHash('md5').update(body).digest('base64');
    if (md5 !== String(req.headers['content-md5']).trim()) throw cosError('BadDigest', 'The Content-MD5 you specified did not match what was received.');
  }
  const parts = chooseParts(requestedParts(parseXml(body.toString('utf8'))), await state.uploads.parts(info));
  const etag = multipartEtag(parts);
  const crc = parts.slice(1).reduce((acc, p) => crc64Combine(acc, p.crc64, p.size), parts[0].crc64);
  const headers = { ETag: etag, 'x-cos-hash-crc64ecma': answeredCrc(ctx, crc) };

  let headSent = false;
  const keepAlive = setInterval(() => {
    if (!headSent) res.writeHead(200, { ...headers, 'Content-Type': 'application/xml' });
    headSent = true;
    res.write(' ');
  }, KEEP_ALIVE_AFTER_MS);
  let answer: string;
  try {
    answer = await assemble(ctx, info, parts, etag, crc);
  } catch (err) {
    if (!headSent) throw err;
    const e = err instanceof EmulatorError ? err : cosError('InternalError', String((err as Error).message));
    const xml = errorXml({ code: e.code, message: e.message, resource: `${ctx.bucket}/${ctx.key}`, requestId: ctx.requestId });
    res.end(xml.replace(/^<\?xml[^>]*>\n?/, ''));
    return;
  } finally {
    clearInterval(keepAlive);
  }
  // Once spaces went out, an XML declaration would no longer be the first thing in the body.
  if (headSent) res.end(answer);
  else sendXml(res, 200, `<?xml version="1.0" encoding="UTF-8"?>\n${answer}`, headers);
}

async function assemble(ctx: RequestContext, info: UploadInfo, parts: StoredPart[], etag: string, crc: string): Promise<string> {
  const { state } = ctx;
  if (ctx.mergeDelayMs) await new Promise((resolve) => setTimeout(resolve, ctx.mergeDelayMs));
  const headers = { ...info.headers, ...storedHeadersFrom(ctx.req.headers) };
  let meta;
  state.uploads.claim(info);
  try {
    meta = await state.objects.commitParts(ctx.key, parts, { contentType: info.contentType, headers, etag, crc64: crc });
  } catch (err) {
    // A part file vanished since it was listed: a concurrent Complete or Abort of the same upload won.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw cosError('NoSuchUpload');
    state.uploads.unclaim(info);
    throw err;
  }
  await state.uploads.remove(info);
  const result: XmlNode = { Location: ctx.baseUrl + encodeKeyPath(ctx.key), Bucket: ctx.bucket, Key: ctx.key, ETag: etag };
  const picOperations = ctx.req.headers['pic-operations'];
  let extra = '';
  if (picOperations) {
    const processed = await runPicOperations(ctx, meta, String(picOperations));
    extra = (processed.imageInfoXml ?? '') + processed.processResultsXml;
  }
  return `<CompleteMultipartUploadResult xmlns="http://www.qcloud.com/document/product/436/7751">${toXml(result)}${extra}</CompleteMultipartUploadResult>`;
}
