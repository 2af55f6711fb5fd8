/** Contracts of `cos-uploader/server`: the options both handlers share and the hooks a backend plugs in. */

/** A fetch-style handler: runs unchanged in Next.js route handlers, Hono, Deno, Bun and (via `toNodeListener`) node:http. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Whoever `authenticate` recognised. `id` names the user in rate limits, audit events and the default prefix. */
export interface ServerUser {
  id: string;
}

/** The browser-facing COS actions a handler can grant (names as in CAM policies, without `name/cos:`). */
export type UploadAction =
  | 'PutObject' | 'InitiateMultipartUpload' | 'ListMultipartUploads' | 'ListParts' | 'UploadPart'
  | 'CompleteMultipartUpload' | 'AbortMultipartUpload' | 'HeadObject' | 'GetObject' | 'DeleteObject' | 'ImageProcess';

/** One answer a handler gave, for the audit hook. Denials carry the COS-style code they were answered with. */
export interface AuditEvent {
  handler: 'sign' | 'sts';
  decision: 'allow' | 'deny';
  /** HTTP status of the answer. */
  status: number;
  /** Error code of a denial (`AccessDenied`, `Unauthenticated`, `SlowDown`…). */
  code?: string;
  /** Why, in words. */
  reason: string;
  /** Undefined when the request was refused before authentication. */
  userId?: string;
  action?: string;
  key?: string;
  prefix?: string;
  origin?: string;
  /** Unix ms. */
  time: number;
}

/** Counts requests per user in fixed windows. The default keeps counts in memory; plug in Redis or similar when several processes serve. */
export interface RateLimitStore {
  /** Counts one request for `key` in the window holding `now`; answers the count so far and when that window ends (unix ms). */
  hit(key: string, windowMs: number, now: number): Promise<RateLimitCount> | RateLimitCount;
}

export interface RateLimitCount {
  count: number;
  resetAt: number;
}

export interface RateLimitOptions {
  /** Requests allowed per user per window. */
  limit: number;
  windowMs: number;
  store?: RateLimitStore;
}

/** Options the sign and STS handlers share. */
export interface GuardOptions<U extends ServerUser = ServerUser> {
  /** `BucketName-APPID`; fixed by the server, a request naming another bucket is refused. */
  bucket: string;
  region: string;
  /**
   * Recognises the user behind a request (session cookie, bearer token…). Required: answer null or
   * undefined for "nobody", which is refused with 401 before anything is signed.
   */
  authenticate(request: Request): Promise<U | null | undefined> | U | null | undefined;
  /** The key prefix this user may write under; must end with '/'. Default `users/<id>/`. */
  prefixFor?(user: U): string;
  /** Default: the upload actions only (see `DEFAULT_UPLOAD_ACTIONS`); no Delete, no Get. */
  actions?: readonly UploadAction[];
  /** Largest object body in bytes; signed as `content-length` (sign) or a policy condition (STS). Default 100 MiB. */
  maxObjectSize?: number;
  /**
   * Origins allowed to call the handler cross-origin (exact, or one `*` wildcard inside, e.g.
   * `https://*.example.com`). Default none: same-origin pages only. A bare `*` is refused.
   */
  allowedOrigins?: readonly string[];
  /** Per-user limit; default 300 requests a minute for the signer (one per part of a big file), 20 for STS. `false` turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** Called with every decision, allowed or denied. If it throws, the request fails closed (500). */
  audit?(event: AuditEvent): void | Promise<void>;
  /** Clock in unix ms; tests move it. Default `Date.now`. */
  now?: () => number;
}
