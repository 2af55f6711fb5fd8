import { CosError } from './errors.js';

/**
 * What to do with a failed request (docs/protocol.md#retries):
 * retry after a back-off, re-sign (fresh credentials, corrected clock) and retry, slow down, or fail.
 */
export type RetryAction = 'retry' | 'resign' | 'slow-down' | 'fail';

const EXPIRED_MESSAGES = /expired|has expired/i;

export function classifyError(err: unknown): RetryAction {
  if (!(err instanceof CosError)) return 'fail';
  if (err.code === 'SlowDown' || err.status === 429 || err.status === 503) return 'slow-down';
  if (err.code === 'RequestTimeTooSkewed' || err.code === 'ExpiredToken') return 'resign';
  // COS answers an expired q-sign-time or STS token with AccessDenied "Request has expired" (docs/protocol.md#errors).
  if (err.code === 'AccessDenied' && EXPIRED_MESSAGES.test(err.message)) return 'resign';
  if (err.source === 'provider' || err.source === 'client') return 'fail';
  return err.retryable ? 'retry' : 'fail';
}

export interface BackoffOptions {
  /** First delay in ms; doubles each attempt. */
  baseMs?: number;
  maxMs?: number;
  /** Injected for tests; returns [0, 1). */
  random?: () => number;
}

/** Exponential back-off with full jitter: a random delay in [0, min(max, base·2^attempt)]. */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 300;
  const max = opts.maxMs ?? 10_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt));
  return Math.round((opts.random ?? Math.random)() * ceiling);
}

/** Slow-down responses wait at least a second and back off harder than plain errors. */
export function slowDownDelay(attempt: number, opts: BackoffOptions = {}): number {
  return 1000 + backoffDelay(attempt + 1, { ...opts, baseMs: (opts.baseMs ?? 300) * 2 });
}
