/**
 * Where the uploader gets its engine: given up front by an entry that bundles it (`provideEngine`), or loaded
 * on first use as its own chunk. engine.ts imports nothing from here, so the two form no import cycle.
 */
import type { Engine } from './engine.js';

export type { Engine } from './engine.js';

let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

/** Called by an entry that bundles the engine statically (src/index.ts). */
export function provideEngine(value: Engine): void {
  engine = value;
}

/** The engine if it was provided or has loaded, so a page that bundles it never waits. */
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
    (module) => (engine = module.engine),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}
