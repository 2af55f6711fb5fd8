import type { Crc64EngineName, WasmChecksum } from './crc64-engine.js';
import { combinedCrc64, hashBlob } from './verify.js';

interface PartCrc {
  start: number;
  end: number;
  size: number;
  crc64?: string;
}

/**
 * The CRC side of one multipart upload: which engine hashed its parts, and the whole object's CRC from the parts'
 * (what Complete answers). Parts with no CRC yet (taken over from an earlier page) are hashed from the file here.
 */
export class PartsCrc64 {
  readonly #engines = new Set<Crc64EngineName>();

  /** A part was hashed by `engine`. */
  note(engine: Crc64EngineName | undefined): void {
    if (engine) this.#engines.add(engine);
  }

  /** Forget the engines (the upload starts over). */
  clear(): void {
    this.#engines.clear();
  }

  /** The object's CRC, and 'wasm' only when WebAssembly hashed every part. */
  async combined(parts: readonly PartCrc[], file: Blob, options: { signal: AbortSignal; wasmChecksum?: WasmChecksum }): Promise<{ crc64: string; engine: Crc64EngineName }> {
    for (const part of parts.filter((p) => p.crc64 === undefined)) {
      const hashed = await hashBlob(file.slice(part.start, part.end), { ...options, engineSize: file.size });
      part.crc64 = hashed.crc64;
      this.note(hashed.engine);
    }
    const crc64 = combinedCrc64(parts.map((p) => ({ crc64: p.crc64!, size: p.size })));
    return { crc64, engine: this.#engines.has('js') || this.#engines.size === 0 ? 'js' : 'wasm' };
  }
}
