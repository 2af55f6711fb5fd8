import type { SignerTokenProviderOptions } from './credentials-signer.js';
import type { TokenProvider } from '../types.js';

/**
 * `createSignerTokenProvider` with its code imported on the first signature: most pages fetch temporary keys
 * (`token-url`), so the standalone bundle keeps the signing-backend provider out of their upload path
 * (docs/bundle-size.md#what-waits-for-its-first-use). Same name and answers; a failed import is tried again.
 */
export function lazySignerTokenProvider(options: SignerTokenProviderOptions): TokenProvider {
  let loading: Promise<TokenProvider> | undefined;
  const provider = (): Promise<TokenProvider> => {
    if (loading) return loading;
    const load = import('./credentials-signer.js').then((m) => m.createSignerTokenProvider(options));
    loading = load;
    load.catch(() => {
      if (loading === load) loading = undefined;
    });
    return load;
  };
  return {
    name: options.name ?? `signer ${options.url}`,
    authorize: async (request, opts) => (await provider()).authorize(request, opts),
  };
}
