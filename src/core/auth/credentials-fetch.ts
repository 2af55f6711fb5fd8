import { CosError } from '../http/errors.js';
import { abortReason, raceAbort, throwIfAborted } from '../http/abort.js';
import { describeBody } from '../xml/invalid-response.js';

export type ProviderErrorCode = 'CredentialsError' | 'ExpiredCredentials';

/** A failure of a token provider; the message names the provider so a page knows which backend to fix. */
export function providerError(
  name: string,
  problem: string,
  extra: { code?: ProviderErrorCode; status?: number; retryable?: boolean; cause?: unknown } = {},
): CosError {
  return new CosError({
    code: extra.code ?? 'CredentialsError',
    message: `Token provider "${name}" ${problem}`,
    status: extra.status ?? 0,
    source: 'provider',
    retryable: extra.retryable ?? false,
    cause: extra.cause,
  });
}

/** A backend URL answering credentials or signatures. */
export interface ProviderEndpoint {
  /** Relative URLs work in browsers; Node needs an absolute one. */
  url: string;
  /** Default: the global fetch, looked up when called. */
  fetch?: typeof fetch;
  /** Merged into every request (headers, credentials: 'include', …). */
  init?: RequestInit;
  /** Give up after this long; default 20 000 ms. */
  timeoutMs?: number;
}

/**
 * Fetches the endpoint and returns the body text of a 2xx answer. Every failure becomes a
 * provider CosError (HTTP status, unreachable, timeout); an abort by the caller rejects with its reason.
 */
export async function fetchProviderText(
  name: string,
  endpoint: ProviderEndpoint,
  signal: AbortSignal | undefined,
  init: RequestInit = {},
  onResponse?: (response: Response) => void,
): Promise<string> {
  throwIfAborted(signal);
  const timeoutMs = endpoint.timeoutMs ?? 20_000;
  const controller = new AbortController();
  const timeout = providerError(name, `did not answer within ${timeoutMs / 1000} s`, { retryable: true });
  const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
  const onAbort = () => controller.abort(abortReason(signal as AbortSignal));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const fetchImpl = endpoint.fetch ?? globalThis.fetch;
    const request = { ...endpoint.init, ...init, signal: controller.signal };
    // raceAbort: a fetch that ignores its signal must not hang the caller past the timeout.
    const response = await raceAbort(fetchImpl(endpoint.url, request), controller.signal);
    onResponse?.(response);
    const text = await raceAbort(response.text(), controller.signal);
    if (!response.ok) {
      const seen = describeBody(text);
      throw providerError(name, `answered HTTP ${response.status}${seen ? `: "${seen}"` : ''}`, {
        status: response.status,
        retryable: response.status >= 500 || response.status === 429,
      });
    }
    return text;
  } catch (err) {
    if (signal?.aborted) throw abortReason(signal);
    if (controller.signal.aborted) throw timeout;
    if (err instanceof CosError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw providerError(name, `could not be reached (${detail})`, { retryable: true, cause: err });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of an unexpected value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string "${describeBody(value)}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
