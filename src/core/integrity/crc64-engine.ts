/**
 * Which CRC-64 implementation hashes a blob: the JS loop (crc64.ts) or WebAssembly (crc64-wasm.ts), about 1.7 times
 * less CPU per byte in Chromium (docs/crc64-wasm.md). WebAssembly is used only for large blobs, and with `'auto'`
 * only where the page's CSP lets it compile without a violation report; the decision, the lazy chunk and the
 * compiled module are made once per page. Any failure (chunk, compile, instantiate) means JS for the page: the
 * check itself is never lost.
 */
import { Crc64 } from './crc64.js';
import type { Crc64WasmInstance } from './crc64-wasm.js';

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
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('The WebAssembly CRC was not ready in time')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What the lazy chunk provides (crc64-wasm.ts); tests hand in their own to simulate failures. */
export interface Crc64WasmChunk {
  pageAllowsWasm(): Promise<boolean>;
  instantiateCrc64Wasm(): Promise<Crc64WasmInstance>;
  Crc64Wasm: new (instance: Crc64WasmInstance) => Crc64Hasher;
}

export class Crc64Engines {
  readonly #load: () => Promise<Crc64WasmChunk>;
  readonly #timeoutMs: number;
  #chunk?: Promise<Crc64WasmChunk>;
  #allowed?: Promise<boolean>;
  #wasm?: Promise<{ chunk: Crc64WasmChunk; instance: Crc64WasmInstance } | undefined>;

  constructor(load: () => Promise<Crc64WasmChunk> = () => import('./crc64-wasm.js'), timeoutMs = DECISION_TIMEOUT_MS) {
    this.#load = load;
    this.#timeoutMs = timeoutMs;
  }

  /** A fresh hasher for `size` bytes (a part: its file's size), and which engine it is. */
  async hasherFor(size: number, mode: WasmChecksum = 'auto'): Promise<{ hasher: Crc64Hasher; engine: Crc64EngineName }> {
    if (mode !== 'off' && size >= WASM_MIN_BYTES && typeof WebAssembly === 'object') {
      const allowed = mode === 'on' ||
        await (this.#allowed ??= within(this.#chunkOnce().then((c) => c.pageAllowsWasm()), this.#timeoutMs).catch(() => false));
      const wasm = allowed ? await (this.#wasm ??= this.#instantiate()) : undefined;
      if (wasm) return { hasher: new wasm.chunk.Crc64Wasm(wasm.instance), engine: 'wasm' };
    }
    return { hasher: new Crc64(), engine: 'js' };
  }

  #chunkOnce(): Promise<Crc64WasmChunk> {
    return (this.#chunk ??= this.#load());
  }

  async #instantiate(): Promise<{ chunk: Crc64WasmChunk; instance: Crc64WasmInstance } | undefined> {
    try {
      const chunk = await within(this.#chunkOnce(), this.#timeoutMs);
      return { chunk, instance: await within(chunk.instantiateCrc64Wasm(), this.#timeoutMs) };
    } catch {
      return undefined;
    }
  }
}

/** The page's one chooser: one CSP decision and one compiled module for every upload on the page. */
export const pageCrc64Engines = new Crc64Engines();
