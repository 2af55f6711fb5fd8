import { CosError } from '../http/errors.js';
import { sleep as abortableSleep } from '../http/abort.js';
import { backoffDelay } from '../http/retry.js';
import type { Authorization, TemporaryCredentials } from '../types.js';

/**
 * When cached temporary keys are refreshed and how a failing backend is retried (docs/networks.md).
 * Pure policy, no I/O, so it is tested on its own.
 */

/** Keys are refreshed when at most this share of their lifetime is left (short-lived keys)… */
export const REFRESH_FRACTION = 0.25;
/** …or the configured margin (default 60 s), whichever comes first. */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 60;
/** Keys with less than this left are not used to sign: the request could arrive after they expire. */
export const MIN_USABLE_SECONDS = 5;

export interface RefreshPolicyOptions {
  /** Upper bound of the early-refresh margin in seconds; default 60. */
  refreshMarginSeconds?: number;
  /** Retries of a transient backend failure (network, timeout, 429, 5xx); default 3. */
  retries?: number;
  /** First back-off delay in ms, doubling per retry (full jitter); default 500. */
  retryBaseMs?: number;
  /** Waits between retries; tests inject an instant one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Lifetime in seconds: from StartTime, or from when the keys arrived when the backend gave none. */
export function lifetimeSeconds(keys: TemporaryCredentials, receivedAtSec: number): number {
  return Math.max(0, keys.expiredTime - (keys.startTime || receivedAtSec));
}

/** Seconds before expiry at which a refresh starts: a quarter of the lifetime, at most the margin. */
export function refreshMarginFor(lifetime: number, marginSeconds = DEFAULT_REFRESH_MARGIN_SECONDS): number {
  return Math.min(marginSeconds, lifetime * REFRESH_FRACTION);
}

/** A provider failure worth another try: the backend was unreachable, slow, rate-limited or failing (5xx). */
export function isTransientProviderError(err: unknown): boolean {
  return err instanceof CosError && err.source === 'provider' && err.retryable;
}

/** Runs `fetchOnce`, retrying transient failures with exponential back-off; an abort ends it at once. */
export async function withProviderRetries<T>(
  fetchOnce: () => Promise<T>,
  signal: AbortSignal,
  options: RefreshPolicyOptions,
): Promise<T> {
  const retries = options.retries ?? 3;
  const wait = options.sleep ?? abortableSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce();
    } catch (err) {
      if (signal.aborted || attempt >= retries || !isTransientProviderError(err)) throw err;
      await wait(backoffDelay(attempt, { baseMs: options.retryBaseMs ?? 500, maxMs: 8000 }), signal);
    }
  }
}

/** Whether a request that failed as expired was signed with these keys (else newer keys already replaced them). */
export function signedWith(keys: TemporaryCredentials, used: Authorization): boolean {
  if ('url' in used) return used.url.includes(`q-ak=${encodeURIComponent(keys.secretId)}`) || used.url.includes(`q-ak=${keys.secretId}`);
  if (used.securityToken !== undefined && keys.securityToken !== undefined) return used.securityToken === keys.securityToken;
  return used.authorization.includes(`q-ak=${keys.secretId}&`);
}
