import { cosError, EmulatorError } from './errors.js';
import type { JobStore } from './image/jobs.js';
import type { ObjectStore } from './object-store.js';

/** Storage access the image module uses to read originals and write processed outputs. */
export interface ObjectIO {
  read(key: string): Promise<Buffer | undefined>;
  write(key: string, data: Buffer, contentType: string): Promise<{ etag: string }>;
}

export interface PicOperationsResult {
  xml: string;
  imageInfoXml?: string;
  processResultsXml: string;
}

export interface PicJobs {
  submit(xmlBody: string): Promise<string>;
  describe(jobId: string): string;
  dispose(): void;
}


/** The slice of `./image/index.js` (written separately, with sharp) that the routes call. */
interface ImageModule {
  processPicOperations(args: {
    bucket: string; region: string; host: string; key: string; original: Buffer; originalEtag: string; header: string; io: ObjectIO;
  }): Promise<PicOperationsResult>;
  processOnDownload(args: { key: string; original: Buffer; rawQuery: string; io: ObjectIO }):
    Promise<null | { body: Buffer; contentType: string }>;
  createPicJobs(io: ObjectIO, bucket: string, region: string, options?: {
    store?: JobStore; delayMs?: number | (() => number); maxInputBytes?: number;
  }): PicJobs;
  /** The processing rule in a raw query, or null; lets plain downloads skip reading the original into memory. */
  extractRule?(rawQuery: string): string | null;
}

/** Upload-time processing input limit (docs/protocol.md#limits: 32 MB). Checked before an original is read into memory. */
export const MAX_IMAGE_INPUT_BYTES = 32 * 1024 * 1024;

let loading: Promise<ImageModule> | undefined;

/** Loaded on first use: sharp costs ~50 ms to import and most requests never need it. */
export function loadImageModule(): Promise<ImageModule> {
  loading ??= import('./image/index.js') as Promise<ImageModule>;
  return loading;
}

export function objectIO(store: ObjectStore): ObjectIO {
  return {
    read: (key) => store.readBuffer(key),
    write: async (key, data, contentType) => ({ etag: (await store.putBuffer(key, data, contentType)).etag }),
  };
}

/** Maps the image module's `ImageError {code, status}` (or any other failure) to a COS error. */
export function toEmulatorError(err: unknown): EmulatorError {
  if (err instanceof EmulatorError) return err;
  const e = err as { name?: string; code?: unknown; status?: unknown; message?: string };
  if (typeof e?.code === 'string' && typeof e.status === 'number' && /^[A-Z]/.test(e.code)) {
    return cosError(e.code, e.message, e.status);
  }
  return cosError('InternalError', `Image processing failed: ${e?.message ?? String(err)}`);
}
