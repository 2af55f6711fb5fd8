import type { CosClient } from '../../core/client.js';
import type { createSignerTokenProvider } from '../../core/auth/credentials-signer.js';
import type { createStsTokenProvider } from '../../core/auth/credentials-sts.js';
import type { UploadManager } from '../../core/upload/manager.js';

/** What the uploader needs from the engine module. */
export interface Engine {
  CosClient: typeof CosClient;
  UploadManager: typeof UploadManager;
  createSignerTokenProvider: typeof createSignerTokenProvider;
  createStsTokenProvider: typeof createStsTokenProvider;
}

let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

/** Called by engine.ts when it is evaluated (statically bundled or lazily loaded). */
export function provideEngine(value: Engine): void {
  engine = value;
}

/** The engine if its module has run, so a page that bundles it never waits. */
export function loadedEngine(): Engine | undefined {
  return engine;
}

/**
 * Loads the engine chunk once. A failed load (offline, a deploy replaced the chunk) is forgotten,
 * so the next file tries again instead of failing for the page's lifetime.
 */
export function loadEngine(): Promise<Engine> {
  if (engine) return Promise.resolve(engine);
  loading ??= import('./engine.js').then(
    () => engine!,
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}
