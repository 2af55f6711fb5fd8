import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { Crc64 } from '../core/integrity/crc64.js';
import { cosError } from './errors.js';
import { bodyThrottle } from './network.js';

export interface WrittenFile {
  path: string;
  size: number;
  /** Lower-case hex MD5 (the ETag without quotes). */
  md5: string;
  /** CRC-64/XZ as a decimal string. */
  crc64: string;
}

/** Waits for backpressure to clear; rejects if the stream fails or closes first. Leaves no listeners behind. */
export function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => finish();
    const onError = (err: Error) => finish(err);
    const onClose = () => finish(new Error('the file stream closed while writing'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/**
 * Writes a body into a temp file while hashing MD5 and CRC-64 on the fly, so nothing is buffered
 * in memory and nothing is visible under an object's name until the caller renames the finished file.
 */
export class HashingFileWriter {
  readonly path: string;
  #out: WriteStream;
  #md5: Hash = createHash('md5');
  #crc = new Crc64();
  #size = 0;
  #failed: Error | undefined;

  readonly #flipAt: number | undefined;

  /** `flipAt`: a fault that corrupts the byte at this offset before it is hashed and stored. */
  constructor(tmpDir: string, flipAt?: number) {
    this.#flipAt = flipAt;
    this.path = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}.tmp`);
    this.#out = createWriteStream(this.path, { highWaterMark: 1 << 20 });
    this.#out.on('error', (err) => {
      this.#failed = err;
    });
  }

  get size(): number {
    return this.#size;
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.#failed) throw this.#failed;
    const at = this.#flipAt === undefined ? -1 : this.#flipAt - this.#size;
    if (at >= 0 && at < chunk.length) {
      chunk = Buffer.from(chunk);
      chunk[at] ^= 0xff;
    }
    this.#md5.update(chunk);
    this.#crc.update(chunk);
    this.#size += chunk.length;
    if (!this.#out.write(chunk)) await drained(this.#out);
    if (this.#failed) throw this.#failed;
  }

  async finish(): Promise<WrittenFile> {
    if (this.#failed) throw this.#failed;
    this.#out.end();
    await once(this.#out, 'close');
    if (this.#failed) throw this.#failed;
    return { path: this.path, size: this.#size, md5: this.#md5.digest('hex'), crc64: this.#crc.digest() };
  }

  /** Closes and deletes the temp file; safe to call twice. */
  async abort(): Promise<void> {
    this.#out.destroy();
    await rm(this.path, { force: true });
  }
}

export interface ReceiveOptions {
  tmpDir: string;
  maxBytes: number;
  /** Destroy the connection once this many bytes arrived (fault injection). */
  dropAfterBytes?: number;
  /** Store the byte at this offset flipped, as if corrupted on the way (fault injection). */
  flipByteAt?: number;
}

/** Declared body length; undefined for chunked bodies. Throws MissingContentLength when neither is given. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers['content-length'];
  if (raw !== undefined) {
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 0) throw cosError('InvalidArgument', 'Invalid Content-Length.');
    return n;
  }
  if (req.headers['transfer-encoding']) return undefined;
  throw cosError('MissingContentLength', 'You must provide the Content-Length HTTP header.');
}

/**
 * The request body as chunks. Leaving the loop early (an error, a refused form) must not destroy the
 * request, or the socket goes with it and the COS error answer never reaches the client.
 */
export function bodyChunks(req: IncomingMessage): AsyncIterable<Buffer> {
  const chunks = req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  const bucket = bodyThrottle(req);
  return bucket ? throttled(chunks, bucket) : chunks;
}

/** Pulls the next chunk only once the shared bandwidth allows this one: backpressure slows the sender. */
async function* throttled(chunks: AsyncIterable<Buffer>, bucket: { take(bytes: number): Promise<void> }): AsyncIterable<Buffer> {
  for await (const chunk of chunks) {
    await bucket.take(chunk.length);
    yield chunk;
  }
}

/** Thrown after a fault destroyed the connection: nothing must be answered or stored. */
export class ConnectionDropped extends Error {
  constructor() {
    super('connection dropped by a fault rule');
    this.name = 'ConnectionDropped';
  }
}

function dropConnection(req: IncomingMessage): never {
  req.socket.destroy();
  throw new ConnectionDropped();
}

/** Streams the request body to a temp file. On any failure the temp file is removed and the error rethrown. */
export async function receiveToFile(req: IncomingMessage, opts: ReceiveOptions): Promise<WrittenFile> {
  const expected = declaredLength(req);
  if (expected !== undefined && expected > opts.maxBytes) {
    throw cosError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.');
  }
  const writer = new HashingFileWriter(opts.tmpDir, opts.flipByteAt);
  try {
    for await (const chunk of bodyChunks(req)) {
      const room = opts.dropAfterBytes === undefined ? chunk.length : opts.dropAfterBytes - writer.size;
      await writer.write(room < chunk.length ? chunk.subarray(0, Math.max(0, room)) : chunk);
      if (room <= chunk.length && opts.dropAfterBytes !== undefined) dropConnection(req);
      if (writer.size > opts.maxBytes) throw cosError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.');
    }
    if (!req.complete || (expected !== undefined && writer.size !== expected)) {
      throw cosError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.');
    }
    return await writer.finish();
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

/** Reads a small body (XML, JSON, form fields) into memory, refusing anything over `maxBytes`. */
export async function readSmallBody(req: IncomingMessage, maxBytes: number, dropAfterBytes?: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of bodyChunks(req)) {
    size += chunk.length;
    if (size > maxBytes) throw cosError('XMLSizeLimit', `The request body exceeds ${maxBytes} bytes.`, 400);
    chunks.push(chunk);
    if (dropAfterBytes !== undefined && size >= dropAfterBytes) dropConnection(req);
  }
  if (!req.complete) throw cosError('IncompleteBody', 'The request body was cut short.');
  return Buffer.concat(chunks);
}

/** Checks a `Content-MD5` header (base64 of the binary MD5) against a hex digest (docs/protocol.md#conventions). */
export function checkContentMd5(raw: string | string[] | undefined, md5Hex: string): void {
  if (raw === undefined) return;
  const header = String(raw);
  const decoded = Buffer.from(header, 'base64');
  if (decoded.length !== 16 || decoded.toString('base64') !== header.trim()) {
    throw cosError('InvalidDigest', 'The Content-MD5 you specified is not valid.');
  }
  if (decoded.toString('hex') !== md5Hex) {
    throw cosError('BadDigest', 'The Content-MD5 you specified did not match what was received.');
  }
}
