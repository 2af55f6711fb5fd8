// Small files' CRC-64s read many files at a time (docs/many-files-throughput.md#small-files-read-together): each
// file gets the CRC of its own bytes, groups stay bounded, unwanted files are skipped, a failed group falls back
// to one read per file, and large files are left to read themselves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CrcReadAhead, READ_AHEAD_MAX_BYTES } from '../../../../src/core/integrity/crc-read-ahead.js';
import { crc64OfBlob } from '../../../../src/core/integrity/verify.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const blobOf = (size: number, seed: number) => new Blob([Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed * 7) & 255)]);

/** Counts the Blob reads made through `new Blob([...]).arrayBuffer()` (what the read-ahead does per group). */
function countGroupReads(): { reads: number[]; restore(): void } {
  const original = Blob.prototype.arrayBuffer;
  const reads: number[] = [];
  Blob.prototype.arrayBuffer = function (this: Blob) {
    reads.push(this.size);
    return original.call(this);
  };
  return { reads, restore: () => (Blob.prototype.arrayBuffer = original) };
}

describe('CRC-64 read ahead for small files', () => {
  it('200 files of 4 KiB: every CRC matches a read of that file alone, in a few group reads', async () => {
    const files = Array.from({ length: 200 }, (_, i) => blobOf(4096 - (i % 7), i));
    const ahead = new CrcReadAhead();
    const counter = countGroupReads();
    let crcs: string[];
    try {
      for (const file of files) ahead.add(file, () => true);
      // Ahead of the uploads: every group read before any file's turn (bounded wait).
      for (let i = 0; i < 200 && counter.reads.length < 4; i++) await tick();
      await tick();
      crcs = await Promise.all(files.map((f) => ahead.take(f)!));
    } finally {
      counter.restore();
    }
    const alone = await Promise.all(files.map((f) => crc64OfBlob(f)));
    assert.deepEqual(crcs, alone);
    assert.equal(counter.reads.length, Math.ceil(200 / 64), 'at most 64 files per read');
    assert.ok(counter.reads.every((bytes) => bytes <= 512 * 1024));
    assert.equal(ahead.take(files[0]), undefined, 'taken once; a later attempt reads the file itself');
  });

  it('a file whose turn comes before its group is read reads itself; unwanted files are skipped', async () => {
    const files = Array.from({ length: 10 }, (_, i) => blobOf(100, i));
    const ahead = new CrcReadAhead();
    const wanted = new Set(files.slice(0, 6));
    for (const file of files) ahead.add(file, () => wanted.has(file));
    assert.equal(ahead.take(files[5]), undefined, 'not read yet: the upload reads it alone rather than wait');
    const counter = countGroupReads();
    try {
      await tick();
      const inGroup = ahead.take(files[2]);
      assert.ok(inGroup, 'read with its group');
      assert.equal(await inGroup, await crc64OfBlob(files[2]));
      assert.equal(ahead.take(files[7]), undefined, 'skipped: no longer wanted when its group was formed');
    } finally {
      counter.restore();
    }
    assert.equal(counter.reads[0], 5 * 100, 'one read of the five wanted files not taken yet');
  });

  it('a file whose group is still being read is not held back: it reads itself', async () => {
    const files = Array.from({ length: 3 }, (_, i) => blobOf(50, i));
    const ahead = new CrcReadAhead();
    const counter = countGroupReads();
    try {
      for (const file of files) ahead.add(file, () => true);
      await Promise.resolve();
      assert.equal(counter.reads.length, 1, 'the group read started in a microtask after the adds');
      assert.equal(ahead.take(files[1]), undefined);
    } finally {
      counter.restore();
    }
  });

  it('a group read that fails leaves each file to read itself, so only the unreadable one fails', async () => {
    const good = blobOf(300, 1);
    const bad = blobOf(300, 2);
    const original = Blob.prototype.arrayBuffer;
    let groupReads = 0;
    Blob.prototype.arrayBuffer = function (this: Blob) {
      if (this.size !== 600) return original.call(this);
      groupReads += 1;
      return Promise.reject(new Error('NotReadableError: the file changed'));
    };
    try {
      const ahead = new CrcReadAhead();
      ahead.add(good, () => true);
      ahead.add(bad, () => true);
      for (let i = 0; i < 20 && groupReads === 0; i++) await tick();
      await tick();
      assert.equal(groupReads, 1);
      assert.equal(ahead.take(good), undefined, 'read alone when its turn comes (sendVerified reads it)');
      assert.equal(ahead.take(bad), undefined);
    } finally {
      Blob.prototype.arrayBuffer = original;
    }
  });

  it('files over the read-ahead size are not taken on (they are read while sent)', () => {
    const ahead = new CrcReadAhead();
    const big = blobOf(READ_AHEAD_MAX_BYTES + 1, 3);
    ahead.add(big, () => true);
    assert.equal(ahead.take(big), undefined);
  });
});
