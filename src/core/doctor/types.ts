import type { HashProvider } from '../auth/hash.js';
import type { HttpRequest, HttpResponse, TokenProvider } from '../types.js';

/** Every check the doctor runs has one stable code (docs/doctor.md lists what each checks and its fix). */
export type DoctorCode =
  | 'endpoint-unreachable' | 'bucket-missing' | 'region-mismatch'
  | 'cors-origin' | 'cors-method' | 'cors-headers' | 'cors-expose-etag' | 'cors-expose-date' | 'cors-expose-crc64' | 'cors-max-age'
  | 'token-unreachable' | 'token-shape' | 'token-expired' | 'clock-skew'
  | 'sts-scope' | 'sts-multipart' | 'ci-disabled'
  | 'insecure-context' | 'csp-connect';

export type FindingSeverity = 'error' | 'warning' | 'ok';

/** One result: what was found and, unless it is `ok`, the concrete change that fixes it. */
export interface Finding {
  code: DoctorCode;
  severity: FindingSeverity;
  message: string;
  /** Console path, rule or policy to apply; '' for `ok`. */
  fix: string;
}

/** A request of the doctor's own: unsigned probes may use OPTIONS and, from Node, set Origin. */
export interface ProbeRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: HttpRequest['body'];
}

/**
 * How the doctor reaches the network. `browser`: requests run under the page's CORS (blocked ones
 * reject, unexposed headers are invisible, preflights happen unseen). `node`: nothing is filtered, so
 * the doctor sends the preflights itself and reads the CORS headers to judge what a browser would see.
 */
export interface DoctorNetwork {
  kind: 'browser' | 'node';
  /** Resolves for every HTTP status; rejects with a CosError `NetworkError` when no answer arrived (or CORS blocked it). */
  send(request: ProbeRequest): Promise<HttpResponse>;
  /** Whether anything answers at this URL at all (no CORS involved). */
  reachable(url: string): Promise<boolean>;
}

/** The same settings `<cos-uploader>` takes, plus the page origin the uploads come from. */
export interface DoctorSettings {
  bucket: string;
  region: string;
  /** Base URL template like the uploader's `endpoint`; default the bucket's public COS domain. */
  endpoint?: string;
  /** Wins over tokenUrl and signUrl. */
  tokenProvider?: TokenProvider;
  tokenUrl?: string;
  signUrl?: string;
  /** Key prefix the uploads go under; the probe objects go to `<prefix>.cos-uploader-check/`. */
  prefix?: string;
  /** The page's origin, e.g. `https://app.example.com`. */
  origin: string;
  /** Whether uploads use Pic-Operations: then a bucket without Cloud Infinite is an error, else a warning. Default true. */
  processing?: boolean;
}

export interface DoctorOptions extends DoctorSettings {
  network: DoctorNetwork;
  /** For the token providers built from tokenUrl / signUrl; default the global fetch. */
  fetch?: typeof fetch;
  /** Node: nodeHash; browsers use WebCrypto. */
  hash?: HashProvider;
  now?: () => number;
  /** The browser's `isSecureContext`; Node judges the origin's scheme only. */
  secureContext?: boolean;
  /** Content-Security-Policy texts in force on the page (header or `<meta>`), checked for connect-src. */
  csp?: string[];
  /** URLs the browser reported as CSP-blocked (`securitypolicyviolation`) while the check ran. */
  cspViolations?: () => string[];
  signal?: AbortSignal;
}
