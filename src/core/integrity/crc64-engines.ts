/**
 * The page's CRC-64 engine chooser (docs/crc64-wasm.md#when-webassembly-is-used): loaded with the WebAssembly code
 * on the first large blob (crc64-engine.ts asks it); decides once per page, compiles once, and falls back to JS
 * for the page on any failure or when a step takes longer than DECISION_TIMEOUT_MS.
 */
import { Crc64 } from './crc64.js';
import * as wasmChunk from './crc64-wasm.js';
import type { Crc64WasmInstance } from './crc64-wasm.js';
import { DECISION_TIMEOUT_MS, mayUseWasm, within, type Crc64Chooser, type Crc64EngineName, type Crc64Hasher, type WasmChecksum } from './crc64-engine.js';

/** What the lazy chunk provides (crc64-wasm.ts); tests hand in their own to simulate failures. */
export interface Crc64WasmChunk {
  pageAllowsWasm(): Promise<boolean>;
  instantiateCrc64Wasm(): Promise<Crc64WasmInstance>;
  Crc64Wasm: new (instance: Crc64WasmInstance) => Crc64Hasher;
}

export class Crc64Engines implements Crc64Chooser {
  readonly #load: () => Promise<Crc64WasmChunk>;
  readonly #timeoutMs: number;
  #chunk?: Promise<Crc64WasmChunk>;
  #allowed?: Promise<boolean>;
  #wasm?: Promise<{ chunk: Crc64WasmChunk; instance: Crc64WasmInstance } | undefined>;

  constructor(load: () => Promise<Crc64WasmChunk> = async () => wasmChunk, timeoutMs = DECISION_TIMEOUT_MS) {
    this.#load = load;
    this.#timeoutMs = timeoutMs;
  }

  /** A fresh hasher for `size` bytes (a part: its file's size), and which engine it is. */
  async hasherFor(size: number, mode: WasmChecksum = 'auto'): Promise<{ hasher: Crc64Hasher; engine: Crc64EngineName }> {
    if (mayUseWasm(size, mode)) {
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
