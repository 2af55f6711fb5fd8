/**
 * The upload engine the uploader builds its manager from: the COS client, the manager and the token
 * provider its attributes name. Standalone pages load this module on first use (engine-loader.ts);
 * the package entry imports it and hands it to the loader, so the uploader never waits there.
 */
import { lazySignerTokenProvider } from '../../core/auth/lazy-signer.js';
import { createStsTokenProvider } from '../../core/auth/credentials-sts.js';
import { tokenProviderFor, type TokenSource } from '../../core/auth/token-source.js';
import { CosClient } from '../../core/client.js';
import type { TokenProvider } from '../../core/types.js';
import { UploadManager } from '../../core/upload/manager.js';
import { adoptingFetch } from './early-keys.js';

/** What the uploader needs from the engine module. */
export interface Engine {
  CosClient: typeof CosClient;
  UploadManager: typeof UploadManager;
  /** The provider the settings name, from the shared precedence (token provider, then token URL, then sign URL). */
  tokenProviderFor(source: TokenSource): TokenProvider | undefined;
}

export const engine: Engine = {
  CosClient, UploadManager,
  tokenProviderFor: (source) => tokenProviderFor(source, {
    // Keys fetched at the user's intent while this chunk loaded are adopted, not fetched again (early-keys.ts).
    sts: (url) => createStsTokenProvider({ url, fetch: adoptingFetch }), signer: (url) => lazySignerTokenProvider({ url }),
  }),
};
