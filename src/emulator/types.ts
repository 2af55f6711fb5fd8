import type { IncomingMessage, ServerResponse } from 'node:http';

/** Options of `createCosEmulator`; every field has a development default. */
export interface EmulatorOptions {
  /** Where objects, metadata and multipart parts live. Default: `.cos-data/` under the working directory. */
  dataDir?: string;
  /** `BucketName-APPID`. Default `examplebucket-1250000000`. */
  bucket?: string;
  region?: string;
  /** Defaults to the bucket name's `-<appid>` suffix. */
  appId?: string;
  /** The accepted permanent key pair; default `COS_SECRET_ID` / `COS_SECRET_KEY`, else printed dev keys. */
  secretId?: string;
  secretKey?: string;
  /** CORS origins (`*` or one `*` wildcard per entry, scheme and port included). Default `['*']`. */
  allowedOrigins?: string[];
  /** False makes the bucket behave as one without Cloud Infinite bound: Pic-Operations and processing get 403 NoProcessAuthority. Default true. */
  ciEnabled?: boolean;
  /** Server clock in ms (before the admin clock skew is added). Default `Date.now`. */
  now?: () => number;
  /** How far in the future a signature's start time may be, in seconds. Default 900. */
  maxSkewSeconds?: number;
  /** `POST /sign` only signs keys under this prefix. Default '' (any key). */
  signPrefix?: string;
  /** Added before every answer, CORS preflights and STS included (admin `/-/` routes excepted). Default 0. */
  latencyMs?: number;
  /** Bytes per second shared by all request bodies (one token bucket). Default unlimited. */
  bandwidth?: number;
  /** Picture jobs wait this long in State Submitted before they run (to watch the states). Default 0. */
  picJobDelayMs?: number;
  /** Largest input of a picture job in bytes. Default 200 MiB (the real service's limit is unconfirmed: docs/processing-jobs.md). */
  picJobMaxInputBytes?: number;
}

export type FaultAction =
  | 'PutObject' | 'UploadPart' | 'InitiateMultipartUpload' | 'CompleteMultipartUpload' | 'ListParts'
  | 'ListMultipartUploads' | 'AbortMultipartUpload' | 'GetObject' | 'HeadObject' | 'DeleteObject'
  | 'PostObject' | 'ImageProcess' | 'Sts' | 'PicJobs' | 'ListObjects';

/**
 * One scripted failure. All given matchers must match; the first matching rule with attempts left applies.
 * Without status, code or drop the rule only adds `delayMs`; with nothing at all it answers 500 InternalError.
 */
export interface FaultRule {
  action?: FaultAction;
  method?: string;
  /** Exact key, or `/regex/flags`. */
  key?: string;
  partNumber?: number;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** 0..1: fail each matching request with this probability, without a count. */
  probability?: number;
  status?: number;
  /** COS error code, e.g. `SlowDown`, `ServiceUnavailable`, `InternalError`. */
  code?: string;
  /** Destroy the socket before reading the body, or halfway through the request (or response) body. */
  drop?: 'before-body' | 'mid-body';
  /**
   * Corrupt an upload (PutObject, UploadPart, PostObject): `stored` flips the body's middle byte before it
   * is hashed and stored (the answer's ETag and CRC describe the corrupted bytes, as after damage in
   * transit); `crc-header` stores the bytes intact but answers with a wrong `x-cos-hash-crc64ecma`
   * (also on CompleteMultipartUpload).
   */
  corrupt?: 'stored' | 'crc-header';
  delayMs?: number;
}

export interface RequestLogEntry {
  method: string;
  /** The COS action (`UploadPart`…), or `Sts`, `Sign`, `PicJobs`, `HeadBucket`, `Unknown`. */
  action: string;
  key: string;
  partNumber?: number;
  uploadId?: string;
  /** HTTP status; 0 when the connection was dropped before an answer. */
  status: number;
}

export interface CosEmulator {
  /** Plain node `(req, res)` handler, usable as Connect middleware; it answers every request itself. */
  handler(req: IncomingMessage, res: ServerResponse): void;
  /** Starts an HTTP server; resolves to its base URL, e.g. `http://127.0.0.1:9100`. */
  listen(port?: number, host?: string): Promise<string>;
  /** Base URL once listening ('' before; the Vite plugin sets it to the mount URL). */
  url: string;
  readonly bucket: string;
  readonly region: string;
  readonly secretId: string;
  readonly secretKey: string;
  readonly dataDir: string;
  close(): Promise<void>;
  /** Drops all in-memory state and reloads objects and multipart uploads from disk (a simulated process restart). */
  restart(): Promise<void>;
  faults: { add(rule: FaultRule | FaultRule[]): void; clear(): void };
  /** Server clock skew in seconds (also `POST /-/clock`). */
  setClockSkew(seconds: number): void;
  /** Binds or unbinds Cloud Infinite (also `POST /-/ci {"enabled": false}`). */
  setCiEnabled(enabled: boolean): void;
  /** Back to the permissive CORS default, dropping rules set with PUT Bucket cors. */
  resetCors(): void;
  log: RequestLogEntry[];
}
