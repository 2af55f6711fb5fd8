import { rm } from 'node:fs/promises';
import { queryValue, validateKey } from '../address.js';
import { checkContentMd5, receiveToFile } from '../body.js';
import { sendEmpty, sendXml, type RequestContext } from '../context.js';
import { cosUrlEncode } from '../../core/auth/canonical.js';
import { cosError } from '../errors.js';
import { contentTypeOf, storedHeadersFrom } from '../object-headers.js';
import { xmlDocument, type XmlNode } from '../xml.js';
import { answeredCrc, dropPoint, flipPoint, MAX_SINGLE_UPLOAD_BYTES, partNumberOf, uploadIdOf } from './params.js';

function owner(ctx: RequestContext): { Owner: XmlNode; Initiator: XmlNode } {
  const id = ctx.state.appId;
  return {
    Owner: { ID: id, DisplayName: id },
    Initiator: { ID: `qcs::cam::uin/${id}:uin/${id}`, DisplayName: id },
  };
}

/** `max-parts` / `max-uploads`: 1–1000, default 1000 (docs/protocol.md#multipart-upload). */
function pageSize(raw: string | undefined, name: string): number {
  if (raw === undefined || raw === '') return 1000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw cosError('InvalidArgument', `${name} must be a positive integer.`);
  return Math.min(n, 1000);
}

const encoder = (ctx: RequestContext) =>
  queryValue(ctx.query, 'encoding-type') === 'url' ? (s: string) => cosUrlEncode(s) : (s: string) => s;

/** `POST /key?uploads` (docs/protocol.md#multipart-upload). */
export async function initiateMultipartUpload(ctx: RequestContext): Promise<void> {
  validateKey(ctx.key);
  const headers = storedHeadersFrom(ctx.req.headers);
  const info = await ctx.state.uploads.initiate(ctx.key, contentTypeOf(ctx.req), headers, ctx.state.now());
  sendXml(ctx.res, 200, xmlDocument('InitiateMultipartUploadResult', { Bucket: ctx.bucket, Key: ctx.key, UploadId: info.uploadId }));
}

/** `PUT /key?partNumber=N&uploadId=…`: the part ETag is its quoted MD5, which SDK resume depends on (docs/protocol.md#multipart-upload). */
export async function uploadPart(ctx: RequestContext): Promise<void> {
  const partNumber = partNumberOf(ctx.query) ?? NaN;
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
    throw cosError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive.');
  }
  const { state, req } = ctx;
  const info = state.uploads.get(uploadIdOf(ctx.query), ctx.key);
  const file = await receiveToFile(req, {
    tmpDir: state.objects.tmpDir, maxBytes: MAX_SINGLE_UPLOAD_BYTES, dropAfterBytes: dropPoint(ctx), flipByteAt: flipPoint(ctx),
  });
  try {
    checkContentMd5(req.headers['content-md5'], file.md5);
    await state.uploads.putPart(info, partNumber, file);
  } catch (err) {
    await rm(file.path, { force: true });
    throw err;
  }
  sendEmpty(ctx.res, 200, { ETag: `"${file.md5}"`, 'x-cos-hash-crc64ecma': answeredCrc(ctx, file.crc64) });
}

/** `GET /key?uploadId=…` with `max-parts` / `part-number-marker` paging (docs/protocol.md#multipart-upload). */
export async function listParts(ctx: RequestContext): Promise<void> {
  const info = ctx.state.uploads.get(uploadIdOf(ctx.query), ctx.key);
  const maxParts = pageSize(queryValue(ctx.query, 'max-parts'), 'max-parts');
  const marker = Number(queryValue(ctx.query, 'part-number-marker') || 0);
  if (!Number.isInteger(marker) || marker < 0) throw cosError('InvalidArgument', 'part-number-marker must be a non-negative integer.');
  const after = (await ctx.state.uploads.parts(info)).filter((p) => p.partNumber > marker);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  const enc = encoder(ctx);
  const { Owner, Initiator } = owner(ctx);
  sendXml(ctx.res, 200, xmlDocument('ListPartsResult', {
    Bucket: ctx.bucket,
    EncodingType: queryValue(ctx.query, 'encoding-type') ?? '',
    Key: enc(ctx.key),
    UploadId: info.uploadId,
    Owner,
    PartNumberMarker: marker,
    Initiator,
    Part: page.map((p) => ({
      PartNumber: p.partNumber,
      LastModified: new Date(p.lastModified).toISOString(),
      ETag: `"${p.md5}"`,
      Size: p.size,
    })),
    StorageClass: 'Standard',
    MaxParts: maxParts,
    IsTruncated: truncated,
    NextPartNumberMarker: page.length ? page[page.length - 1].partNumber : undefined,
  }));
}

/** `GET /?uploads` with prefix / delimiter / key-marker / upload-id-marker paging (docs/protocol.md#multipart-upload). */
export async function listMultipartUploads(ctx: RequestContext): Promise<void> {
  const q = (name: string) => queryValue(ctx.query, name) ?? '';
  const prefix = q('prefix');
  const delimiter = q('delimiter');
  const keyMarker = q('key-marker');
  const uploadIdMarker = q('upload-id-marker');
  const maxUploads = pageSize(queryValue(ctx.query, 'max-uploads'), 'max-uploads');
  const enc = encoder(ctx);
  const matching = ctx.state.uploads.list().filter((u) => u.key.startsWith(prefix));
  // Resume after the marker pair when it still exists, else after every upload of the marker key.
  const markerAt = uploadIdMarker ? matching.findIndex((u) => u.key === keyMarker && u.uploadId === uploadIdMarker) : -1;
  const candidates = markerAt >= 0 ? matching.slice(markerAt + 1) : matching.filter((u) => !keyMarker || u.key > keyMarker);
  const uploads: typeof candidates = [];
  const prefixes: string[] = [];
  let truncated = false;
  let last: { key: string; uploadId: string } | undefined;
  for (const u of candidates) {
    const cut = delimiter ? u.key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? u.key.slice(0, cut + delimiter.length) : undefined;
    if (common && prefixes.includes(common)) continue;
    if (uploads.length + prefixes.length >= maxUploads) {
      truncated = true;
      break;
    }
    if (common) prefixes.push(common);
    else uploads.push(u);
    last = { key: common ?? u.key, uploadId: common ? '' : u.uploadId };
  }
  const { Owner, Initiator } = owner(ctx);
  sendXml(ctx.res, 200, xmlDocument('ListMultipartUploadsResult', {
    Bucket: ctx.bucket,
    'Encoding-Type': q('encoding-type'),
    KeyMarker: enc(keyMarker),
    UploadIdMarker: uploadIdMarker,
    NextKeyMarker: truncated && last ? enc(last.key) : '',
    NextUploadIdMarker: truncated && last ? last.uploadId : '',
    Prefix: enc(prefix),
    Delimiter: delimiter ? enc(delimiter) : undefined,
    MaxUploads: maxUploads,
    IsTruncated: truncated,
    Upload: uploads.map((u) => ({
      Key: enc(u.key),
      UploadId: u.uploadId,
      StorageClass: 'STANDARD',
      Initiator,
      Owner,
      Initiated: new Date(u.initiated).toISOString(),
    })),
    CommonPrefixes: prefixes.map((p) => ({ Prefix: enc(p) })),
  }));
}

/** `DELETE /key?uploadId=…` → 204 (docs/protocol.md#multipart-upload). */
export async function abortMultipartUpload(ctx: RequestContext): Promise<void> {
  const info = ctx.state.uploads.get(uploadIdOf(ctx.query), ctx.key);
  await ctx.state.uploads.remove(info);
  sendEmpty(ctx.res, 204);
}
