import { CosError, isAbortError } from './http/errors.js';
import { abortReason, sleep as abortableSleep, throwIfAborted } from './http/abort.js';
import { backoffDelay, classifyError, slowDownDelay, type BackoffOptions } from './http/retry.js';
import { bodySize, isForbiddenHeader } from './http/transport-shared.js';
import { cosUrlEncode, encodeKeyPath } from './auth/canonical.js';
import { isSignableHeader } from './auth/sign.js';
import { appendRawQuery, checkRawQuery } from './auth/presign.js';
import { invalidResponse } from './xml/invalid-response.js';
import { clientXml, type XmlCalls } from './lazy-client-xml.js';
import { validateHeaders, validateKey } from './client-validate.js';
import type { HashProvider } from './auth/hash.js';
import { browserNetworkStatus, whenOnline, type NetworkStatus } from './http/network.js';
import { DEFAULT_RESPONSE_TIMEOUT_MS, DEFAULT_STALL_TIMEOUT_MS } from './http/deadlines.js';
import { AnswerDeadlines } from './http/answer-deadline.js';
import type { Authorization, HttpMethod, HttpRequest, HttpResponse, RetryNotice, TokenProvider, Transport } from './types.js';

/**
 * The CosError for a non-2xx answer. Reading its body (COS error XML) is code a page whose uploads succeed never runs,
 * so it loads on the first such answer (docs/bundle-size.md#what-waits-for-its-first-use). When it cannot load, the
 * error is still reported, from the status and the body as text, and the next answer tries the load again.
 */
async function errorOf(response: HttpResponse): Promise<CosError> {
  let xml: XmlCalls;
  try {
    xml = await clientXml();
  } catch (err) {
    return invalidResponse(response, `its error could not be read (${err instanceof Error ? err.message : String(err)})`, response.text, err);
  }
  return xml.cosErrorFromResponse(response);
}

/** One COS call as the client's generic `request()` takes it. */
export interface CosRequest {
  method: HttpMethod;
  /** Object key; omitted for bucket-level calls (ListMultipartUploads). */
  key?: string;
  /** Action and listing parameters, signed (uploads, uploadId, partNumber, prefix…); '' is a bare `?name`. */
  params?: Record<string, string>;
  /** Appended after signing, unsigned: an image rule such as `imageMogr2/thumbnail/200x` (docs/protocol.md#head-and-get). */
  rawQuery?: string;
  headers?: Record<string, string>;
  body?: HttpRequest['body'];
  responseType?: 'text' | 'blob';
  signal?: AbortSignal;
  onUploadProgress?: (loaded: number, total: number) => void;
  /** Told before each retry, with the failure that caused it and the retry to come. */
  onRetry?: (error: unknown, notice: RetryNotice) => void;
  /** Sent without an Authorization header: the body authorises itself (a POST Object form). */
  unsigned?: boolean;
  /**
   * COS answers as soon as the body has arrived (no processing: UploadPart, PutObject without Pic-Operations), so
   * the wait for the answer may be learned from the host's recent bodies (docs/networks.md#learned-answer-deadline).
   */
  quickAnswer?: boolean;
}

export interface RequestRunnerOptions {
  bucket: string;
  region: string;
  /** Base URL with `{Bucket}`/`{Region}` already substituted, no trailing slash. */
  baseUrl: string;
  tokenProvider: TokenProvider;
  transport: Transport;
  hash?: HashProvider;
  maxRetries: number;
  backoff?: BackoffOptions;
  now: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Handed to the transport with every request (docs/networks.md); default 30 s stall, 180 s response. */
  deadlines?: { stallTimeoutMs: number; responseTimeoutMs: number };
  /** Attempts failing while offline wait for the network and are not counted as retries; default the browser's. */
  network?: NetworkStatus;
  /** Header carrying an STS token: `x-cos-security-token`, or `x-ci-security-token` on the CI host. */
  securityTokenHeader?: string;
}

/**
 * The browser SDK drops these before signing (docs/protocol.md#signed-headers-and-parameters): content-type is not signed
 * since cos-js-sdk-v5 1.2.6, and proxies may rewrite cache-control/expires.
 */
const NEVER_SIGNED = new Set(['content-type', 'cache-control', 'expires', 'authorization', 'x-cos-security-token']);

const DEFAULT_DEADLINES = { stallTimeoutMs: DEFAULT_STALL_TIMEOUT_MS, responseTimeoutMs: DEFAULT_RESPONSE_TIMEOUT_MS };

/** Signs, sends and retries COS requests; one instance per client. */
export class RequestRunner {
  readonly host: string;
  /** Server time minus local time (ms), learned from clock-skew errors. */
  clockOffsetMs = 0;
  readonly #o: RequestRunnerOptions;
  readonly #answers = new AnswerDeadlines();

  constructor(options: RequestRunnerOptions) {
    this.#o = options;
    this.host = new URL(options.baseUrl).host;
  }

  /** The object's URL with the (encoded) action parameters, before any signature. */
  objectUrl(key: string, params: Record<string, string> = {}): string {
    const query = Object.entries(params)
      .map(([name, value]) => (value === '' ? cosUrlEncode(name) : `${cosUrlEncode(name)}=${cosUrlEncode(value)}`))
      .join('&');
    return this.#o.baseUrl + encodeKeyPath(key) + (query ? `?${query}` : '');
  }

  /** Host, content-length for bodies and the SDK's whitelist minus what browsers set or proxies change. */
  headersToSign(headers: Record<string, string>, body: HttpRequest['body']): Record<string, string> {
    const signed: Record<string, string> = { host: this.host };
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (value === '' || NEVER_SIGNED.has(lower) || isForbiddenHeader(lower) || !isSignableHeader(lower)) continue;
      signed[lower] = value;
    }
    if (body !== undefined) signed['content-length'] = String(bodySize(body));
    return signed;
  }

  async authorize(method: HttpMethod, key: string, params: Record<string, string>, headers: Record<string, string>, signal?: AbortSignal, expires?: number) {
    const { bucket, region, hash } = this.#o;
    return this.#o.tokenProvider.authorize(
      { bucket, region, method, key, pathname: `/${key}`, query: params, headers, clockOffsetMs: this.clockOffsetMs, expires, hash },
      { signal },
    );
  }

  /**
   * Runs one call: validates, then signs and sends each attempt, retrying per `classifyError`
   * (docs/protocol.md#retries). `parse` runs inside the loop, so an `<Error>` in a 200 body is retried too.
   */
  async run<T>(request: CosRequest, parse: (response: HttpResponse) => T | Promise<T>): Promise<T> {
    // Bucket-level calls (ListMultipartUploads) have no key; for object calls '' is an error.
    if (request.key !== undefined) validateKey(request.key);
    const key = request.key ?? '';
    const headers = request.headers ?? {};
    validateHeaders(headers);
    checkRawQuery(request.rawQuery);
    const { signal } = request;
    let retries = 0;
    let resigns = 0;
    // After a learned answer deadline ran out, the request's next attempts wait the full response timeout.
    let patient = false;
    const signedBy: { auth?: Authorization } = {};
    const network = this.#o.network ?? browserNetworkStatus();
    for (;;) {
      throwIfAborted(signal);
      const outages = network.outages;
      try {
        const response = await this.#attempt(request, key, headers, signedBy, patient);
        if (response.status < 200 || response.status >= 300) throw await errorOf(response);
        return await parse(response);
      } catch (err) {
        if (signal?.aborted) throw abortReason(signal);
        if (isAbortError(err)) throw err;
        const action = classifyError(err);
        if (err instanceof CosError && err.code === 'ResponseTimeout') patient = true;
        if ((action === 'retry' || action === 'slow-down') && (!network.online || network.outages !== outages)) {
          // The device went offline: that attempt proves nothing about COS. Wait for the network, retry for free.
          await whenOnline(network, signal);
          continue;
        }
        if (action === 'resign' && resigns < 2) {
          resigns += 1;
          this.#learnClock(err as CosError);
          // Told which keys signed the failure: concurrent expiries then cause one refresh, not one each.
          this.#o.tokenProvider.invalidate?.(signedBy.auth);
          continue;
        }
        if ((action === 'retry' || action === 'slow-down') && retries < this.#o.maxRetries) {
          const delay = action === 'retry' ? backoffDelay(retries, this.#o.backoff) : slowDownDelay(retries, this.#o.backoff);
          retries += 1;
          const { code = 'Error', status = 0 } = err as Partial<CosError>;
          request.onRetry?.(err, { code, status, host: this.host, attempt: retries, maxRetries: this.#o.maxRetries, delayMs: delay });
          await (this.#o.sleep ?? abortableSleep)(delay, signal);
          // The browser may report the outage just after the failure it caused: that retry is given back.
          if (!network.online || network.outages !== outages) {
            retries -= 1;
            await whenOnline(network, signal);
          }
          continue;
        }
        if (isNetworkFailure(err) && (await outageFollows(network, outages, signal))) {
          // Out of retries, but the browser reported the outage just after the failure it caused: not COS's fault.
          await whenOnline(network, signal);
          continue;
        }
        throw err;
      }
    }
  }

  /** Every attempt is signed right before it is sent, so a retry never carries a stale signature. */
  async #attempt(request: CosRequest, key: string, headers: Record<string, string>, signedBy: { auth?: Authorization }, patient: boolean): Promise<HttpResponse> {
    const params = request.params ?? {};
    if (request.unsigned) {
      return this.#send(request, { method: request.method, url: this.objectUrl(key, params), headers, body: request.body, responseType: request.responseType }, patient);
    }
    const signed = this.headersToSign(headers, request.body);
    const auth = await this.authorize(request.method, key, params, signed, request.signal);
    signedBy.auth = auth;
    const sendHeaders = { ...headers };
    let url: string;
    if ('url' in auth) {
      url = auth.url;
    } else {
      url = this.objectUrl(key, params);
      sendHeaders.Authorization = auth.authorization;
      if (auth.securityToken) sendHeaders[this.#o.securityTokenHeader ?? 'x-cos-security-token'] = auth.securityToken;
    }
    return this.#send(request, { method: request.method, url: appendRawQuery(url, request.rawQuery), headers: sendHeaders, body: request.body, responseType: request.responseType }, patient);
  }

  /** Hands one attempt to the transport with its deadlines, and learns from a quick answer how fast bodies go. */
  async #send(request: CosRequest, http: HttpRequest, patient: boolean): Promise<HttpResponse> {
    const deadlines = this.#o.deadlines ?? DEFAULT_DEADLINES;
    const options = { signal: request.signal, onUploadProgress: request.onUploadProgress, ...deadlines };
    if (!request.quickAnswer || request.body === undefined) return this.#o.transport.send(http, options);
    const bytes = bodySize(request.body);
    if (!patient) options.responseTimeoutMs = this.#answers.responseTimeoutFor(bytes, deadlines);
    const started = monotonicMs();
    const response = await this.#o.transport.send(http, options);
    if (response.status >= 200 && response.status < 300) this.#answers.record(bytes, monotonicMs() - started);
    return response;
  }

  /** RequestTimeTooSkewed / expired: trust the server's clock from now on (docs/protocol.md#errors). */
  #learnClock(err: CosError): void {
    if (err.serverTime !== undefined) this.clockOffsetMs = err.serverTime - this.#o.now();
  }
}

/** A clock for durations that the page's clock setting (or a test's injected `now`) does not move. */
function monotonicMs(): number {
  return globalThis.performance?.now() ?? Date.now();
}

/** How long a failed request waits for the browser's `offline` event, which can follow the failure it caused. */
const OUTAGE_REPORT_GRACE_MS = 100;

/** No answer at all (the connection failed): what an outage does to a request in flight. */
function isNetworkFailure(err: unknown): boolean {
  return err instanceof CosError && err.code === 'NetworkError';
}

/** True when the device turns out to be (or have been) offline within the grace period. */
async function outageFollows(network: NetworkStatus, outagesBefore: number, signal?: AbortSignal): Promise<boolean> {
  if (!network.online || network.outages !== outagesBefore) return true;
  await abortableSleep(OUTAGE_REPORT_GRACE_MS, signal);
  return !network.online || network.outages !== outagesBefore;
}
