import { expect } from '@open-wc/testing';
import { MemoryResumeStore, UploadManager } from '../../../src/core/index.js';
import type { UploadSnapshot } from '../../../src/core/index.js';
import { MiB, addFault, clientFor, emulator, fileOf, logFor, sha256, uniqueKey } from './emulator.js';

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

describe('upload engine against the emulator', () => {
  it('simple PUT: the object is stored byte for byte', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const key = uniqueKey('small.bin');
    const file = fileOf(300 * 1024, 'small.bin', 21, 'image/x-test');
    const manager = new UploadManager({ client, resumeStore: new MemoryResumeStore(), keyFor: () => key, postObject: false });
    manager.add([file]);
    await manager.idle();
    const [done] = manager.snapshot();
    expect(done.status, JSON.stringify(done.error)).to.equal('done');
    expect(done.multipart).to.equal(false);
    expect(done.loaded).to.equal(file.size);
    expect(done.result?.etag).to.match(/^"[0-9a-f]{32}"$/);
    const log = await logFor(emu, key);
    expect(log.map((e) => `${e.action}:${e.status}`)).to.deep.equal(['PutObject:200']);
    const stored = await client.getObject(key);
    expect(await sha256(stored)).to.equal(await sha256(file));
    expect((await client.headObject(key)).contentType).to.equal('image/x-test');
  });

  it('POST Object (the default for small files with temporary keys): stored byte for byte, CRC checked, Content-Type kept', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const keys = [uniqueKey('post-a.bin'), uniqueKey('post-b.bin')];
    const files = [fileOf(200 * 1024, 'a.bin', 31, 'image/x-test'), fileOf(70 * 1024, 'b.bin', 32, 'text/plain')];
    const manager = new UploadManager({ client, resumeStore: new MemoryResumeStore(), keyFor: (f) => keys[files.indexOf(f as File)] });
    const warnings: string[] = [];
    manager.on((e) => e.type === 'warning' && warnings.push(e.warning.code));
    manager.add(files);
    await manager.idle();
    for (const [i, key] of keys.entries()) {
      const done = manager.snapshot()[i];
      expect(done.status, JSON.stringify(done.error)).to.equal('done');
      expect(done.loaded).to.equal(files[i].size);
      expect(done.result?.etag).to.match(/^"[0-9a-f]{32}"$/);
      const log = await logFor(emu, key);
      expect(log.map((e) => `${e.action}:${e.status}`)).to.deep.equal(['PostObject:204']);
      const stored = await client.getObject(key);
      expect(await sha256(stored)).to.equal(await sha256(files[i]));
      expect((await client.headObject(key)).contentType).to.equal(files[i].type);
    }
    expect(warnings).to.deep.equal([]);
  });

  it('multipart of a 20 MiB Blob with parallel parts, never above the concurrency', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const key = uniqueKey('big.bin');
    const file = fileOf(20 * MiB + 12345, 'big.bin', 22);
    const manager = new UploadManager({ client, resumeStore: new MemoryResumeStore(), keyFor: () => key, multipartThreshold: MiB, partSize: MiB, concurrency: 4 });
    let peak = 0;
    const progress: number[] = [];
    manager.subscribe(([u]) => {
      peak = Math.max(peak, u.parts.filter((p) => p.status === 'uploading').length);
      progress.push(u.loaded);
    });
    manager.add([file]);
    await manager.idle();
    const [done] = manager.snapshot();
    expect(done.status, JSON.stringify(done.error)).to.equal('done');
    expect(done.parts.length).to.equal(21);
    expect(peak).to.be.greaterThan(1);
    expect(peak).to.be.at.most(4);
    expect(progress.at(-1)).to.equal(file.size);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).to.be.at.least(progress[i - 1]);
    const log = await logFor(emu, key);
    expect(log[0].action).to.equal('InitiateMultipartUpload');
    const parts = log.filter((e) => e.action === 'UploadPart');
    expect(parts.map((e) => e.partNumber).sort((a, b) => (a ?? 0) - (b ?? 0))).to.deep.equal(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(parts.every((e) => e.status === 200)).to.equal(true);
    expect(log.at(-1)?.action).to.equal('CompleteMultipartUpload');
    expect(log.at(-1)?.status).to.equal(200);
    expect(done.result?.etag).to.match(/-21"$/);
    const stored = await client.getObject(key);
    expect(stored.size).to.equal(file.size);
    expect(await sha256(stored)).to.equal(await sha256(file));
  });

  it('a part failing twice with 503 is retried and the upload succeeds', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const key = uniqueKey('flaky.bin');
    await addFault(emu, { action: 'UploadPart', key, partNumber: 2, times: 2, status: 503 });
    const file = fileOf(3 * MiB + 7, 'flaky.bin', 23);
    const manager = new UploadManager({ client, resumeStore: new MemoryResumeStore(), keyFor: () => key, multipartThreshold: MiB, partSize: MiB, concurrency: 2 });
    manager.add([file]);
    await manager.idle();
    const [done] = manager.snapshot();
    expect(done.status, JSON.stringify(done.error)).to.equal('done');
    const log = await logFor(emu, key);
    const part2 = log.filter((e) => e.action === 'UploadPart' && e.partNumber === 2).map((e) => e.status);
    expect(part2).to.deep.equal([503, 503, 200]);
    expect(await sha256(await client.getObject(key))).to.equal(await sha256(file));
  });

  it('a part failing for good fails the file with the COS error and request id', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const key = uniqueKey('denied.bin');
    await addFault(emu, { action: 'UploadPart', key, partNumber: 1, times: 1, status: 403, code: 'AccessDenied' });
    const manager = new UploadManager({ client, resumeStore: new MemoryResumeStore(), keyFor: () => key, multipartThreshold: MiB, partSize: MiB, concurrency: 1 });
    manager.add([fileOf(2 * MiB + 1, 'denied.bin', 24)]);
    await manager.idle();
    const [failed] = manager.snapshot();
    expect(failed.status).to.equal('failed');
    expect(failed.error?.code).to.equal('AccessDenied');
    expect(failed.error?.status).to.equal(403);
    expect(failed.error?.requestId).to.be.a('string').and.not.equal('');
    await manager.cancel(failed.id);
    expect(await client.listMultipartUploads(key)).to.deep.equal([]);
  });

  it('cancel aborts the multipart upload: nothing is left behind', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const key = uniqueKey('cancel.bin');
    const store = new MemoryResumeStore();
    const manager = new UploadManager({ client, resumeStore: store, keyFor: () => key, multipartThreshold: MiB, partSize: MiB, concurrency: 2 });
    const [added] = manager.add([fileOf(8 * MiB, 'cancel.bin', 25)]);
    await waitFor(manager, (u) => u.parts.filter((p) => p.status === 'done').length >= 2);
    expect((await client.listMultipartUploads(key)).length).to.equal(1);
    await manager.cancel(added.id);
    expect(manager.snapshot()[0].status).to.equal('cancelled');
    expect(store.size).to.equal(0);
    expect(await client.listMultipartUploads(key)).to.deep.equal([]);
    const log = await logFor(emu, key);
    expect(log.some((e) => e.action === 'AbortMultipartUpload' && e.status === 204)).to.equal(true);
    expect(log.some((e) => e.action === 'CompleteMultipartUpload')).to.equal(false);
  });
});
