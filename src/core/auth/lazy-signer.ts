import type { SignerTokenProviderOptions } from './credentials-signer.js';
import type { TokenProvider } from '../types.js';
import { lazyImport } from '../lazy-import.js';

/**
 * `createSignerTokenProvider` with its code imported on the first signature: most pages fetch temporary keys
 * (`token-url`), so the standalone bundle keeps the signing-backend provider out of their upload path
 * (docs/bundle-size.md#what-waits-for-its-first-use). Same name and answers; a failed import is tried again.
 */
export function lazySignerTokenProvider(options: SignerTokenProviderOptions): TokenProvider {
  const provider = lazyImport('the signing-backend provider', () =>
    import('./credentials-signer.js').then((m) => m.createSignerTokenProvider(options)),
  );
  return {
    name: options.name ?? `signer ${options.url}`,
    authorize: async (request, opts) => (await provider()).authorize(request, opts),
  };
}
