/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones), the checksum COS returns in
 * `x-cos-hash-crc64ecma` as an unsigned decimal string (docs/protocol.md#crc-64, docs/integrity-and-wan.md).
 * Pure TypeScript, shared by the uploader (checking answers) and the emulator (computing them).
 * Streaming, slicing-by-8 over 32-bit halves so the hot loop needs no BigInt. Speed measurements and the
 * layouts tried: docs/integrity-and-wan.md#cost.
 */
const POLY = 0xc96c5795d7870f42n;
const MASK = 0xffffffffffffffffn;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The eight slicing tables in one Int32Array: entry i of table k is the pair [low half, high half] at
 * `k * 512 + 2 * i`. One array keeps one base pointer live in the loop, and a pair shares a cache line;
 * Chromium ran this about a third faster than sixteen separate arrays (Node about the same).
 */
const T = buildTables();
/** The same tables for the WebAssembly hash, which copies them into its memory (crc64-wasm.ts). Never written. */
export const CRC64_TABLES: Readonly<Int32Array> = T;
/** Offsets of tables 1..7 (table 0 starts at 0). */
const K1 = 512, K2 = 1024, K3 = 1536, K4 = 2048, K5 = 2560, K6 = 3072, K7 = 3584;

function buildTables(): Int32Array {
  const table = new Int32Array(8 * 512);
  for (let i = 0; i < 256; i++) {
    let crc = BigInt(i);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ POLY : crc >> 1n;
    table[2 * i] = Number(crc & 0xffffffffn);
    table[2 * i + 1] = Number(crc >> 32n);
  }
  for (let k = 1; k < 8; k++) {
    for (let i = 0; i < 256; i++) {
      const l = table[(k - 1) * 512 + 2 * i];
      const h = table[(k - 1) * 512 + 2 * i + 1];
      const j = 2 * (l & 0xff);
      table[k * 512 + 2 * i] = ((l >>> 8) | (h << 24)) ^ table[j];
      table[k * 512 + 2 * i + 1] = (h >>> 8) ^ table[j + 1];
    }
  }
  return table;
}

/** Incremental CRC-64/XZ: `update()` any number of chunks, then `digest()` (decimal string). */
export class Crc64 {
  #lo = 0xffffffff;
  #hi = 0xffffffff;

  update(data: Uint8Array): this {
    let lo = this.#lo;
    let hi = this.#hi;
    let i = 0;
    const n = data.length;
    const t = T;
    // Byte steps until the data is 4-byte aligned, then 8 bytes per step through an Int32 view.
    const head = LITTLE_ENDIAN ? Math.min(n, (4 - (data.byteOffset % 4)) % 4) : n;
    for (; i < head; i++) {
      const idx = ((lo ^ data[i]) & 0xff) << 1;
      lo = ((lo >>> 8) | (hi << 24)) ^ t[idx];
      hi = (hi >>> 8) ^ t[idx + 1];
    }
    const words = ((n - i) >>> 3) * 2;
    if (words > 0) {
      const view = new Int32Array(data.buffer, data.byteOffset + i, words);
      for (let w = 0; w < words; w += 2) {
        const a = lo ^ view[w];
        const b = hi ^ view[w + 1];
        const i7 = K7 + ((a & 0xff) << 1);
        const i6 = K6 + (((a >>> 8) & 0xff) << 1);
        const i5 = K5 + (((a >>> 16) & 0xff) << 1);
        const i4 = K4 + ((a >>> 24) << 1);
        const i3 = K3 + ((b & 0xff) << 1);
        const i2 = K2 + (((b >>> 8) & 0xff) << 1);
        const i1 = K1 + (((b >>> 16) & 0xff) << 1);
        const i0 = (b >>> 24) << 1;
        lo = t[i7] ^ t[i6] ^ t[i5] ^ t[i4] ^ t[i3] ^ t[i2] ^ t[i1] ^ t[i0];
        hi = t[i7 + 1] ^ t[i6 + 1] ^ t[i5 + 1] ^ t[i4 + 1] ^ t[i3 + 1] ^ t[i2 + 1] ^ t[i1 + 1] ^ t[i0 + 1];
      }
      i += words * 4;
    }
    for (; i < n; i++) {
      const idx = ((lo ^ data[i]) & 0xff) << 1;
      lo = ((lo >>> 8) | (hi << 24)) ^ t[idx];
      hi = (hi >>> 8) ^ t[idx + 1];
    }
    this.#lo = lo >>> 0;
    this.#hi = hi >>> 0;
    return this;
  }

  /** The finished checksum as a bigint. */
  value(): bigint {
    return ((BigInt((this.#hi ^ 0xffffffff) >>> 0) << 32n) | BigInt((this.#lo ^ 0xffffffff) >>> 0)) & MASK;
  }

  digest(): string {
    return this.value().toString();
  }
}

export function crc64(data: Uint8Array): string {
  return new Crc64().update(data).digest();
}

/** a·b mod P in the reflected representation (zlib's multmodp, widened to 64 bits). */
function multModP(a: bigint, b: bigint): bigint {
  let m = 1n << 63n;
  let p = 0n;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1n)) === 0n) break;
    }
    m >>= 1n;
    b = b & 1n ? (b >> 1n) ^ POLY : b >> 1n;
  }
  return p;
}

/** X2N[k] = x^(2^k) mod P. */
const X2N: bigint[] = (() => {
  const table: bigint[] = [];
  let p = 1n << 62n;
  for (let k = 0; k < 64; k++) {
    table.push(p);
    p = multModP(p, p);
  }
  return table;
})();

/** x^(n·2^k) mod P. */
function x2nModP(n: number, k: number): bigint {
  let p = 1n << 63n;
  let rest = BigInt(n);
  while (rest > 0n) {
    if (rest & 1n) p = multModP(X2N[k & 63], p);
    rest >>= 1n;
    k++;
  }
  return p;
}

/**
 * CRC of A‖B from crc(A), crc(B) and |B| (as Go's CRC64Combine does to check multipart uploads),
 * so completing a multipart upload needs no second pass over the data.
 */
export function crc64Combine(crcA: string | bigint, crcB: string | bigint, lengthB: number): string {
  if (lengthB === 0) return BigInt(crcA).toString();
  return (multModP(x2nModP(lengthB, 3), BigInt(crcA)) ^ BigInt(crcB)).toString();
}
