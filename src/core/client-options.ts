import { CosError } from './http/errors.js';
import { lazyImport } from './lazy-import.js';
import { XhrTransport } from './http/xhr-transport.js';
import type { RequestRunnerOptions } from './client-request.js';
import type { BackoffOptions } from './http/retry.js';
import { DEFAULT_RESPONSE_TIMEOUT_MS, DEFAULT_STALL_TIMEOUT_MS } from './http/deadlines.js';
import { browserNetworkStatus, type NetworkStatus } from './http/network.js';
import type { HashProvider } from './auth/hash.js';
import type { BucketLocation, TokenProvider, Transport } from './types.js';

// The options of a `CosClient`, their defaults and checks: what its constructor turns into request runners.

export interface CosClientOptions extends BucketLocation {
  tokenProvider: TokenProvider;
  /** Default: XhrTransport where XMLHttpRequest exists (upload progress), else FetchTransport. */
  transport?: Transport;
  /** Handed to token providers that sign locally and have none of their own (Node: nodeHash). */
  hash?: HashProvider;
  /** Retries of network errors, 5xx and SlowDown per call; default 3. Re-signing is separate (≤ 2). */
  maxRetries?: number;
  backoff?: BackoffOptions;
  now?: () => number;
  /** Waits between retries; tests inject an instant one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * No upload progress for this long aborts the attempt, which is retried on a new connection.
   * Default 30 000 ms; 0 turns the watchdog off (docs/networks.md).
   */
  stallTimeoutMs?: number;
  /**
   * Once a body is fully sent, the answer must start within this long. Default 180 000 ms (image processing takes time).
   * Bodies COS stores without processing wait less once the host's pace is known (docs/networks.md#learned-answer-deadline).
   */
  responseTimeoutMs?: number;
  /** Default: the browser's online/offline events (always online in Node). Failures while offline cost no retry. */
  network?: NetworkStatus;
  /**
   * Base URL template of the CI host for picture jobs, as `endpoint` is for COS. Default
   * `https://{Bucket}.ci.{Region}.myqcloud.com`; the emulator: `http://127.0.0.1:9100/ci/{Bucket}`.
   */
  ciEndpoint?: string;
}

export interface HeadObjectResult {
  etag?: string;
  size?: number;
  contentType?: string;
  lastModified?: string;
  requestId?: string;
  /** `x-cos-hash-crc64ecma` when readable. */
  crc64?: string;
  /** All readable response headers, names lower-cased. */
  headers: Record<string, string>;
}

export interface ObjectUrlOptions {
  /** Raw query appended unsigned after the signature, e.g. `imageMogr2/thumbnail/200x/format/webp`. */
  query?: string;
  /** Validity in seconds; default 900 (the SDK's), never past the credentials' expiry. */
  expires?: number;
  signal?: AbortSignal;
}

const DEFAULT_ENDPOINT = 'https://{Bucket}.cos.{Region}.myqcloud.com';
const DEFAULT_CI_ENDPOINT = 'https://{Bucket}.ci.{Region}.myqcloud.com';

function resolveEndpoint(template: string, bucket: string, region: string): string {
  const url = template.replace(/\{Bucket\}/g, bucket).replace(/\{Region\}/g, region).replace(/\/+$/, '');
  try {
    if (!/^https?:$/.test(new URL(url).protocol)) throw new Error('not http(s)');
  } catch {
    throw new CosError({ code: 'InvalidEndpoint', message: `Endpoint "${template}" is not an http(s) URL template`, source: 'client', retryable: false });
  }
  return url;
}

function checkTimeout(name: string, ms: number): number {
  if (!(ms >= 0)) throw new RangeError(`CosClient: ${name} must be a number of ms ≥ 0 (0: none), got ${ms}`);
  return ms;
}

/**
 * FetchTransport, imported on its first request: only Node and service workers lack XMLHttpRequest, so a page never
 * loads it (docs/bundle-size.md#what-waits-for-its-first-use). A failed import is tried again on the next request.
 */
function lazyFetchTransport(): Transport {
  const transport = lazyImport<Transport>('the fetch transport', () => import('./http/fetch-transport.js').then((m) => new m.FetchTransport()));
  return {
    send: (request, options) => transport().then((t) => t.send(request, options)),
  };
}

/**
 * The settings both of a client's request runners share (the COS host and the CI host), defaults applied and
 * checked, with the COS base URL and the CI one. Throws on an endpoint that is not an http(s) URL template.
 */
export function runnerSettings(options: CosClientOptions): { shared: Omit<RequestRunnerOptions, 'baseUrl'>; baseUrl: string; ciBaseUrl: string } {
  const shared = {
    bucket: options.bucket,
    region: options.region,
    tokenProvider: options.tokenProvider,
    transport: options.transport ?? (typeof XMLHttpRequest !== 'undefined' ? new XhrTransport() : lazyFetchTransport()),
    hash: options.hash,
    maxRetries: options.maxRetries ?? 3,
    backoff: options.backoff,
    now: options.now ?? Date.now,
    sleep: options.sleep,
    deadlines: {
      stallTimeoutMs: checkTimeout('stallTimeoutMs', options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS),
      responseTimeoutMs: checkTimeout('responseTimeoutMs', options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS),
    },
    network: options.network ?? browserNetworkStatus(),
  };
  return {
    shared,
    baseUrl: resolveEndpoint(options.endpoint ?? DEFAULT_ENDPOINT, options.bucket, options.region),
    ciBaseUrl: resolveEndpoint(options.ciEndpoint ?? DEFAULT_CI_ENDPOINT, options.bucket, options.region),
  };
}
