import type { TokenProvider } from '../wire-types.js';

/** Where an element or tool gets its credentials: the three ways a page can name them. */
export interface TokenSource {
  /** Wins over the URLs: the page supplies keys or signatures itself. */
  tokenProvider?: TokenProvider;
  /** A backend handing out temporary keys (STS); preferred, the browser then signs each request. */
  tokenUrl?: string;
  /** A backend that signs each request; used only when no token URL is given. */
  signUrl?: string;
}

/** Builds a provider from a URL; callers pass their own so optional modules load only where used. */
export interface TokenProviderFactories {
  sts(url: string): TokenProvider;
  signer(url: string): TokenProvider;
}

/** True when the source names a way to get credentials. */
export function hasTokenSource(source: TokenSource): boolean {
  return Boolean(source.tokenProvider || source.tokenUrl || source.signUrl);
}

/** The provider a source names (undefined when it names none), in one precedence for every caller. */
export function tokenProviderFor(source: TokenSource, make: TokenProviderFactories): TokenProvider | undefined {
  if (source.tokenProvider) return source.tokenProvider;
  if (source.tokenUrl) return make.sts(source.tokenUrl);
  if (source.signUrl) return make.signer(source.signUrl);
  return undefined;
}
