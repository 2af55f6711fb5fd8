/**
 * The bytes of a tiny WebAssembly module computing CRC-64/XZ by slicing-by-16 over 64-bit table entries
 * (docs/crc64-wasm.md). Written out here by hand, with a few helpers, rather than compiled from a text file: the
 * module is one function, and keeping its instructions in TypeScript needs no build step and no dependency.
 *
 * Why slicing-by-16: with 64-bit entries a step needs one load per byte (JS needs two: a low and a high half). The
 * eight lookups of the second 8 bytes do not depend on the CRC register, so the CPU runs them beside the eight
 * that do; slicing-by-8 waited on the register's chain and was barely faster than JS (docs/crc64-wasm.md#speed).
 *
 * Memory layout (one linear memory, exported as `memory`):
 * - bytes 0..32767: sixteen tables, table k at k·2048, entry i (a little-endian u64) at k·2048 + 8·i. Table k maps
 *   a byte to its effect on the register when k zero bytes follow it; the caller fills them (crc64-wasm.ts);
 * - from DATA_OFFSET: the data area the caller copies each chunk into before calling `update`.
 *
 * `update(state: i64, ptr: i32, len: i32) -> i64` runs the CRC register (pre-inversion, as the JS class keeps it)
 * over `len` bytes at `ptr` and returns the new register. It keeps no state of its own, so any number of hashes
 * can share one instance.
 */

/** The number of slicing tables. */
export const TABLE_COUNT = 16;
/** Where the tables end and the data area starts. */
export const DATA_OFFSET = TABLE_COUNT * 256 * 8;
/** The data area's size: a hash copies at most this many bytes per call. */
export const DATA_BYTES = 1024 * 1024;
const PAGE_BYTES = 65536;
const PAGES = Math.ceil((DATA_OFFSET + DATA_BYTES) / PAGE_BYTES);

// Value types and the instructions used below (WebAssembly core specification, binary format).
const I32 = 0x7f, I64 = 0x7e, FUNC = 0x60, VOID_BLOCK = 0x40;
const BLOCK = 0x02, LOOP = 0x03, END = 0x0b, BR = 0x0c, BR_IF = 0x0d;
const LOCAL_GET = 0x20, LOCAL_SET = 0x21;
const I64_LOAD = 0x29, I32_LOAD8_U = 0x2d, I32_CONST = 0x41;
const I32_GE_U = 0x4f, I32_ADD = 0x6a, I32_AND = 0x71, I32_XOR = 0x73, I32_SHL = 0x74;
const I64_XOR = 0x85, I64_SHR_U = 0x88, I32_WRAP_I64 = 0xa7, I64_CONST = 0x42;

/** Unsigned LEB128, the encoding of every count, index and memory offset. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** Signed LEB128, the encoding of `i32.const` / `i64.const` operands (32-bit values here). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    // Done when the rest is all sign bits and bit 6 of this byte already says that sign.
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (text: string): number[] => vec([...text].map((c) => [c.charCodeAt(0)]));

// Locals: 0 state (i64), 1 ptr, 2 len; then 3 end, 4 end of the 16-byte steps (i32), 5 the step's second 8 bytes (i64).
const STATE = 0, PTR = 1, LEN = 2, END_ALL = 3, END_16 = 4, SECOND = 5;

/** `table[k][(local >> 8·byte) & 0xff]`: the index scaled to bytes in i32, the table's base as the load's offset. */
function lookup(local: number, byte: number, table: number): number[] {
  const shift = 8 * byte - 3;
  const index = shift > 0
    ? [LOCAL_GET, local, I64_CONST, ...sleb(shift), I64_SHR_U, I32_WRAP_I64]
    : [LOCAL_GET, local, I32_WRAP_I64, I32_CONST, ...sleb(3), I32_SHL];
  // i64.load with alignment hint 3 (8 bytes): every entry is 8-byte aligned.
  return [...index, I32_CONST, ...sleb(0x7f8), I32_AND, I64_LOAD, 3, ...uleb(table * 2048)];
}

function updateBody(): number[] {
  // One step: byte j of the second 8 bytes goes through table 7 - j (those loads need not wait for the register),
  // byte j of (register ^ first 8 bytes) through table 15 - j; everything xored together is the new register.
  const fold: number[] = [];
  for (let byte = 0; byte < 8; byte++) fold.push(...lookup(SECOND, byte, 7 - byte), ...(byte ? [I64_XOR] : []));
  for (let byte = 0; byte < 8; byte++) fold.push(...lookup(STATE, byte, 15 - byte), I64_XOR);
  const code = [
    // end = ptr + len; end16 = ptr + (len & ~15)
    LOCAL_GET, PTR, LOCAL_GET, LEN, I32_ADD, LOCAL_SET, END_ALL,
    LOCAL_GET, PTR, LOCAL_GET, LEN, I32_CONST, ...sleb(-16), I32_AND, I32_ADD, LOCAL_SET, END_16,
    // Sixteen bytes per step.
    BLOCK, VOID_BLOCK, LOOP, VOID_BLOCK,
    LOCAL_GET, PTR, LOCAL_GET, END_16, I32_GE_U, BR_IF, 1,
    LOCAL_GET, STATE, LOCAL_GET, PTR, I64_LOAD, 0, 0, I64_XOR, LOCAL_SET, STATE,
    LOCAL_GET, PTR, I64_LOAD, 0, 8, LOCAL_SET, SECOND,
    ...fold, LOCAL_SET, STATE,
    LOCAL_GET, PTR, I32_CONST, 16, I32_ADD, LOCAL_SET, PTR,
    BR, 0, END, END,
    // The last 0-15 bytes one at a time: state = (state >> 8) ^ table0[(state ^ byte) & 0xff].
    BLOCK, VOID_BLOCK, LOOP, VOID_BLOCK,
    LOCAL_GET, PTR, LOCAL_GET, END_ALL, I32_GE_U, BR_IF, 1,
    LOCAL_GET, STATE, I64_CONST, 8, I64_SHR_U,
    LOCAL_GET, STATE, I32_WRAP_I64, LOCAL_GET, PTR, I32_LOAD8_U, 0, 0, I32_XOR,
    I32_CONST, 3, I32_SHL, I32_CONST, ...sleb(0x7f8), I32_AND, I64_LOAD, 3, 0,
    I64_XOR, LOCAL_SET, STATE,
    LOCAL_GET, PTR, I32_CONST, 1, I32_ADD, LOCAL_SET, PTR,
    BR, 0, END, END,
    LOCAL_GET, STATE, END,
  ];
  const locals = vec([[2, I32], [1, I64]]);
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

/** The module's bytes (a few hundred): magic, version, then the type, function, memory, export and code sections. */
export function crc64WasmBytes(): Uint8Array<ArrayBuffer> {
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[FUNC, ...vec([[I64], [I32], [I32]]), ...vec([[I64]])]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, ...uleb(PAGES)]])),
    ...section(7, vec([[...name('memory'), 0x02, 0], [...name('update'), 0x00, 0]])),
    ...section(10, vec([updateBody()])),
  ];
  return new Uint8Array(bytes);
}
