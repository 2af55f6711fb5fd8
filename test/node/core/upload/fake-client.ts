import { createHash } from 'node:crypto';
import { CosError } from '../../../../src/core/http/errors.js';
import type {
  CompleteMultipartUploadResult, InitiateMultipartUploadResult, ListedPart, ObjectClient, PutObjectOptions, PutObjectResult,
} from '../../../../src/core/types.js';
import { bytesOf } from '../../../shared/bytes.js';
import { crc64 } from '../../../../src/core/integrity/crc64.js';

export { bytesOf };

export const MiB = 1024 * 1024;


export function fileOf(size: number, name = 'file.bin', seed = 1, type = 'application/octet-stream'): File {
  return new File([bytesOf(size, seed)], name, { type, lastModified: 1_700_000_000_000 });
}

export function md5Quoted(bytes: Uint8Array): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}

/** Compares byte arrays without printing megabytes on failure. */
export function assertSameBytes(actual: Uint8Array | undefined, expected: Uint8Array, label = 'object'): void {
  if (!actual) throw new Error(`${label}: missing`);
  if (actual.length !== expected.length) throw new Error(`${label}: ${actual.length} bytes, expected ${expected.length}`);
  if (Buffer.compare(actual, expected) !== 0) throw new Error(`${label}: content differs`);
}

export interface Call {
  op: string;
  key: string;
  partNumber?: number;
  uploadId?: string;
  headers?: Record<string, string>;
  picOperations?: string;
  parts?: { partNumber: number; etag: string }[];
}

interface Fault {
  op: string;
  partNumber?: number;
  times: number;
  error: () => Error;
}

export function cosError(code: string, status: number, message = code): CosError {
  return new CosError({ code, message, status, requestId: `req-${code}` });
}

/**
 * An in-memory ObjectClient that records every call (`log`: 'put', 'initiate', 'part:N', 'list',
 * 'complete', 'abort' at the moment it is sent), honours abort signals, reports progress in two steps,
 * checks Complete like COS does, and fails calls on demand.
 */
export class FakeObjectClient implements ObjectClient {
  readonly log: string[] = [];
  readonly calls: Call[] = [];
  readonly uploads = new Map<string, { key: string; headers: Record<string, string>; parts: Map<number, { etag: string; bytes: Uint8Array }> }>();
  readonly objects = new Map<string, { bytes: Uint8Array; headers: Record<string, string>; picOperations?: string }>();
  inFlight = 0;
  maxInFlight = 0;
  latencyMs = 2;
  /** When set, requests keep going after their signal aborts (to test stale callbacks). */
  ignoreAbort = false;
  /** Awaited before each request answers; lets a test hold requests open. */
  gate?: (call: Call) => Promise<void> | void;
  readonly #faults: Fault[] = [];
  #nextId = 1;

  fail(op: string, options: { partNumber?: number; times?: number; error?: () => Error } = {}): void {
    this.#faults.push({ op, partNumber: options.partNumber, times: options.times ?? 1, error: options.error ?? (() => cosError('ServiceUnavailable', 503)) });
  }

  async putObject(key: string, body: Blob, options: PutObjectOptions = {}): Promise<PutObjectResult> {
    const call: Call = { op: 'put', key, headers: options.headers, picOperations: options.picOperations };
    const bytes = await this.#exchange(call, 'put', options.signal, body, options.onProgress);
    this.objects.set(key, { bytes, headers: options.headers ?? {}, picOperations: options.picOperations });
    return { key, etag: md5Quoted(bytes), location: `fake.local/${key}`, crc64: crc64(bytes) };
  }

  async initiateMultipartUpload(key: string, options: { signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<InitiateMultipartUploadResult> {
    await this.#exchange({ op: 'initiate', key, headers: options.headers }, 'initiate', options.signal);
    const uploadId = `upload-${this.#nextId++}`;
    this.uploads.set(uploadId, { key, headers: options.headers ?? {}, parts: new Map() });
    return { bucket: 'fake-1250000000', key, uploadId };
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Blob,
    options: { signal?: AbortSignal; onProgress?: (loaded: number, total: number) => void } = {}): Promise<{ etag: string; crc64: string }> {
    const bytes = await this.#exchange({ op: 'part', key, uploadId, partNumber }, `part:${partNumber}`, options.signal, body, options.onProgress);
    const upload = this.#upload(uploadId);
    const etag = md5Quoted(bytes);
    upload.parts.set(partNumber, { etag, bytes });
    return { etag, crc64: crc64(bytes) };
  }

  async listParts(key: string, uploadId: string, options: { signal?: AbortSignal } = {}): Promise<ListedPart[]> {
    await this.#exchange({ op: 'list', key, uploadId }, 'list', options.signal);
    return [...this.#upload(uploadId).parts].sort(([a], [b]) => a - b)
      .map(([partNumber, p]) => ({ partNumber, etag: p.etag, size: p.bytes.length }));
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: { partNumber: number; etag: string }[],
    options: { signal?: AbortSignal; picOperations?: string; headers?: Record<string, string> } = {}): Promise<CompleteMultipartUploadResult> {
    await this.#exchange({ op: 'complete', key, uploadId, parts, picOperations: options.picOperations, headers: options.headers }, 'complete', options.signal);
    const upload = this.#upload(uploadId);
    const chunks: Uint8Array[] = [];
    parts.forEach((p, i) => {
      const stored = upload.parts.get(p.partNumber);
      if (p.partNumber !== i + 1) throw cosError('InvalidPartOrder', 400);
      if (!stored || stored.etag !== p.etag) throw cosError('InvalidPart', 400);
      if (i < parts.length - 1 && stored.bytes.length < MiB) throw cosError('EntityTooSmall', 400);
      chunks.push(stored.bytes);
    });
    const whole = new Uint8Array(Buffer.concat(chunks));
    this.objects.set(key, { bytes: whole, headers: upload.headers, picOperations: options.picOperations });
    this.uploads.delete(uploadId);
    return { location: `fake.local/${key}`, bucket: 'fake-1250000000', key, etag: `"${'0'.repeat(32)}-${parts.length}"`, crc64: crc64(whole) };
  }

  async abortMultipartUpload(key: string, uploadId: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.#exchange({ op: 'abort', key, uploadId }, 'abort', options.signal);
    this.#upload(uploadId);
    this.uploads.delete(uploadId);
  }

  /** Part numbers of every UploadPart sent, in order, retries included. */
  partNumbersSent(): number[] {
    return this.calls.filter((c) => c.op === 'part').map((c) => c.partNumber as number);
  }

  #upload(uploadId: string) {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw cosError('NoSuchUpload', 404, 'The specified upload does not exist.');
    return upload;
  }

  async #exchange(call: Call, label: string, signal?: AbortSignal, body?: Blob, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array> {
    if (signal?.aborted) throw signal.reason;
    this.log.push(label);
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const bytes = body ? new Uint8Array(await body.arrayBuffer()) : new Uint8Array(0);
      await this.#pause(signal);
      onProgress?.(Math.floor(bytes.length / 2), bytes.length);
      await this.#raceAbort(this.gate?.(call), signal);
      await this.#pause(signal);
      const fault = this.#faults.find((f) => f.op === call.op && f.times > 0 && (f.partNumber === undefined || f.partNumber === call.partNumber));
      if (fault) {
        fault.times--;
        throw fault.error();
      }
      onProgress?.(bytes.length, bytes.length);
      return bytes;
    } finally {
      this.inFlight--;
    }
  }

  async #raceAbort(held: Promise<void> | void, signal?: AbortSignal): Promise<void> {
    if (!held) return;
    if (!signal || this.ignoreAbort) return held;
    await new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      held.then(resolve, reject);
    });
  }

  #pause(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted && !this.ignoreAbort) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, this.latencyMs);
      const onAbort = () => {
        if (this.ignoreAbort) return;
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
