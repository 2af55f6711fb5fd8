import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintFile } from '../../../../src/core/upload/fingerprint.js';
import { MemoryResumeStore } from '../../../../src/core/upload/resume-store.js';
import type { ResumeRecord, ResumeStore } from '../../../../src/core/types.js';
import { FakeObjectClient, MiB, assertSameBytes, bytesOf, fileOf } from './fake-client.js';
import { createHarness, tick, waitFor } from './harness.js';

const SIZE = 5 * MiB + 77;

/** An upload left half done by an earlier page: parts 1 and 3 on the server, and a record in the store. */
async function halfDoneUpload(client: FakeObjectClient, store: MemoryResumeStore, file: File, recordParts = [1, 3]) {
  const { uploadId } = await client.initiateMultipartUpload(file.name);
  const parts: Record<number, string> = {};
  for (const n of recordParts) {
    const { etag } = await client.uploadPart(file.name, uploadId, n, file.slice((n - 1) * MiB, Math.min(n * MiB, file.size)));
    parts[n] = etag;
  }
  const fingerprint = await fingerprintFile({ file, key: file.name, partSize: MiB });
  const record: ResumeRecord = { fingerprint, key: file.name, uploadId, partSize: MiB, size: file.size, parts, updatedAt: 1 };
  await store.put(record);
  client.log.length = 0;
  client.calls.length = 0;
  return record;
}

describe('Resume after a reload', () => {
  it('saves the uploadId at Initiate and each part’s ETag, and deletes the record after Complete', async () => {
    const store = new MemoryResumeStore();
    const seen: ResumeRecord[] = [];
    const spy: ResumeStore = {
      get: (f) => store.get(f),
      put: async (r) => {
        seen.push(structuredClone(r));
        await store.put(r);
      },
      delete: (f) => store.delete(f),
    };
    const { manager } = createHarness({ concurrency: 1, resumeStore: spy }, new FakeObjectClient(), store);
    manager.add([fileOf(3 * MiB, 'r.bin')]);
    await manager.idle();
    await tick(5);
    assert.ok(seen.length >= 2);
    assert.equal(seen[0].uploadId, 'upload-1');
    assert.deepEqual(seen[0].parts, {});
    assert.equal(seen[0].key, 'r.bin');
    assert.equal(seen[0].partSize, MiB);
    assert.equal(seen[0].size, 3 * MiB);
    assert.match(seen[0].fingerprint, /^v1:[0-9a-f]{40}$/);
    assert.deepEqual(Object.keys(seen.at(-1)?.parts ?? {}), ['1', '2', '3']);
    assert.ok(Object.values(seen.at(-1)?.parts ?? {}).every((e) => /^"[0-9a-f]{32}"$/.test(e)));
    assert.equal(store.size, 0, 'deleted after Complete');
  });

  it('a new manager on the same store sends only the missing parts', async () => {
    const client = new FakeObjectClient();
    const store = new MemoryResumeStore();
    const file = fileOf(SIZE, 'big.bin', 11);
    const record = await halfDoneUpload(client, store, file);
    const { manager } = createHarness({ concurrency: 1 }, client, store);
    const sameFileAgain = fileOf(SIZE, 'big.bin', 11);
    manager.add([sameFileAgain]);
    await waitFor(manager, ([u]) => u.resumedParts > 0);
    const resumed = manager.snapshot()[0];
    assert.equal(resumed.resumedParts, 2);
    assert.equal(resumed.uploadId, record.uploadId);
    assert.equal(resumed.loaded, 2 * MiB);
    await manager.idle();
    assert.deepEqual(client.log, ['list', 'part:2', 'part:4', 'part:5', 'part:6', 'complete']);
    assertSameBytes(client.objects.get('big.bin')?.bytes, bytesOf(SIZE, 11));
    assert.equal(store.size, 0);
    assert.equal(manager.snapshot()[0].resumedParts, 2);
  });

  it('pause, drop the manager, resume in a new one: the upload continues where it stopped', async () => {
    const client = new FakeObjectClient();
    const store = new MemoryResumeStore();
    const first = createHarness({ concurrency: 2 }, client, store);
    const [u1] = first.manager.add([fileOf(SIZE, 'reload.bin', 12)]);
    await waitFor(first.manager, ([u]) => u.parts.filter((p) => p.status === 'done').length >= 3);
    first.manager.pause(u1.id);
    await tick(10);
    const donePartsBefore = first.manager.snapshot()[0].parts.filter((p) => p.status === 'done').map((p) => p.partNumber);
    const sentBefore = client.log.length;
    const second = createHarness({ concurrency: 2 }, client, store);
    second.manager.add([fileOf(SIZE, 'reload.bin', 12)]);
    await second.manager.idle();
    const [done] = second.manager.snapshot();
    assert.equal(done.status, 'done');
    assert.equal(done.resumedParts, donePartsBefore.length);
    const resent = client.log.slice(sentBefore).filter((l) => l.startsWith('part:')).map((l) => Number(l.slice(5)));
    assert.deepEqual(resent.sort(), [1, 2, 3, 4, 5, 6].filter((n) => !donePartsBefore.includes(n)));
    assert.equal(client.log[sentBefore], 'list');
    assertSameBytes(client.objects.get('reload.bin')?.bytes, bytesOf(SIZE, 12));
  });

  it('NoSuchUpload on ListParts starts a new multipart upload', async () => {
    const client = new FakeObjectClient();
    const store = new MemoryResumeStore();
    const file = fileOf(2 * MiB + 1, 'gone.bin', 13);
    const record = await halfDoneUpload(client, store, file, [1]);
    await client.abortMultipartUpload(file.name, record.uploadId);
    client.log.length = 0;
    const { manager } = createHarness({ concurrency: 1 }, client, store);
    manager.add([file]);
    await manager.idle();
    const [done] = manager.snapshot();
    assert.equal(done.status, 'done');
    assert.equal(done.resumedParts, 0);
    assert.notEqual(done.uploadId, record.uploadId);
    assert.deepEqual(client.log, ['list', 'initiate', 'part:1', 'part:2', 'part:3', 'complete']);
    assertSameBytes(client.objects.get('gone.bin')?.bytes, bytesOf(2 * MiB + 1, 13));
  });

  it('a different file with the same name and size never resumes into the old upload', async () => {
    const client = new FakeObjectClient();
    const store = new MemoryResumeStore();
    await halfDoneUpload(client, store, fileOf(SIZE, 'same.bin', 14));
    const { manager } = createHarness({ concurrency: 1 }, client, store);
    manager.add([fileOf(SIZE, 'same.bin', 15)]);
    await manager.idle();
    assert.equal(client.log[0], 'initiate');
    assert.equal(client.log.filter((l) => l.startsWith('part:')).length, 6);
    assertSameBytes(client.objects.get('same.bin')?.bytes, bytesOf(SIZE, 15));
  });

  it('re-sends listed parts whose ETag differs from the record or whose size is wrong', async () => {
    const client = new FakeObjectClient();
    const store = new MemoryResumeStore();
    const file = fileOf(SIZE, 'check.bin', 16);
    const record = await halfDoneUpload(client, store, file, [1, 2, 3]);
    await store.put({ ...record, parts: { ...record.parts, 1: '"00000000000000000000000000000000"' } });
    const upload = client.uploads.get(record.uploadId);
    const part3 = upload?.parts.get(3);
    if (part3) upload?.parts.set(3, { ...part3, bytes: part3.bytes.slice(1) });
    const { manager } = createHarness({ concurrency: 1 }, client, store);
    manager.add([file]);
    await manager.idle();
    assert.equal(manager.snapshot()[0].resumedParts, 1);
    assert.deepEqual(client.log, ['list', 'part:1', 'part:3', 'part:4', 'part:5', 'part:6', 'complete']);
    assertSameBytes(client.objects.get('check.bin')?.bytes, bytesOf(SIZE, 16));
  });

  it('accepts a listed part the record does not know yet (saved before the reload cut the write short)', async () => {
    const client = new FakeObjectClient();
    const store = new MemoryResumeStore();
    const file = fileOf(SIZE, 'unknown.bin', 17);
    const record = await halfDoneUpload(client, store, file, [1, 2]);
    await store.put({ ...record, parts: { 1: record.parts[1] } });
    const { manager } = createHarness({ concurrency: 1 }, client, store);
    manager.add([file]);
    await manager.idle();
    assert.equal(manager.snapshot()[0].resumedParts, 2);
    assert.deepEqual(client.log.filter((l) => l.startsWith('part:')), ['part:3', 'part:4', 'part:5', 'part:6']);
  });

  it('two uploads of the same file in one manager do not share a record or an upload', async () => {
    const { manager, client } = createHarness({ concurrency: 4 });
    manager.add([fileOf(3 * MiB, 'twin.bin', 18), fileOf(3 * MiB, 'twin.bin', 18)]);
    await manager.idle();
    assert.deepEqual(manager.snapshot().map((u) => u.status), ['done', 'done']);
    assert.equal(client.log.filter((l) => l === 'initiate').length, 2);
    assert.notEqual(manager.snapshot()[0].uploadId, manager.snapshot()[1].uploadId);
  });

  it('a failing store never fails the upload', async () => {
    const broken: ResumeStore = {
      get: async () => {
        throw new Error('quota');
      },
      put: async () => {
        throw new Error('quota');
      },
      delete: async () => {
        throw new Error('quota');
      },
    };
    const { manager } = createHarness({ resumeStore: broken });
    manager.add([fileOf(3 * MiB, 'nostore.bin')]);
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
  });

  it('an unreadable file fails with a clear error', async () => {
    const { manager, client } = createHarness();
    const unreadable = new File([bytesOf(3 * MiB)], 'gone.bin');
    unreadable.slice = () => {
      const blob = new Blob([]);
      blob.arrayBuffer = () => Promise.reject(new DOMException('The file could not be read', 'NotReadableError'));
      return blob;
    };
    manager.add([unreadable]);
    await manager.idle();
    const [failed] = manager.snapshot();
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.code, 'NotReadableError');
    assert.match(failed.error?.message ?? '', /could not be read/);
    assert.deepEqual(client.log, []);
  });
});

describe('fingerprintFile and MemoryResumeStore', () => {
  it('is stable for the same file and changes with content, key, part size, name or lastModified', async () => {
    const base = await fingerprintFile({ file: fileOf(300_000, 'a.bin', 1), key: 'a.bin', partSize: MiB });
    assert.equal(await fingerprintFile({ file: fileOf(300_000, 'a.bin', 1), key: 'a.bin', partSize: MiB }), base);
    const variants = [
      fingerprintFile({ file: fileOf(300_000, 'a.bin', 2), key: 'a.bin', partSize: MiB }),
      fingerprintFile({ file: fileOf(300_000, 'a.bin', 1), key: 'b.bin', partSize: MiB }),
      fingerprintFile({ file: fileOf(300_000, 'a.bin', 1), key: 'a.bin', partSize: 2 * MiB }),
      fingerprintFile({ file: fileOf(300_000, 'c.bin', 1), key: 'a.bin', partSize: MiB }),
      fingerprintFile({ file: new File([bytesOf(300_000, 1)], 'a.bin', { type: 'application/octet-stream', lastModified: 5 }), key: 'a.bin', partSize: MiB }),
    ];
    for (const other of await Promise.all(variants)) assert.notEqual(other, base);
  });

  it('samples the last 64 KiB too: a change near the end shows', async () => {
    const bytes = bytesOf(400_000, 3);
    const changed = bytes.slice();
    changed[399_000] ^= 0xff;
    const a = await fingerprintFile({ file: new File([bytes], 'x'), key: 'x', partSize: MiB });
    const b = await fingerprintFile({ file: new File([changed], 'x'), key: 'x', partSize: MiB });
    assert.notEqual(a, b);
  });

  it('MemoryResumeStore returns copies', async () => {
    const store = new MemoryResumeStore();
    const record: ResumeRecord = { fingerprint: 'f', key: 'k', uploadId: 'u', partSize: MiB, size: 2 * MiB, parts: { 1: '"a"' }, updatedAt: 1 };
    await store.put(record);
    record.parts[2] = '"b"';
    const got = await store.get('f');
    assert.equal(got?.parts[2], undefined);
    if (got) got.parts[3] = '"c"';
    assert.deepEqual((await store.get('f'))?.parts, { 1: '"a"' });
    await store.delete('f');
    assert.equal(await store.get('f'), undefined);
  });
});
