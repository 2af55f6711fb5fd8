import type { PartPlan } from '../types.js';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/** COS multipart limits (docs/protocol.md#multipart-upload, docs/protocol.md#limits): 1 MB–5 GB per part (the last part exempt), 1–10,000 parts. */
export const MIN_PART_SIZE = MiB;
export const MAX_PART_SIZE = 5 * GiB;
export const MAX_PARTS = 10_000;
/** 48.82 TB = 50,000 GiB = 10,000 parts of 5 GiB; exact in a double (< 2^53). */
export const MAX_OBJECT_SIZE = MAX_PARTS * MAX_PART_SIZE;
/** A simple PUT carries at most 5 GB (docs/protocol.md#put-object). */
export const MAX_SIMPLE_PUT_SIZE = 5 * GiB;
export const DEFAULT_PART_SIZE = 8 * MiB;

/** Parallel requests when the page sets none. */
export const DEFAULT_CONCURRENCY = 4;
/**
 * Files uploaded in one request wait mostly on round trips, not bandwidth: more of them go at once.
 * Six is what browsers open per host over HTTP/1.1.
 */
export const DEFAULT_SMALL_FILE_CONCURRENCY = 6;

/**
 * The part size used when the page sets none: 8 MiB, growing with big files to about 32 parts (at most
 * 64 MiB). Fewer, larger requests keep a fast link busy (npm run bench: 1 GiB at 8 MiB reached 0.84x the
 * single-PUT limit, at 32 MiB 0.93x); memory does not grow, parts are streamed from the file by Blob.slice.
 */
export function defaultPartSize(size: number): number {
  return Math.min(64 * MiB, Math.max(DEFAULT_PART_SIZE, Math.ceil(size / 32 / MiB) * MiB));
}

/** Part sizes tried when the preferred one would need more than 10,000 parts: the official SDK's ladder (docs/protocol.md#part-size). */
const PART_SIZE_LADDER = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 5120].map((n) => n * MiB);

function checkSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(`Upload size must be a whole number of bytes ≥ 0, got ${size}`);
  }
  if (size > MAX_OBJECT_SIZE) {
    throw new RangeError(`A COS object holds at most ${MAX_OBJECT_SIZE} bytes (48.82 TB); this file has ${size}`);
  }
}

function checkPartSize(partSize: number): void {
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
    throw new RangeError(`Part size must be a whole number of bytes from ${MIN_PART_SIZE} (1 MiB) to ${MAX_PART_SIZE} (5 GiB), got ${partSize}`);
  }
}

function partCount(size: number, partSize: number): number {
  return Math.ceil(size / partSize);
}

/**
 * The part size to use for `size` bytes: `preferred` when it keeps the upload within 10,000 parts,
 * else the first size of the ladder (1, 2, 4 … 4096, 5120 MiB) that is at least `preferred` and fits.
 */
export function choosePartSize(size: number, preferred: number = DEFAULT_PART_SIZE): number {
  checkSize(size);
  checkPartSize(preferred);
  if (partCount(size, preferred) <= MAX_PARTS) return preferred;
  const grown = PART_SIZE_LADDER.find((step) => step >= preferred && partCount(size, step) <= MAX_PARTS);
  // Unreachable after checkSize (5120 MiB × 10,000 = MAX_OBJECT_SIZE), kept so the type is number.
  if (grown === undefined) throw new RangeError(`No part size keeps ${size} bytes within ${MAX_PARTS} parts`);
  return grown;
}

/**
 * Splits `size` bytes into contiguous parts covering [0, size), numbered from 1.
 * 0 bytes → no parts: the caller uploads an empty object with a simple PUT.
 */
export function planParts(size: number, options: { partSize?: number } = {}): PartPlan[] {
  const partSize = choosePartSize(size, options.partSize ?? DEFAULT_PART_SIZE);
  const parts: PartPlan[] = [];
  for (let start = 0, partNumber = 1; start < size; start += partSize, partNumber++) {
    parts.push({ partNumber, start, end: Math.min(start + partSize, size) });
  }
  return parts;
}
