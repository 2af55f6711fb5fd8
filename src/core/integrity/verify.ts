import { CosError } from '../http/errors.js';
import { crc64Combine } from './crc64.js';
import { crc64HasherFor, type Crc64Chooser, type Crc64EngineName, type WasmChecksum } from './crc64-engine.js';

/** The response header carrying COS's CRC-64 of what it stored (docs/integrity-and-wan.md). */
export const CRC64_HEADER = 'x-cos-hash-crc64ecma';

/** The header's value when readable: a CORS rule that does not expose it leaves it out. */
export function reportedCrc64(headers: Record<string, string>): string | undefined {
  const value = headers[CRC64_HEADER]?.trim();
  return value && /^\d{1,20}$/.test(value) ? value : undefined;
}

/** Blobs up to this size are read in one go. */
const ONE_READ_MAX_BYTES = 256 * 1024;
/**
 * Bytes read per step when the stream lets us supply the buffer. Chromium hands a Blob's stream over in
 * pieces of about 512 KiB; a 1 MiB buffer takes each piece in one read (a 256 KiB one needed two), which cut the
 * reading's CPU by about a fifth in the page and the browser process (docs/integrity-and-wan.md#cost).
 */
const STREAM_BUFFER_BYTES = 1024 * 1024;

export interface HashOptions {
  signal?: AbortSignal;
  /** Whether WebAssembly may hash it (crc64-engine.ts); default 'auto'. */
  wasmChecksum?: WasmChecksum;
  /** The size that picks the engine, when larger than the blob: a part's file, so all its parts hash alike. */
  engineSize?: number;
  /** The chooser; default the page's one. */
  engines?: Crc64Chooser;
}

/** A blob's CRC-64 and which implementation computed it. */
export interface BlobCrc64 {
  crc64: string;
  engine: Crc64EngineName;
}

/** CRC-64 of a Blob (see hashBlob), as the decimal string COS answers with. */
export async function crc64OfBlob(blob: Blob, signal?: AbortSignal): Promise<string> {
  return (await hashBlob(blob, { signal })).crc64;
}

/**
 * CRC-64 of a Blob, read through its stream: never a whole part or file in memory. Where the stream
 * takes our buffer (a byte stream, BYOB), one 1 MiB buffer is reused, so hashing a 1 GiB file leaves
 * no garbage behind; otherwise the stream's own chunks are hashed as they come. Runs beside the upload of
 * the same bytes, so it adds no wait. Large blobs may be hashed by WebAssembly, which copies each chunk into its
 * own memory: a BYOB read cannot fill WebAssembly memory, whose buffer can never be handed over (detached).
 */
export async function hashBlob(blob: Blob, options: HashOptions = {}): Promise<BlobCrc64> {
  const { signal } = options;
  const size = Math.max(blob.size, options.engineSize ?? 0);
  const { hasher: crc, engine } = await crc64HasherFor(size, options.wasmChecksum, options.engines);
  const done = (): BlobCrc64 => ({ crc64: crc.digest(), engine });
  if (signal?.aborted) throw signal.reason;
  // A small file in one read: a stream and its reader cost more tasks than the bytes do.
  if (blob.size <= ONE_READ_MAX_BYTES) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (signal?.aborted) throw signal.reason;
    crc.update(bytes);
    return done();
  }
  const stream = blob.stream();
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    byob = undefined;
  }
  const reader = byob ?? stream.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let buffer = new Uint8Array(Math.min(STREAM_BUFFER_BYTES, Math.max(1, blob.size)));
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      if (byob) {
        const { done: end, value } = await byob.read(buffer);
        // An abort cancels the stream, which then reads as done: never return a CRC of part of the bytes.
        if (signal?.aborted) throw signal.reason;
        if (end || !value) return done();
        crc.update(value);
        // The read transferred our buffer into `value`; reuse its memory for the next read.
        buffer = new Uint8Array(value.buffer, 0, value.buffer.byteLength);
      } else {
        const { done: end, value } = await (reader as ReadableStreamDefaultReader<Uint8Array>).read();
        if (signal?.aborted) throw signal.reason;
        if (end) return done();
        crc.update(value);
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

/** CRC of the whole object from its parts' CRCs and sizes, in part order (what Complete answers). */
export function combinedCrc64(parts: readonly { crc64: string; size: number }[]): string {
  if (parts.length === 0) return '0';
  return parts.slice(1).reduce((acc, p) => crc64Combine(acc, p.crc64, p.size), parts[0].crc64);
}

/** The bytes COS reports differ from the bytes read from the file: corrupted on the way. */
export function integrityError(what: string, local: string, reported: string, final: boolean): CosError {
  return new CosError({
    code: 'Crc64Mismatch',
    message: `${what} arrived corrupted: COS stored CRC-64 ${reported}, the file's bytes give ${local}` +
      (final ? ' (checked twice; the upload stopped so no corrupted object is kept as finished)' : ''),
    source: 'client',
    retryable: false,
  });
}

export interface VerifiedSend<T> {
  /** What is sent, for the error message: `Part 3`, `The file`. */
  what: string;
  body: Blob;
  signal?: AbortSignal;
  /** Sends the body once; resolves with the answer's CRC when readable. */
  send: () => Promise<T & { crc64?: string }>;
  /** Before the one re-send after a mismatch (reset the progress shown). */
  onResend?: () => void;
  /** The answer had no readable CRC header: nothing could be checked. */
  onUnchecked?: () => void;
  /** The body's CRC-64 when already being read (small files read together); else the body is read here. */
  localCrc64?: Promise<string>;
  /** How the body is hashed when read here (engine choice: crc64-engine.ts). */
  hash?: Omit<HashOptions, 'signal'>;
}

/**
 * Sends `body` while hashing it, and compares with the CRC in the answer. A mismatch is re-sent once
 * (the part or object is simply overwritten); a second mismatch throws Crc64Mismatch.
 * Resolves with the answer, the local CRC (kept to check the Complete answer) and the engine that computed it.
 */
export async function sendVerified<T>(options: VerifiedSend<T>): Promise<T & { crc64?: string; localCrc64: string; crc64Engine: Crc64EngineName }> {
  const local = options.localCrc64
    ? options.localCrc64.then((crc64): BlobCrc64 => ({ crc64, engine: 'js' }))
    : hashBlob(options.body, { ...options.hash, signal: options.signal });
  // If the send fails first, the hash's own failure (an abort) must not surface as unhandled.
  local.catch(() => undefined);
  for (let attempt = 0; ; attempt++) {
    const answer = await options.send();
    const { crc64: localCrc64, engine: crc64Engine } = await local;
    if (answer.crc64 === undefined) {
      options.onUnchecked?.();
      return { ...answer, localCrc64, crc64Engine };
    }
    if (answer.crc64 === localCrc64) return { ...answer, localCrc64, crc64Engine };
    if (attempt >= 1) throw integrityError(options.what, localCrc64, answer.crc64, true);
    options.onResend?.();
  }
}
