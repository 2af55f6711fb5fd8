import { CosError } from '../http/errors.js';
import { classifyError } from '../http/retry.js';
import type { RetryNotice, UploadSnapshot } from '../types.js';
import { UploadInterrupted, sleep } from './interrupt.js';
import type { RequestQueue } from './queue.js';

/**
 * One attempt of a file upload, as its transfer sees it. Every state change is checked against
 * `isCurrent()`: after a pause, cancel or failure, an older attempt's callbacks change nothing.
 */
export interface TransferRun {
  readonly signal: AbortSignal;
  isCurrent(): boolean;
  /**
   * Sends through the queue with the engine's retries; `onFailedAttempt` undoes a failed attempt's progress.
   * `request` gets the callback to hand the client as `onRetry`, so the row can say what is being retried.
   */
  send<T>(priority: number, request: (onRetry: (notice: RetryNotice) => void) => Promise<T>, onFailedAttempt?: () => void): Promise<T>;
  /** Bytes changed: sample the speed and notify. */
  progressed(): void;
  /** Something else in the snapshot changed. */
  changed(): void;
  /** All parts are up; CompleteMultipartUpload is next. */
  completing(): void;
}

/** The client already retried network errors, 5xx and SlowDown, and re-signed; the engine retries those kinds again. */
export function engineMayRetry(err: unknown): boolean {
  return err instanceof CosError && classifyError(err) !== 'fail';
}

/** The snapshot's error: the CosError's code, message, status and request id, or the error's name for others. */
export function describeError(err: unknown): NonNullable<UploadSnapshot['error']> {
  if (err instanceof CosError) return { code: err.code, message: err.message, status: err.status, requestId: err.requestId };
  const e = err as { name?: string; message?: string } | null;
  return { code: e?.name || 'Error', message: e?.message || String(err), status: 0 };
}

export interface SendOptions {
  queue: RequestQueue;
  priority: number;
  signal: AbortSignal;
  retryDelays: readonly number[];
  isCurrent: () => boolean;
  /** Runs when the request gets its queue slot, right before it is sent; false stops it (the file was skipped). */
  onStart?: () => boolean | void;
  onFailedAttempt?: () => void;
  /** A retry is coming, counted over the client's and the engine's retries together. */
  onRetryNotice?: (notice: RetryNotice) => void;
}

/** Queues `request`; after a failure the engine may retry, waits `retryDelays[n]` and queues it again. */
export async function sendWithRetries<T>(options: SendOptions, request: (onRetry: (notice: RetryNotice) => void) => Promise<T>): Promise<T> {
  const { queue, priority, signal, retryDelays, isCurrent } = options;
  // Each engine attempt runs the client's own retries: the budget is (client + 1) × (engine + 1) − 1.
  let retried = 0;
  let last: RetryNotice | undefined;
  const report = (notice: RetryNotice) => {
    last = notice;
    retried += 1;
    if (!isCurrent()) return;
    options.onRetryNotice?.({ ...notice, attempt: retried, maxRetries: (notice.maxRetries + 1) * (retryDelays.length + 1) - 1 });
  };
  for (let attempt = 0; ; attempt++) {
    try {
      return await queue.run(() => {
        if (!isCurrent()) return Promise.reject(signal.reason ?? new UploadInterrupted('cancel'));
        if (options.onStart?.() === false) return Promise.reject(signal.reason ?? new UploadInterrupted('cancel'));
        return request(report);
      }, { priority, signal });
    } catch (err) {
      if (!isCurrent()) throw err;
      options.onFailedAttempt?.();
      if (attempt >= retryDelays.length || !engineMayRetry(err)) throw err;
      const { code = 'Error', status = 0 } = err as Partial<CosError>;
      report({ code, status, host: last?.host ?? '', maxRetries: last?.maxRetries ?? 0, attempt: 0, delayMs: retryDelays[attempt] });
      await sleep(retryDelays[attempt], signal);
    }
  }
}
