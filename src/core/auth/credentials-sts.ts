import { createCredentialsProvider, type CredentialsTokenProvider } from './credentials.js';
import { fetchProviderText, providerError, type ProviderEndpoint } from './credentials-fetch.js';
import { describeBody } from '../xml/invalid-response.js';
import type { HashProvider } from './hash.js';
import type { RefreshPolicyOptions } from './credentials-refresh.js';

export interface StsTokenProviderOptions extends ProviderEndpoint, RefreshPolicyOptions {
  /** Names the provider in error messages; default `sts <url>`. */
  name?: string;
  hash?: HashProvider;
  now?: () => number;
}

/**
 * Temporary keys from a backend URL (a GET by default; `init` can make it a POST with a body).
 * The answer is JSON in any shape `normalizeCredentials` accepts; keys are cached and refreshed
 * before expiry, and every request is signed in the browser with them (docs/protocol.md#credentials).
 */
export function createStsTokenProvider(options: StsTokenProviderOptions): CredentialsTokenProvider {
  const name = options.name ?? `sts ${options.url}`;
  const now = options.now ?? Date.now;
  let providerClockOffset: number | undefined;
  // The backend's Date header tells how far this device's clock is off (same origin, or CORS-exposed).
  const readDate = (response: Response) => {
    const serverMs = Date.parse(response.headers.get('date') ?? '');
    providerClockOffset = Number.isNaN(serverMs) ? undefined : serverMs - now();
  };
  return createCredentialsProvider({
    name,
    refreshMarginSeconds: options.refreshMarginSeconds,
    retries: options.retries,
    retryBaseMs: options.retryBaseMs,
    sleep: options.sleep,
    hash: options.hash,
    now: options.now,
    providerClockOffset: () => providerClockOffset,
    async getCredentials(signal) {
      const text = await fetchProviderText(name, options, signal, {}, readDate);
      try {
        return JSON.parse(text) as unknown;
      } catch (cause) {
        throw providerError(name, `did not answer JSON: "${describeBody(text)}"`, { cause });
      }
    },
  });
}
