// Small files' CRC-64s read many files at a time (docs/many-files-throughput.md#small-files-read-together): each
// file gets the CRC of its own bytes, groups stay bounded, unwanted files are skipped, a failed group falls back
// to one read per file, and large files are left to read themselves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CrcReadAhead, READ_AHEAD_MAX_BYTES } from '../../../../src/core/integrity/crc-read-ahead.js';
import { crc64OfBlob } from '../../../../src/core/integrity/verify.js';

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

  it('files no longer wanted before their group is read are skipped; taken ones are always read', async () => {
    const files = Array.from({ length: 10 }, (_, i) => blobOf(100, i));
    const ahead = new CrcReadAhead();
    const wanted = new Set(files.slice(0, 5));
    for (const file of files) ahead.add(file, () => wanted.has(file));
    const taken = ahead.take(files[9])!;
    const counter = countGroupReads();
    try {
      assert.equal(await taken, await crc64OfBlob(files[9]), 'a file already sending is read though no longer "wanted"');
      assert.equal(await ahead.take(files[2]), await crc64OfBlob(files[2]));
      assert.equal(ahead.take(files[6]), undefined, 'skipped: the upload reads it itself when it runs');
    } finally {
      counter.restore();
    }
    assert.equal(counter.reads[0], 6 * 100, 'one read of the five wanted and the one taken');
  });

  it('a group read that fails leaves each file to read itself: only the unreadable one fails', async () => {
    const good = blobOf(300, 1);
    const bad = blobOf(300, 2);
    const broken = new Error('NotReadableError: the file changed');
    const original = Blob.prototype.arrayBuffer;
    // The group (a Blob made of both) fails; read alone, only `bad` fails.
    Blob.prototype.arrayBuffer = function (this: Blob) {
      return this.size === 600 ? Promise.reject(broken) : original.call(this);
    };
    Object.defineProperty(bad, 'arrayBuffer', { value: () => Promise.reject(broken) });
    try {
      const ahead = new CrcReadAhead();
      ahead.add(good, () => true);
      ahead.add(bad, () => true);
      assert.equal(await ahead.take(good), await crc64OfBlob(blobOf(300, 1)));
      await assert.rejects(ahead.take(bad)!, /the file changed/);
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
