/**
 * CRC-64/XZ in WebAssembly: the same function as `Crc64` (crc64.ts), with 64-bit table entries, so a step costs one
 * table load per byte instead of two (docs/crc64-wasm.md). Loaded lazily, only for large blobs and
 * only where the page's CSP lets it compile (crc64-engine.ts decides).
 */
import { CRC64_TABLES } from './crc64.js';
import { DATA_BYTES, DATA_OFFSET, TABLE_COUNT, crc64WasmBytes } from './crc64-wasm-module.js';

interface Exports {
  memory: WebAssembly.Memory;
  update(state: bigint, ptr: number, len: number): bigint;
}

/** One instance per page; its memory holds the tables and the data area every hash copies its chunks into. */
export interface Crc64WasmInstance {
  readonly exports: Exports;
  /** A view of the data area (re-made if the memory ever grows: a grown memory detaches old views). */
  data(): Uint8Array;
}

/** Compiles and instantiates the module; rejects where the page may not compile WebAssembly. */
export async function instantiateCrc64Wasm(): Promise<Crc64WasmInstance> {
  const { instance } = await WebAssembly.instantiate(crc64WasmBytes());
  const exports = instance.exports as unknown as Exports;
  writeTables(new DataView(exports.memory.buffer));
  let data = new Uint8Array(exports.memory.buffer, DATA_OFFSET, DATA_BYTES);
  return {
    exports,
    data: () => (data.byteLength ? data : (data = new Uint8Array(exports.memory.buffer, DATA_OFFSET, DATA_BYTES))),
  };
}

/**
 * Tables 0-7 are the JS hash's (as [low, high] pairs); table k > 7 follows from table k - 1 as they all do: one more
 * zero byte after the byte. Written little-endian whatever the host's order: WebAssembly memory is little-endian.
 */
function writeTables(view: DataView): void {
  for (let i = 0; i < CRC64_TABLES.length; i++) view.setInt32(4 * i, CRC64_TABLES[i], true);
  for (let k = 8; k < TABLE_COUNT; k++) {
    for (let i = 0; i < 256; i++) {
      const previous = view.getBigUint64(((k - 1) * 256 + i) * 8, true);
      const carry = view.getBigUint64(Number(previous & 0xffn) * 8, true);
      view.setBigUint64((k * 256 + i) * 8, (previous >> 8n) ^ carry, true);
    }
  }
}

/**
 * Incremental CRC-64/XZ over a WebAssembly instance, with the same `update`/`digest` as `Crc64`. Each chunk is
 * copied into the instance's data area and hashed there in one synchronous call, so hashes running side by side
 * (parts in parallel) can share one instance: none is ever interrupted between its copy and its call.
 */
export class Crc64Wasm {
  readonly #wasm: Crc64WasmInstance;
  /** The CRC register as WebAssembly's i64 hands it back (signed); all ones to start. */
  #state = -1n;

  constructor(wasm: Crc64WasmInstance) {
    this.#wasm = wasm;
  }

  update(bytes: Uint8Array): this {
    const data = this.#wasm.data();
    const { update } = this.#wasm.exports;
    let state = this.#state;
    for (let at = 0; at < bytes.length; at += DATA_BYTES) {
      const piece = bytes.subarray(at, at + DATA_BYTES);
      data.set(piece);
      state = update(state, DATA_OFFSET, piece.length);
    }
    this.#state = state;
    return this;
  }

  value(): bigint {
    return BigInt.asUintN(64, ~this.#state);
  }

  digest(): string {
    return this.value().toString();
  }
}

/** The page's CSP check travels in this lazy chunk too: it is only needed when a large blob is hashed. */
export { pageAllowsWasm } from './page-csp.js';
