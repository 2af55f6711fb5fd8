/**
 * Contracts of the upload engine: the client calls it makes, upload snapshots and events, resume records,
 * manager options. Plain data shapes only (re-exported by core/types.ts).
 */
import type { CompleteMultipartUploadResult, InitiateMultipartUploadResult, ListedPart, UploadResult } from '../wire-types.js';
import type { Crc64EngineName, WasmChecksum } from '../integrity/crc64-engine.js';

/** The planned byte range of one part: [start, end). */
export interface PartPlan {
  partNumber: number;
  start: number;
  end: number;
}

/** The calls the upload engine makes; implemented by CosClient (core/client.ts). */
export interface ObjectClient {
  putObject(key: string, body: Blob, options?: PutObjectOptions): Promise<PutObjectResult>;
  initiateMultipartUpload(key: string, options?: RequestOptions & { headers?: Record<string, string> }): Promise<InitiateMultipartUploadResult>;
  /** `crc64`: the answer's `x-cos-hash-crc64ecma` when readable (checked against the bytes sent). */
  uploadPart(key: string, uploadId: string, partNumber: number, body: Blob, options?: RequestOptions & ProgressOption): Promise<{ etag: string; crc64?: string }>;
  /** Every part, all pages followed. */
  listParts(key: string, uploadId: string, options?: RequestOptions): Promise<ListedPart[]>;
  completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
    options?: RequestOptions & { picOperations?: string; headers?: Record<string, string> },
  ): Promise<CompleteMultipartUploadResult>;
  abortMultipartUpload(key: string, uploadId: string, options?: RequestOptions): Promise<void>;
  /** Optional: lets the engine confirm a Complete whose answer was lost (or that a cancel raced) stored the object. */
  headObject?(key: string, options?: RequestOptions): Promise<{ etag?: string; size?: number; lastModified?: string; crc64?: string }>;
  /** Optional: where an object lives, without the scheme (as COS writes `Location`). */
  location?(key: string): string;
  /** Optional: removes an object a cancel came too late for (strict cancel, the row's Delete). */
  deleteObject?(key: string, options?: RequestOptions): Promise<void>;
  /** Optional: POST Object (one request, no per-key CORS preflight) for small files without Pic-Operations. */
  postObject?(key: string, body: Blob, options?: PutObjectOptions): Promise<PutObjectResult>;
  /** Whether postObject can be used at all (the token provider can sign POST policies). */
  canPostObject?(): boolean;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Told before the client retries a failed attempt (not while offline: those wait for the network). */
  onRetry?: (notice: RetryNotice) => void;
}

/** A failed attempt about to be retried, for "Can't reach <host> — retrying in N s (k/m)". */
export interface RetryNotice {
  /** The failure's code: `NetworkError` when the host could not be reached, `RequestStalled`, `InternalError`… */
  code: string;
  status: number;
  /** Host (and port) the request went to. */
  host: string;
  /** 1 for the first retry. */
  attempt: number;
  maxRetries: number;
  delayMs: number;
}

export interface ProgressOption {
  onProgress?: (loaded: number, total: number) => void;
}

export interface PutObjectOptions extends RequestOptions, ProgressOption {
  /** Pic-Operations header value (JSON); signed. */
  picOperations?: string;
  /** Extra headers (Content-Type, x-cos-meta-*, …). */
  headers?: Record<string, string>;
}

export interface PutObjectResult {
  key: string;
  etag: string;
  location: string;
  requestId?: string;
  /** Present when Pic-Operations was sent. */
  uploadResult?: UploadResult;
  /** CRC-64 of the stored object (`x-cos-hash-crc64ecma`) when the header is readable. */
  crc64?: string;
}

/** A finished upload, simple or multipart. */
export interface UploadOutcome {
  key: string;
  etag: string;
  location: string;
  uploadResult?: UploadResult;
  /**
   * The object's CRC-64 as computed from the file and found equal to COS's, and which implementation computed it
   * (docs/crc64-wasm.md); absent when nothing was checked (checking off, header not readable, POST answers).
   */
  checksum?: { crc64: string; engine: Crc64EngineName };
}

/**
 * `stored`: cancelled while COS was completing the upload, and COS had already stored the object
 * (`result` says what); `deleteStored()` removes it (docs/edge-cases.md).
 */
export type UploadStatus = 'queued' | 'uploading' | 'paused' | 'completing' | 'done' | 'failed' | 'cancelled' | 'stored';

export type PartStatus = 'pending' | 'uploading' | 'done' | 'failed';

export interface PartSnapshot {
  partNumber: number;
  size: number;
  loaded: number;
  status: PartStatus;
}

/** Immutable view of one file's upload, for rendering and events. */
export interface UploadSnapshot {
  id: string;
  file: Blob & { name?: string };
  name: string;
  size: number;
  type: string;
  key: string;
  status: UploadStatus;
  /** Bytes acknowledged or in flight (in-flight bytes counted from XHR progress). */
  loaded: number;
  total: number;
  /** Bytes per second over a sliding window. */
  speed: number;
  /** Seconds left at the current speed; undefined until measurable. */
  eta?: number;
  multipart: boolean;
  uploadId?: string;
  parts: readonly PartSnapshot[];
  /** Parts found already uploaded when this upload resumed (after a reload). */
  resumedParts: number;
  error?: { code: string; message: string; status: number; requestId?: string };
  /** A failed request waiting to be retried; cleared as soon as bytes move again. */
  retry?: UploadRetry;
  result?: UploadOutcome;
}

/** What the row says while a request waits for its retry: "Can't reach <host> — retrying in N s (k/m)". */
export interface UploadRetry {
  code: string;
  status: number;
  host: string;
  /** This retry's number and the most there will be, over the client's and the engine's retries. */
  attempt: number;
  maxRetries: number;
  /** When the retry goes out (ms, the engine's clock). */
  retryAt: number;
}

/** Where multipart upload ids and finished parts are kept so an upload survives a page reload. */
export interface ResumeRecord {
  fingerprint: string;
  key: string;
  uploadId: string;
  partSize: number;
  size: number;
  /** Parts known finished: partNumber → ETag. Reconciled with ListParts on resume. */
  parts: Record<number, string>;
  /** Last progress (ms); a record idle longer than the page's resume age expires (docs/resume.md). */
  updatedAt: number;
  /** The file as it was when the upload began: what the resume prompt shows and checks a file against. */
  name?: string;
  lastModified?: number;
  type?: string;
  /**
   * The browser's FileSystemFileHandle for the file, where it came through the File System Access API
   * (opaque here): with it the upload resumes after a reload without choosing the file again.
   */
  handle?: unknown;
}

export interface ResumeStore {
  get(fingerprint: string): Promise<ResumeRecord | undefined>;
  put(record: ResumeRecord): Promise<void>;
  delete(fingerprint: string): Promise<void>;
  /** Every record held (for the resume prompt and expiry); optional for stores written elsewhere. */
  list?(): Promise<ResumeRecord[]>;
}

export interface UploadManagerOptions {
  client: ObjectClient;
  /** Files above this size go multipart; default 8 MiB. */
  multipartThreshold?: number;
  /** Preferred part size; grows when a file would need more than 10,000 parts. Default by file size: 8 MiB, up to 64 MiB for big files (`defaultPartSize`). */
  partSize?: number;
  /** Parallel requests across all files; default 4. */
  concurrency?: number;
  /**
   * Parallel single-request uploads (files at or under the multipart threshold), counted apart from
   * `concurrency`; default `concurrency` when that is given, else 6.
   */
  smallFileConcurrency?: number;
  /** Default: IndexedDB where available, else in memory. */
  resumeStore?: ResumeStore;
  /** The object key for a file; default the file name under no prefix. */
  keyFor?: (file: Blob & { name?: string }) => string;
  /** Pic-Operations header value per file (undefined: none). */
  picOperationsFor?: (file: Blob & { name?: string }, key: string) => string | undefined;
  /** Extra headers per file (Content-Type is set from the file's type). */
  headersFor?: (file: Blob & { name?: string }, key: string) => Record<string, string> | undefined;
  /** Called when a file gets its first request slot, before any byte is sent; return false to skip it (the cancelable cos-upload-start). */
  beforeStart?: (upload: UploadSnapshot) => boolean;
  /**
   * A cancel that comes after COS stored the object (it was completing) deletes the object and its
   * Pic-Operations outputs before `cancel()` resolves. Default false: the upload ends `stored` instead.
   */
  strictCancel?: boolean;
  /**
   * Check every PUT, part and Complete answer's CRC-64 against the bytes read from the file; a mismatch
   * re-sends once, then fails the file (docs/integrity-and-wan.md). Default true.
   */
  verifyIntegrity?: boolean;
  /**
   * Upload files at or under the multipart threshold with POST Object when the client can (temporary keys)
   * and the file needs no Pic-Operations: one round trip less per file. Default true.
   */
  postObject?: boolean;
  /**
   * Whether the CRC-64 of large files (8 MiB and up) may be computed by WebAssembly, about 1.7 times less CPU:
   * `'auto'` (default) where the page's CSP visibly allows compiling it, `'on'` always (a CSP that forbids it
   * reports one violation, then JS takes over), `'off'` never (docs/crc64-wasm.md).
   */
  wasmChecksum?: WasmChecksum;
}

export type UploadEvent =
  | { type: 'added' | 'start' | 'progress' | 'success' | 'error' | 'paused' | 'resumed' | 'cancelled' | 'skipped' | 'stored'; upload: UploadSnapshot }
  | { type: 'complete'; uploads: readonly UploadSnapshot[] }
  /** Something the page should know that did not stop the upload; sent once per manager per code. */
  | { type: 'warning'; upload: UploadSnapshot; warning: { code: 'IntegrityUnchecked'; message: string } };

/** How many uploads are in each state; kept by the manager as uploads change, not counted per call. */
export type UploadCounts = Readonly<Record<UploadStatus, number>> & { readonly total: number };

/**
 * One coalesced notification (see docs/many-files.md): every change since the previous one, at most one
 * per microtask batch. `changed` holds the ids whose snapshot differs (added ones included).
 */
export interface UploadChange {
  readonly changed: ReadonlySet<string>;
  /** Uploads joined or left the list, so positions moved. */
  readonly membership: boolean;
  readonly counts: UploadCounts;
}

/** Many files over one request queue; implemented by UploadManager (core/upload/manager.ts). */
export interface UploadManagerApi {
  add(files: readonly (Blob & { name?: string })[]): UploadSnapshot[];
  pause(id: string): void;
  resume(id: string): void;
  /** Stops an upload; resolves once the server holds nothing of it, or it is known to be `stored`. */
  cancel(id: string): Promise<void>;
  /** Deletes what a `stored` upload left (the object and its Pic-Operations outputs); it ends `cancelled`. */
  deleteStored?(id: string): Promise<void>;
  retry(id: string): void;
  remove(id: string): void;
  pauseAll(): void;
  resumeAll(): void;
  cancelAll(): Promise<void>;
  snapshot(): readonly UploadSnapshot[];
  /** Called with the full list after every batch of changes; returns an unsubscribe function. */
  subscribe(listener: (uploads: readonly UploadSnapshot[]) => void): () => void;
  on(listener: (event: UploadEvent) => void): () => void;
  /** Resolves when no upload is queued, running or completing. */
  idle(): Promise<void>;
  /**
   * Coalesced change notifications without the list (read `snapshot()` when rendering). Optional so
   * managers built elsewhere still fit; the element falls back to `subscribe`.
   */
  watch?(listener: (change: UploadChange) => void): () => void;
  /** Uploads per state, O(1). */
  counts?(): UploadCounts;
  /** Bulk forms: one notification for the whole batch. */
  removeMany?(ids: Iterable<string>): void;
  cancelMany?(ids: Iterable<string>): Promise<void>;
  retryMany?(ids: Iterable<string>): void;
  /** Drops every done, failed, cancelled and stored upload from the list. */
  clearFinished?(): void;
  /** Uploads an earlier page left unfinished (resume records); ones idle over `maxAgeMs` expire, aborted on COS. */
  interruptedUploads?(maxAgeMs?: number): Promise<ResumeRecord[]>;
  /** Aborts an interrupted upload on COS (best effort) and deletes its record. */
  discardInterrupted?(record: ResumeRecord): Promise<void>;
  /**
   * Replaces a file's Pic-Operations while it is queued or paused (a row edit: docs/editing.md); false once it
   * is sending, completing or finished, when the header can no longer change what COS does.
   */
  setPicOperations?(id: string, header: string | undefined): boolean;
}
