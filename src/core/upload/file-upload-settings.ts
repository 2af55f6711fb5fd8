import type { ObjectClient, ResumeStore, UploadEvent } from '../types.js';
import type { FileUpload } from './file-upload.js';
import type { WasmChecksum } from '../integrity/crc64-engine.js';
import type { RequestQueue } from './queue.js';
import type { FingerprintClaims } from './resume-keeper.js';

export type UploadEventType = Exclude<UploadEvent['type'], 'complete' | 'warning'>;
export type UploadFile = Blob & { name?: string; lastModified?: number };

/**
 * What a FileUpload needs from its manager: one object shared by all of the manager's files (thousands of
 * finished files must not each hold a copy; see docs/many-files-throughput.md#what-a-finished-file-keeps).
 */
export interface FileUploadSettings {
  client: ObjectClient;
  store: ResumeStore;
  claims: FingerprintClaims;
  multipartThreshold: number;
  /** The page's part size; undefined picks one by file size (defaultPartSize). */
  partSize?: number;
  /** Waits before the engine's own retries of a request the client gave up on; the length is the retry count. */
  retryDelays: readonly number[];
  now: () => number;
  /** A cancel that finds the object already stored deletes it (UploadManagerOptions.strictCancel). */
  strictCancel?: boolean;
  onChange: (upload: FileUpload, event?: UploadEventType) => void;
  /** Asked once, when the file gets its first request slot; false skips the file (nothing is sent). */
  beforeStart?: (upload: FileUpload) => boolean;
  /** Serialises the files' opening steps (fingerprint, resume lookup) in add order. */
  inTurn?: <T>(step: () => Promise<T>) => Promise<T>;
  /** CRC-64 checking of every answer (docs/integrity-and-wan.md); absent: off. */
  integrity?: IntegrityHooks;
  /**
   * Simple uploads may use POST Object where it can carry the request (docs/integrity-and-wan.md). Shared by
   * the manager's files: the first POST refused with 403 (keys without PostObject) turns it off for all.
   */
  postObject?: { enabled: boolean };
}

/** What is one file's own: its queue, headers and Pic-Operations (handed to its transfer, not kept after). */
export interface FileUploadOwnSettings {
  queue: RequestQueue;
  picOperations?: string;
  /** Content-Type and the page's extra headers, for PUT and Initiate. */
  headers: Record<string, string>;
}

export interface IntegrityHooks {
  /** An answer carried no readable CRC header, so this file could not be checked. */
  unchecked(upload: FileUpload): void;
  /** The file's CRC-64 when it was read ahead with other small files; undefined: read it while sending. */
  localCrc64?(file: Blob): Promise<string> | undefined;
  /** Whether large files may be hashed by WebAssembly (crc64-engine.ts); default 'auto'. */
  wasmChecksum?: WasmChecksum;
}
