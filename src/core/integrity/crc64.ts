/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones), the checksum COS returns in
 * `x-cos-hash-crc64ecma` as an unsigned decimal string (docs/protocol.md#crc-64, docs/integrity-and-wan.md).
 * Pure TypeScript, shared by the uploader (checking answers) and the emulator (computing them).
 * Streaming, slicing-by-8 over 32-bit halves so the hot loop needs no BigInt.
 */
const POLY = 0xc96c5795d7870f42n;
const MASK = 0xffffffffffffffffn;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Slicing tables k = 0..7, each split into low and high 32-bit halves. */
const [LO, HI] = buildTables();
const [L0, L1, L2, L3, L4, L5, L6, L7] = LO;
const [H0, H1, H2, H3, H4, H5, H6, H7] = HI;

function buildTables(): [Uint32Array[], Uint32Array[]] {
  const lo = Array.from({ length: 8 }, () => new Uint32Array(256));
  const hi = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let i = 0; i < 256; i++) {
    let crc = BigInt(i);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ POLY : crc >> 1n;
    lo[0][i] = Number(crc & 0xffffffffn);
    hi[0][i] = Number(crc >> 32n);
  }
  for (let k = 1; k < 8; k++) {
    for (let i = 0; i < 256; i++) {
      const l = lo[k - 1][i];
      const h = hi[k - 1][i];
      lo[k][i] = ((l >>> 8) | (h << 24)) ^ lo[0][l & 0xff];
      hi[k][i] = (h >>> 8) ^ hi[0][l & 0xff];
    }
  }
  return [lo, hi];
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
    // Byte steps until the data is 4-byte aligned, then 8 bytes per step through an Int32 view.
    const head = LITTLE_ENDIAN ? Math.min(n, (4 - (data.byteOffset % 4)) % 4) : n;
    for (; i < head; i++) {
      const idx = (lo ^ data[i]) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ L0[idx];
      hi = (hi >>> 8) ^ H0[idx];
    }
    const words = ((n - i) >>> 3) * 2;
    if (words > 0) {
      const view = new Int32Array(data.buffer, data.byteOffset + i, words);
      for (let w = 0; w < words; w += 2) {
        const a = lo ^ view[w];
        const b = hi ^ view[w + 1];
        lo = L7[a & 0xff] ^ L6[(a >>> 8) & 0xff] ^ L5[(a >>> 16) & 0xff] ^ L4[a >>> 24] ^
          L3[b & 0xff] ^ L2[(b >>> 8) & 0xff] ^ L1[(b >>> 16) & 0xff] ^ L0[b >>> 24];
        hi = H7[a & 0xff] ^ H6[(a >>> 8) & 0xff] ^ H5[(a >>> 16) & 0xff] ^ H4[a >>> 24] ^
          H3[b & 0xff] ^ H2[(b >>> 8) & 0xff] ^ H1[(b >>> 16) & 0xff] ^ H0[b >>> 24];
      }
      i += words * 4;
    }
    for (; i < n; i++) {
      const idx = (lo ^ data[i]) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ L0[idx];
      hi = (hi >>> 8) ^ H0[idx];
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
