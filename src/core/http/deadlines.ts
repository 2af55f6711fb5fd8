import { CosError } from './errors.js';
import { urlForMessages } from './transport-shared.js';
import type { HttpRequest } from '../types.js';

/** Default for `stallTimeoutMs`: no upload progress for this long means the connection is dead. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;
/** Default for `responseTimeoutMs`: generous, as image processing on upload can take a while after the body. */
export const DEFAULT_RESPONSE_TIMEOUT_MS = 180_000;
/**
 * Slowest body a transport without upload progress (fetch) still waits for: 16 KiB/s, below a poor mobile link.
 * Its send deadline is the stall timeout plus the body's size at this rate, then the response deadline.
 */
export const DEFAULT_MIN_SEND_BYTES_PER_SECOND = 16 * 1024;

/** Whether a deadline option bounds anything: 0, Infinity and undefined turn it off. */
export function deadlineIsOn(ms: number | undefined): ms is number {
  return ms !== undefined && Number.isFinite(ms) && ms > 0;
}

export interface DeadlineOptions {
  /** Longest silence while the body is sent or the answer is read; 0 or Infinity: none. */
  stallTimeoutMs?: number;
  /** Longest wait for the answer to start once the whole body is sent; 0 or Infinity: none. */
  responseTimeoutMs?: number;
}

/**
 * The two deadlines of one request (docs/networks.md). While the body goes out, each progress event
 * restarts a short stall timer; once it is all sent, only the long response deadline runs, so a big
 * upload waiting for COS to process it is never taken for a stalled one (the trap Uppy's progress watchdog fell into).
 * When the answer starts, its body is watched for stalls again.
 */
export class RequestDeadlines {
  readonly #options: DeadlineOptions;
  readonly #request: Pick<HttpRequest, 'method' | 'url'>;
  readonly #expire: (err: CosError) => void;
  #timer?: ReturnType<typeof setTimeout>;
  #phase: 'sending' | 'waiting' | 'receiving' | 'done' = 'sending';

  constructor(request: Pick<HttpRequest, 'method' | 'url'>, options: DeadlineOptions, expire: (err: CosError) => void) {
    this.#request = request;
    this.#options = options;
    this.#expire = expire;
  }

  /** The request went out; `hasBody` false skips straight to waiting for the answer. */
  start(hasBody: boolean): void {
    if (this.#phase !== 'sending') return;
    if (hasBody) this.#stallTimer();
    else this.bodySent();
  }

  /**
   * For transports that cannot see the body go out (fetch): one deadline for sending and waiting together,
   * the stall timeout plus `bodyBytes` at `minBytesPerSecond`, plus the response deadline. Off when either
   * deadline is off, since it would then bound what the caller asked to leave unbounded.
   */
  startUnobserved(bodyBytes: number, minBytesPerSecond: number): void {
    if (this.#phase !== 'sending') return;
    this.#phase = 'waiting';
    const { stallTimeoutMs: stall, responseTimeoutMs: response } = this.#options;
    const total = deadlineIsOn(stall) && deadlineIsOn(response) && minBytesPerSecond > 0
      ? stall + (bodyBytes / minBytesPerSecond) * 1000 + response
      : undefined;
    this.#arm(total, () => this.#fail('ResponseTimeout',
      `no answer within ${seconds(total)} s (a ${bodyBytes}-byte body at ≥ ${minBytesPerSecond} bytes/s, then the response deadline)`));
  }

  /** Bytes moved (upload or download): the stall timer starts over. All of the body sent counts as `bodySent`. */
  progress(loaded = 0, total = 0): void {
    if (this.#phase === 'sending' && total > 0 && loaded >= total) this.bodySent();
    else if (this.#phase === 'sending' || this.#phase === 'receiving') this.#stallTimer();
  }

  bodySent(): void {
    if (this.#phase !== 'sending') return;
    this.#phase = 'waiting';
    this.#arm(this.#options.responseTimeoutMs, () => this.#fail('ResponseTimeout',
      `COS did not answer within ${seconds(this.#options.responseTimeoutMs)} s after the body was sent`));
  }

  /** The answer's headers arrived. */
  answered(): void {
    if (this.#phase === 'done' || this.#phase === 'receiving') return;
    this.#phase = 'receiving';
    this.#stallTimer();
  }

  stop(): void {
    this.#phase = 'done';
    clearTimeout(this.#timer);
  }

  #stallTimer(): void {
    const what = this.#phase === 'receiving' ? 'the answer' : 'the upload';
    this.#arm(this.#options.stallTimeoutMs, () => this.#fail('RequestStalled',
      `no progress on ${what} for ${seconds(this.#options.stallTimeoutMs)} s: the connection stalled`));
  }

  #arm(ms: number | undefined, onExpire: () => void): void {
    clearTimeout(this.#timer);
    this.#timer = deadlineIsOn(ms) ? setTimeout(onExpire, ms) : undefined;
  }

  #fail(code: string, problem: string): void {
    if (this.#phase === 'done') return;
    this.stop();
    const { method, url } = this.#request;
    // A NetworkError-like failure (status 0, retryable): the retry goes out on a new connection.
    this.#expire(new CosError({ code, message: `${method} ${urlForMessages(url)}: ${problem}`, status: 0, source: 'network', retryable: true }));
  }
}

function seconds(ms: number | undefined): string {
  return String(Math.round((ms ?? 0) / 100) / 10);
}
