/**
 * Which CRC-64 implementation hashes a blob: the JS loop (crc64.ts) or WebAssembly (crc64-wasm.ts), about 1.7 times
 * less CPU per byte in Chromium (docs/crc64-wasm.md). WebAssembly is used only for large blobs, and with `'auto'`
 * only where the page's CSP lets it compile without a violation report; the decision, the lazy chunk and the
 * compiled module are made once per page. Any failure (chunk, compile, instantiate) means JS for the page: the
 * check itself is never lost. The chooser (crc64-engines.ts) loads with the WebAssembly code, on the first large blob:
 * this module is only what every hash needs.
 */
import { Crc64 } from './crc64.js';

/**
 * `'auto'` (default): WebAssembly where the page's CSP visibly allows it (docs/crc64-wasm.md#when-webassembly-is-used);
 * `'on'`: always try it (a CSP that forbids it then reports one violation, and JS takes over); `'off'`: JS only.
 */
export type WasmChecksum = 'auto' | 'on' | 'off';
export type Crc64EngineName = 'js' | 'wasm';

export interface Crc64Hasher {
  update(bytes: Uint8Array): unknown;
  digest(): string;
}

/** Blobs (or files, for their parts) this large may use WebAssembly; smaller ones never load its chunk. */
export const WASM_MIN_BYTES = 8 * 1024 * 1024;
/**
 * The most the decision may take (chunk load, the CSP check's HEAD request, compile): every large hash waits for
 * it, so a server that never answers must not hold the uploads' checks; past it, JS for the page.
 */
export const DECISION_TIMEOUT_MS = 10_000;

/** Rejects after `ms` unless `promise` settled first. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('The WebAssembly CRC was not ready in time')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Whether a hash of `size` bytes may use WebAssembly at all (before any CSP check or chunk load). */
export function mayUseWasm(size: number, mode: WasmChecksum): boolean {
  return mode !== 'off' && size >= WASM_MIN_BYTES && typeof WebAssembly === 'object';
}

/** Picks the engine for one hash (crc64-engines.ts; tests hand in their own). */
export interface Crc64Chooser {
  hasherFor(size: number, mode: WasmChecksum): Promise<{ hasher: Crc64Hasher; engine: Crc64EngineName }>;
}

let pageChooser: Promise<Crc64Chooser> | undefined;

/** A fresh hasher for `size` bytes (a part: its file's size), and which engine it is; `chooser` default the page's. */
export async function crc64HasherFor(size: number, mode: WasmChecksum = 'auto', chooser?: Crc64Chooser): Promise<{ hasher: Crc64Hasher; engine: Crc64EngineName }> {
  if (mayUseWasm(size, mode)) {
    try {
      const chosen = chooser ?? await within(pageChooser ??= import('./crc64-engines.js').then((m) => m.pageCrc64Engines), DECISION_TIMEOUT_MS);
      return await chosen.hasherFor(size, mode);
    } catch {
      // The chunk did not load: JS, as for any other failure.
    }
  }
  return { hasher: new Crc64(), engine: 'js' };
}
