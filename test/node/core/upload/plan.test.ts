import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GiB, MAX_OBJECT_SIZE, MAX_PARTS, MiB, choosePartSize, defaultPartSize, planParts } from '../../../../src/core/upload/plan.js';
import type { PartPlan } from '../../../../src/core/types.js';

const TiB = 1024 * GiB;

/** Every plan must be contiguous from 0 to size, numbered from 1, and within COS limits. */
function assertValidPlan(parts: PartPlan[], size: number, partSize: number): void {
  assert.ok(parts.length <= MAX_PARTS, `${parts.length} parts`);
  let expectedStart = 0;
  parts.forEach((p, i) => {
    assert.equal(p.partNumber, i + 1);
    assert.equal(p.start, expectedStart);
    assert.ok(Number.isSafeInteger(p.start) && Number.isSafeInteger(p.end));
    const length = p.end - p.start;
    if (i < parts.length - 1) assert.equal(length, partSize);
    else assert.ok(length > 0 && length <= partSize);
    assert.ok(length <= 5 * GiB);
    if (i < parts.length - 1) assert.ok(length >= MiB);
    expectedStart = p.end;
  });
  assert.equal(expectedStart, size);
}

describe('planParts', () => {
  const table: { name: string; size: number; partSize: number; count: number; chosen: number; last: number }[] = [
    { name: '0-byte file: no parts (simple PUT)', size: 0, partSize: 8 * MiB, count: 0, chosen: 8 * MiB, last: 0 },
    { name: '1 byte', size: 1, partSize: 8 * MiB, count: 1, chosen: 8 * MiB, last: 1 },
    { name: 'exactly one part', size: 8 * MiB, partSize: 8 * MiB, count: 1, chosen: 8 * MiB, last: 8 * MiB },
    { name: 'exact multiple', size: 24 * MiB, partSize: 8 * MiB, count: 3, chosen: 8 * MiB, last: 8 * MiB },
    { name: 'one byte over', size: 16 * MiB + 1, partSize: 8 * MiB, count: 3, chosen: 8 * MiB, last: 1 },
    { name: 'exactly 10,000 parts keeps the size', size: 10_000 * MiB, partSize: MiB, count: 10_000, chosen: MiB, last: MiB },
    { name: '10,001 parts: the size grows to 2 MiB', size: 10_001 * MiB, partSize: MiB, count: 5001, chosen: 2 * MiB, last: MiB },
    { name: 'one byte past 10,000 parts', size: 10_000 * MiB + 1, partSize: MiB, count: 5001, chosen: 2 * MiB, last: 1 },
    { name: 'grows to the first ladder step ≥ preferred', size: 10_000 * 8 * MiB + 1, partSize: 8 * MiB, count: 5001, chosen: 16 * MiB, last: 1 },
    { name: 'a 3 MiB preference grows to 4 MiB', size: 30_001 * MiB, partSize: 3 * MiB, count: 7501, chosen: 4 * MiB, last: MiB },
    { name: '48 TiB', size: 48 * TiB, partSize: 8 * MiB, count: 9831, chosen: 5120 * MiB, last: 48 * TiB - 9830 * 5120 * MiB },
    { name: 'the maximum object (50,000 GiB)', size: MAX_OBJECT_SIZE, partSize: 8 * MiB, count: 10_000, chosen: 5 * GiB, last: 5 * GiB },
    { name: 'part size not a whole MiB', size: 10 * MiB, partSize: 3_000_000, count: 4, chosen: 3_000_000, last: 10 * MiB - 9_000_000 },
  ];
  for (const row of table) {
    it(row.name, () => {
      assert.equal(choosePartSize(row.size, row.partSize), row.chosen);
      const parts = planParts(row.size, { partSize: row.partSize });
      assert.equal(parts.length, row.count);
      if (row.count > 0) {
        const last = parts.at(-1) as PartPlan;
        assert.equal(last.end - last.start, row.last);
      }
      assertValidPlan(parts, row.size, row.chosen);
    });
  }

  it('gives exact ranges for a small plan', () => {
    assert.deepEqual(planParts(16 * MiB + 1, { partSize: 8 * MiB }).map((p) => [p.partNumber, p.start, p.end]), [
      [1, 0, 8 * MiB], [2, 8 * MiB, 16 * MiB], [3, 16 * MiB, 16 * MiB + 1],
    ]);
  });

  it('defaults to 8 MiB parts', () => {
    assert.equal(planParts(17 * MiB).length, 3);
    assert.equal(choosePartSize(17 * MiB), 8 * MiB);
  });

  it('rejects a file over the maximum object size with a clear error', () => {
    assert.throws(() => planParts(MAX_OBJECT_SIZE + 1), (err: Error) => err instanceof RangeError && /48\.82 TB/.test(err.message));
    assert.throws(() => planParts(60 * TiB, { partSize: MiB }), RangeError);
  });

  it('rejects sizes that are not whole byte counts', () => {
    for (const size of [-1, 1.5, Number.NaN, Infinity, 2 ** 53]) assert.throws(() => planParts(size), RangeError, String(size));
  });

  it('rejects part sizes outside 1 MiB–5 GiB', () => {
    for (const partSize of [0, MiB - 1, 5 * GiB + 1, 1.5 * MiB + 0.5]) {
      assert.throws(() => planParts(10 * MiB, { partSize }), /Part size must be/, String(partSize));
    }
  });

  it('picks a default part size by file size: 8 MiB, about 32 parts for big files, at most 64 MiB', () => {
    for (const [size, expected] of [[0, 8], [30 * MiB, 8], [256 * MiB, 8], [257 * MiB, 9], [1024 * MiB, 32], [2048 * MiB, 64], [100 * 1024 * MiB, 64]]) {
      assert.equal(defaultPartSize(size), expected * MiB, `size ${size / MiB} MiB`);
    }
  });
});
