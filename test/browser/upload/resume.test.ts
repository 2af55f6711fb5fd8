import { expect } from '@open-wc/testing';
import { IndexedDbResumeStore, MemoryResumeStore, UploadManager, defaultResumeStore } from '../../../src/core/index.js';
import type { ResumeRecord, UploadSnapshot } from '../../../src/core/index.js';
import { MiB, clientFor, emulator, fileOf, logFor, sha256, tick, uniqueKey } from './emulator.js';

function waitFor(manager: UploadManager, predicate: (u: UploadSnapshot) => boolean, timeoutMs = 15000): Promise<UploadSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; status ${manager.snapshot()[0]?.status}`)), timeoutMs);
    const stop = manager.subscribe(([u]) => {
      if (u && predicate(u)) {
        clearTimeout(timer);
        stop();
        resolve(u);
      }
    });
  });
}

const uniqueDb = () => `cos-uploader-test-${Math.random().toString(36).slice(2)}`;

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

describe('IndexedDbResumeStore', () => {
  it('keeps records across store instances (a new page) and deletes them', async () => {
    const databaseName = uniqueDb();
    const record: ResumeRecord = { fingerprint: 'v1:abc', key: 'a/b.bin', uploadId: 'u-1', partSize: MiB, size: 3 * MiB, parts: { 1: '"e1"', 2: '"e2"' }, updatedAt: 5 };
    const first = new IndexedDbResumeStore({ databaseName });
    expect(await first.get('v1:abc')).to.equal(undefined);
    await first.put(record);
    await first.close();
    const second = new IndexedDbResumeStore({ databaseName });
    expect(await second.get('v1:abc')).to.deep.equal(record);
    await second.put({ ...record, parts: { ...record.parts, 3: '"e3"' } });
    expect((await second.get('v1:abc'))?.parts).to.deep.equal({ 1: '"e1"', 2: '"e2"', 3: '"e3"' });
    await second.delete('v1:abc');
    expect(await second.get('v1:abc')).to.equal(undefined);
    await second.close();
    await deleteDatabase(databaseName);
  });

  it('is the default store in browsers', () => {
    expect(defaultResumeStore()).to.be.instanceOf(IndexedDbResumeStore);
  });
});

describe('resume after a reload (real emulator, IndexedDB)', () => {
  it('a new manager on the same IndexedDB store sends only the missing parts; the object is byte-identical', async () => {
    const emu = await emulator();
    const key = uniqueKey('reload.bin');
    const databaseName = uniqueDb();
    const size = 10 * MiB + 333;
    const options = { keyFor: () => key, multipartThreshold: MiB, partSize: MiB, concurrency: 2 };

    // First page: upload until a few parts are done, then stop (a reload aborts whatever is in flight).
    const firstStore = new IndexedDbResumeStore({ databaseName });
    const first = new UploadManager({ ...options, client: clientFor(emu), resumeStore: firstStore });
    const [u1] = first.add([fileOf(size, 'reload.bin', 31)]);
    await waitFor(first, (u) => u.parts.filter((p) => p.status === 'done').length >= 4);
    first.pause(u1.id);
    await firstStore.close();
    // A part whose body had fully arrived may still be stored after the pause aborted its request: wait until
    // the emulator's log stops growing (bounded), so "on the server" is what the second page will find.
    let before = await logFor(emu, key);
    for (let waited = 0; waited < 10_000; waited += 500) {
      await tick(500);
      const now = await logFor(emu, key);
      if (now.length === before.length) break;
      before = now;
    }
    // What COS holds, not what the first page saw answered: a part whose body had fully arrived is stored even
    // when the pause closed its connection before the answer (the log then shows status 0).
    const held = await clientFor(emu).listParts(key, first.snapshot()[0].uploadId!);
    const onServer = new Set(held.map((p) => p.partNumber));
    expect(before.filter((e) => e.action === 'UploadPart' && e.status === 200).length).to.be.at.most(onServer.size);
    before = await logFor(emu, key);
    expect(onServer.size).to.be.at.least(4);
    expect(onServer.size).to.be.below(11);

    // Second page: a new store instance, client and manager; the user picks the same file again.
    const secondStore = new IndexedDbResumeStore({ databaseName });
    const second = new UploadManager({ ...options, client: clientFor(emu), resumeStore: secondStore });
    const sameFile = fileOf(size, 'reload.bin', 31);
    second.add([sameFile]);
    await second.idle();
    const [done] = second.snapshot();
    expect(done.status, JSON.stringify(done.error)).to.equal('done');
    expect(done.uploadId).to.equal(first.snapshot()[0].uploadId);
    expect(done.resumedParts).to.equal(onServer.size);

    const after = (await logFor(emu, key)).slice(before.length);
    expect(after[0].action).to.equal('ListParts');
    expect(after.some((e) => e.action === 'InitiateMultipartUpload')).to.equal(false);
    const resent = after.filter((e) => e.action === 'UploadPart').map((e) => e.partNumber as number).sort((a, b) => a - b);
    const missing = Array.from({ length: 11 }, (_, i) => i + 1).filter((n) => !onServer.has(n));
    expect(resent).to.deep.equal(missing);
    expect(after.at(-1)?.action).to.equal('CompleteMultipartUpload');

    const stored = await clientFor(emu).getObject(key);
    expect(await sha256(stored)).to.equal(await sha256(sameFile));
    await tick(50);
    const records = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(databaseName);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const count = open.result.transaction('multipart-uploads').objectStore('multipart-uploads').count();
        count.onsuccess = () => {
          resolve(count.result);
          open.result.close();
        };
      };
    });
    expect(records, 'record deleted after Complete').to.equal(0);
    await secondStore.close();
    await deleteDatabase(databaseName);
  });

  it('a record whose upload is gone (NoSuchUpload) starts a new upload', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const key = uniqueKey('gone.bin');
    const store = new MemoryResumeStore();
    const options = { client, resumeStore: store, keyFor: () => key, multipartThreshold: MiB, partSize: MiB, concurrency: 2 };
    const first = new UploadManager(options);
    const [u1] = first.add([fileOf(4 * MiB, 'gone.bin', 32)]);
    await waitFor(first, (u) => u.parts.some((p) => p.status === 'done'));
    first.pause(u1.id);
    const oldUploadId = first.snapshot()[0].uploadId as string;
    await client.abortMultipartUpload(key, oldUploadId);
    const second = new UploadManager(options);
    const file = fileOf(4 * MiB, 'gone.bin', 32);
    second.add([file]);
    await second.idle();
    const [done] = second.snapshot();
    expect(done.status, JSON.stringify(done.error)).to.equal('done');
    expect(done.uploadId).to.not.equal(oldUploadId);
    expect(done.resumedParts).to.equal(0);
    const log = await logFor(emu, key);
    expect(log.some((e) => e.action === 'ListParts' && e.status === 404)).to.equal(true);
    expect(await sha256(await client.getObject(key))).to.equal(await sha256(file));
  });
});
