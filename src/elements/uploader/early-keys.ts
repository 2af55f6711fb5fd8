/**
 * Temporary keys fetched before the engine is loaded, handed to the engine's STS provider when it first asks
 * (docs/cold-start.md#keys-at-intent). The provider reads the answer as if it had fetched it itself: its checks,
 * its error messages and its retries (a failed early fetch is retried by the provider) all apply.
 */

/** An answer older than this is not adopted: the provider fetches afresh. */
const ADOPT_WITHIN_MS = 30_000;

interface EarlyFetch {
  url: string;
  response: Promise<Response>;
  startedAt: number;
}

let early: EarlyFetch | undefined;

/** Starts a GET of the token URL now, unless one for that URL is already waiting to be adopted. */
export function fetchKeysEarly(url: string): void {
  if (early?.url === url && Date.now() - early.startedAt < ADOPT_WITHIN_MS) return;
  const response = globalThis.fetch(url);
  // Nobody may adopt it; its failure is the provider's to report when it fetches again.
  response.catch(() => undefined);
  early = { url, response, startedAt: Date.now() };
}

/**
 * The `fetch` the engine's STS provider uses: the first plain GET of the URL fetched early (within 30 s) gets that answer
 * (once: a body is read only once); anything else goes to the global fetch, looked up when called.
 */
export function adoptingFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const waiting = early;
  // Only the element's own request: a plain GET (a signal aside), as fetchKeysEarly sent it.
  if (waiting && input === waiting.url && Object.keys(init ?? {}).every((name) => name === 'signal')) {
    early = undefined;
    if (Date.now() - waiting.startedAt < ADOPT_WITHIN_MS) return waiting.response;
  }
  return globalThis.fetch(input, init);
}
