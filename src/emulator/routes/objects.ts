import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { validateKey } from '../address.js';
import { checkContentMd5, receiveToFile } from '../body.js';
import { sendEmpty, sendXml, type RequestContext } from '../context.js';
import { cosError, EmulatorError } from '../errors.js';
import {
  checkConditions, contentTypeOf, objectResponseHeaders, parseRange, RESPONSE_OVERRIDES, storedHeadersFrom,
} from '../object-headers.js';
import { downloadProcessing, runPicOperations } from './image.js';
import { answeredCrc, dropPoint, flipPoint, MAX_SINGLE_UPLOAD_BYTES } from './params.js';

/** PUT Object (docs/protocol.md#put-object), with upload-time processing when a Pic-Operations header is present (docs/protocol.md#pic-operations). */
export async function putObject(ctx: RequestContext): Promise<void> {
  validateKey(ctx.key);
  const { req, state } = ctx;
  if (req.headers['x-cos-copy-source']) throw cosError('NotImplemented', 'PUT Object - Copy is not supported by the emulator.');
  const headers = storedHeadersFrom(req.headers);
  const file = await receiveToFile(req, {
    tmpDir: state.objects.tmpDir, maxBytes: MAX_SINGLE_UPLOAD_BYTES, dropAfterBytes: dropPoint(ctx), flipByteAt: flipPoint(ctx),
  });
  try {
    checkContentMd5(req.headers['content-md5'], file.md5);
  } catch (err) {
    await rm(file.path, { force: true });
    throw err;
  }
  const meta = await state.objects.commit(ctx.key, file, { contentType: contentTypeOf(req), headers });
  const responseHeaders = { ETag: meta.etag, 'x-cos-hash-crc64ecma': answeredCrc(ctx, meta.crc64) };
  const picOperations = req.headers['pic-operations'];
  if (picOperations) {
    const result = await runPicOperations(ctx, meta, String(picOperations));
    sendXml(ctx.res, 200, result.xml, responseHeaders);
    return;
  }
  sendEmpty(ctx.res, 200, responseHeaders);
}

/** GET / HEAD Object (docs/protocol.md#head-and-get): conditional requests, Range, response-* overrides, download-time processing. */
export async function getObject(ctx: RequestContext, head: boolean): Promise<void> {
  if (!ctx.key) throw cosError('NoSuchKey');
  const { req, res, state } = ctx;
  const meta = await state.objects.head(ctx.key);
  if (!meta) throw cosError('NoSuchKey');
  const headers = objectResponseHeaders(meta);
  if (checkConditions(req, meta) === 'not-modified') {
    res.writeHead(304, { ETag: meta.etag, 'Last-Modified': headers['Last-Modified'] });
    res.end();
    return;
  }
  if (!head) {
    const processed = await downloadProcessing(ctx, meta);
    if (processed) {
      res.writeHead(200, { 'Content-Type': processed.contentType, 'Content-Length': String(processed.body.length) });
      res.end(processed.body);
      return;
    }
  }
  for (const p of ctx.query) {
    const header = RESPONSE_OVERRIDES[p.name.toLowerCase()];
    if (header) headers[header] = p.value;
  }
  let range: { start: number; end: number } | undefined;
  try {
    range = parseRange(req.headers.range, meta.size);
  } catch (err) {
    if (err instanceof EmulatorError) res.setHeader('Content-Range', `bytes */${meta.size}`);
    throw err;
  }
  const length = range ? range.end - range.start + 1 : meta.size;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${meta.size}`;
  headers['Content-Length'] = String(length);
  if (head) {
    res.writeHead(200, headers);
    res.end();
    return;
  }
  const opened = await state.objects.open(ctx.key, range && length > 0 ? range : undefined);
  if (!opened) throw cosError('NoSuchKey');
  res.writeHead(range ? 206 : 200, headers);
  if (length === 0) {
    opened.stream.destroy();
    res.end();
    return;
  }
  if (ctx.dropMidBody) {
    await sendHalfThenDrop(ctx, opened.stream, length);
    return;
  }
  await pipeline(opened.stream, res);
}

async function sendHalfThenDrop(ctx: RequestContext, stream: AsyncIterable<Buffer> & { destroy(): void }, length: number): Promise<void> {
  let sent = 0;
  const half = Math.max(1, Math.floor(length / 2));
  for await (const chunk of stream) {
    const piece = chunk.subarray(0, half - sent);
    sent += piece.length;
    ctx.res.write(piece);
    if (sent >= half) break;
  }
  stream.destroy();
  await new Promise((resolve) => setTimeout(resolve, 10));
  ctx.res.destroy();
}

/** DELETE Object: 204 whether or not the key existed, as COS does. */
export async function deleteObject(ctx: RequestContext): Promise<void> {
  validateKey(ctx.key);
  await ctx.state.objects.delete(ctx.key);
  sendEmpty(ctx.res, 204);
}
