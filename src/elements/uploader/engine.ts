/**
 * The upload engine the uploader builds its manager from: the COS client, the manager and the two
 * token providers its attributes name. Standalone pages load this module on first use (engine-loader.ts);
 * the package entry imports it and hands it to the loader, so the uploader never waits there.
 */
import { createSignerTokenProvider } from '../../core/auth/credentials-signer.js';
import { createStsTokenProvider } from '../../core/auth/credentials-sts.js';
import { CosClient } from '../../core/client.js';
import { UploadManager } from '../../core/upload/manager.js';

/** What the uploader needs from the engine module. */
export interface Engine {
  CosClient: typeof CosClient;
  UploadManager: typeof UploadManager;
  createSignerTokenProvider: typeof createSignerTokenProvider;
  createStsTokenProvider: typeof createStsTokenProvider;
}

export const engine: Engine = { CosClient, UploadManager, createSignerTokenProvider, createStsTokenProvider };
