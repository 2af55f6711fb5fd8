// Small files whose CRC-64s were read ahead, many at a time (docs/many-files-throughput.md#small-files-read-together),
// are still checked answer by answer: through the real manager, client and STS provider against the emulator, a file
// stored corrupted once is re-sent and ends byte-identical, one corrupted every time fails with Crc64Mismatch, and the
// rest are stored. The reads really were grouped (fewer reads than files).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileOf, prefixFor, sha256, startLab, type Lab } from './helpers.js';

describe('small files checked with CRCs read ahead', { timeout: 60_000 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it('40 files of 4 KiB: a corruption once is re-sent, a persistent one fails clearly, the rest are stored', async () => {
    const prefix = prefixFor('read-ahead');
    const files = Array.from({ length: 40 }, (_, i) => fileOf(4096, `${prefix}f${i}.bin`, 100 + i));
    const once = files[25];
    const always = files[30];
    // By PUT: the emulator's faults pick a file by key, which a POST form names only in its body.
    lab.faults({ action: 'PutObject', key: once.name, corrupt: 'stored', times: 1 });
    lab.faults({ action: 'PutObject', key: always.name, corrupt: 'stored', probability: 1 });
    const original = Blob.prototype.arrayBuffer;
    let reads = 0;
    Blob.prototype.arrayBuffer = function (this: Blob) {
      reads += 1;
      return original.call(this);
    };
    const client = lab.client();
    try {
      const manager = lab.manager(client, { concurrency: 2, smallFileConcurrency: 2, retryDelays: [10] });
      manager.add(files);
      await manager.idle();
      const byKey = new Map(manager.snapshot().map((u) => [u.key, u]));
      assert.equal(byKey.get(always.name)?.status, 'failed');
      assert.equal(byKey.get(always.name)?.error?.code, 'Crc64Mismatch');
      assert.equal(byKey.get(once.name)?.status, 'done', JSON.stringify(byKey.get(once.name)?.error));
      assert.equal(files.filter((f) => byKey.get(f.name)?.status === 'done').length, 39);
      assert.equal(lab.log().filter((e) => e.action === 'PutObject' && e.key === once.name).length, 2, 'the corrupted file was sent twice');
    } finally {
      Blob.prototype.arrayBuffer = original;
      lab.emu.faults.clear();
    }
    assert.ok(reads < files.length / 2, `the files were read in groups (${reads} reads for ${files.length} files)`);
    assert.equal(await sha256(await client.getObject(once.name)), await sha256(once));
    assert.equal(await sha256(await client.getObject(files[3].name)), await sha256(files[3]));
  });
});
