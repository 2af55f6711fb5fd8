/**
 * Wire-level contracts: transports, bucket locations, authorization, and the parsed COS responses.
 * Plain data shapes only (re-exported by types.ts).
 */
import type { HashProvider } from './auth/hash.js';
import type { PostPolicyFields, PostPolicyRequest } from './auth/post-policy.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';

/** One HTTP exchange as the transport sees it: everything already signed. */
export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** A FormData is sent as multipart/form-data, its Content-Type (with the boundary) set by the runtime. */
  body?: Blob | ArrayBuffer | Uint8Array | string | FormData;
  /** 'text' (default) decodes the body as UTF-8; 'blob' keeps the bytes (processed images). */
  responseType?: 'text' | 'blob';
}

export interface HttpResponse {
  status: number;
  /** Names lower-cased. Only headers the server exposes through CORS are visible in browsers. */
  headers: Record<string, string>;
  text: string;
  blob?: Blob;
}

export interface SendOptions {
  signal?: AbortSignal;
  onUploadProgress?: (loaded: number, total: number) => void;
  /**
   * No progress for this long while the body is sent (or the answer read) fails the attempt with
   * `RequestStalled` (retryable). Transports that see no upload progress (fetch) bound the send by
   * size instead: docs/networks.md#fetchtransport-no-upload-progress
   */
  stallTimeoutMs?: number;
  /** Once the body is sent, the answer must start within this long, else `ResponseTimeout` (retryable). */
  responseTimeoutMs?: number;
}

/**
 * Sends one request. Resolves for every HTTP status (4xx/5xx included); rejects with a CosError
 * (code 'NetworkError', status 0) when no response arrived, or with `signal.reason` when aborted.
 */
export interface Transport {
  send(request: HttpRequest, options?: SendOptions): Promise<HttpResponse>;
}

/** Where a bucket is reached: host template like cos-js-sdk-v5's `Domain`. */
export interface BucketLocation {
  /** `BucketName-APPID`, e.g. `examplebucket-1250000000`. */
  bucket: string;
  region: string;
  /**
   * Base URL template; `{Bucket}` and `{Region}` are substituted. Default
   * `https://{Bucket}.cos.{Region}.myqcloud.com`. Path style for the emulator:
   * `http://127.0.0.1:9100/{Bucket}`. The object key is appended as an encoded path.
   */
  endpoint?: string;
}

/** What a token provider is asked to authorize: one request, before it is sent. */
export interface AuthorizeRequest {
  bucket: string;
  region: string;
  method: HttpMethod;
  /** Object key without a leading slash ('' for bucket-level requests). */
  key: string;
  /** The decoded path COS signs: '/' + key. */
  pathname: string;
  /** Query parameters the server must see signed (action params: uploads, uploadId, partNumber…). */
  query: Record<string, string>;
  /** Headers to sign; includes Host (the URL authority, port included). */
  headers: Record<string, string>;
  /** Server time minus local time, in ms, learned from responses (clock-skew correction). */
  clockOffsetMs: number;
  /** Seconds the signature should stay valid (pre-signed URLs); default: as long as the credentials. */
  expires?: number;
  /** The client's hash implementation, for providers that sign locally and were given none. */
  hash?: HashProvider;
}

/** A provider's answer: an Authorization header (plus STS token) or a complete pre-signed URL. */
export type Authorization =
  | { authorization: string; securityToken?: string }
  | { url: string };

/**
 * Pluggable credentials. The page implements this, or uses a ready provider (temporary keys
 * from a backend URL, or a backend that signs each request). Never holds a permanent SecretKey.
 */
export interface TokenProvider {
  /** Names the provider in error messages. */
  readonly name: string;
  authorize(request: AuthorizeRequest, options?: { signal?: AbortSignal }): Promise<Authorization>;
  /**
   * Drops cached credentials so the next authorize() fetches fresh ones (after an expiry error).
   * `used` is what signed the failed request: a provider may then keep keys newer than those.
   */
  invalidate?(used?: Authorization): void;
  /** Fetches and caches credentials ahead of the first request (providers that cache keys). */
  prefetch?(options?: { clockOffsetMs?: number; signal?: AbortSignal }): Promise<void>;
  /**
   * Signs a POST Object form for one key (providers holding temporary keys). Without it the client
   * uploads small files with PUT only.
   */
  postPolicy?(request: PostPolicyRequest, options?: { signal?: AbortSignal }): Promise<PostPolicyFields>;
}

/** Temporary keys in the STS shape, normalised (docs/protocol.md#credentials). Times in unix seconds. */
export interface TemporaryCredentials {
  secretId: string;
  secretKey: string;
  securityToken?: string;
  startTime: number;
  expiredTime: number;
}

/**
 * `<ImageInfo>` of an original image (docs/edge-cases.md lists the fields). Numbers parsed; Ave kept
 * as `0xRRGGBB`; every field past the size is optional because COS sends some of them only per feature.
 */
export interface ImageInfo {
  format: string;
  width: number;
  height: number;
  quality?: number;
  ave?: string;
  orientation?: number;
  frameCount?: number;
  /** MD5 of the stored bytes, lower-case hex. */
  md5?: string;
  /** Bits per sample (8 for most images, 16 for deep PNGs). */
  bitDepth?: number;
  /** Resolution in dots per inch, as the file records it. */
  verticalDpi?: number;
  horizontalDpi?: number;
}

export interface ProcessedObject {
  key: string;
  location: string;
  format: string;
  width: number;
  height: number;
  size: number;
  quality?: number;
  etag: string;
  frameCount?: number;
  /** MD5 of the processed bytes, lower-case hex. */
  md5?: string;
  bitDepth?: number;
}

/** `<UploadResult>` (PUT / image_process) or the Pic-Operations part of a Complete result. */
export interface UploadResult {
  originalInfo: { key: string; location: string; etag: string; imageInfo?: ImageInfo };
  processResults: ProcessedObject[];
}

export interface InitiateMultipartUploadResult {
  bucket: string;
  key: string;
  uploadId: string;
  /**
   * Set only after an attempt's answer was lost: uploads of this key COS opened meanwhile. One may be
   * the lost attempt's (never used, so a lifecycle rule should abort it) and one may be another
   * client's; the client aborts none of them (docs/edge-cases.md).
   */
  unconfirmedUploadIds?: string[];
}

export interface ListedPart {
  partNumber: number;
  etag: string;
  size: number;
  lastModified?: string;
}

export interface ListPartsResult {
  bucket: string;
  key: string;
  uploadId: string;
  parts: ListedPart[];
  isTruncated: boolean;
  nextPartNumberMarker?: number;
}

export interface CompleteMultipartUploadResult {
  location: string;
  bucket: string;
  key: string;
  etag: string;
  /** Present when Pic-Operations was sent with the Complete request. */
  uploadResult?: UploadResult;
  /** CRC-64 of the whole object (`x-cos-hash-crc64ecma`) when the header is readable. */
  crc64?: string;
}
