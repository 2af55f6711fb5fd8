/**
 * The upload engine the uploader builds its manager from: the COS client, the manager and the two
 * token providers its attributes name. Standalone pages load this module on first use (see
 * engine-loader.ts); evaluating it, however it was imported, makes it available synchronously.
 */
import { createSignerTokenProvider } from '../../core/auth/credentials-signer.js';
import { createStsTokenProvider } from '../../core/auth/credentials-sts.js';
import { CosClient } from '../../core/client.js';
import { UploadManager } from '../../core/upload/manager.js';
import { provideEngine } from './engine-loader.js';

export { CosClient, UploadManager, createSignerTokenProvider, createStsTokenProvider };

provideEngine({ CosClient, UploadManager, createSignerTokenProvider, createStsTokenProvider });
