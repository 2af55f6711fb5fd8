import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UploadManager } from '../../../../src/core/upload/manager.js';
import { MemoryResumeStore } from '../../../../src/core/upload/resume-store.js';
import { FakeObjectClient, MiB, bytesOf, fileOf, assertSameBytes } from './fake-client.js';
import { createHarness } from './harness.js';

const PIC = '{"is_pic_info":1,"rules":[{"fileid":"thumb.webp","rule":"imageMogr2/thumbnail/200x/format/webp"}]}';

describe('UploadManager: simple PUT', () => {
  it('PUTs a file at or under the threshold with Content-Type, Pic-Operations and extra headers', async () => {
    const { manager, client, eventTypes } = createHarness({
      picOperationsFor: (_file, key) => (key.endsWith('.png') ? PIC : undefined),
      headersFor: () => ({ 'x-cos-meta-origin': 'test' }),
      keyFor: (file) => `photos/${file.name}`,
    });
    const [added] = manager.add([fileOf(MiB, 'a.png', 3, 'image/png')]);
    assert.equal(added.key, 'photos/a.png');
    await manager.idle();
    const [done] = manager.snapshot();
    assert.equal(done.status, 'done');
    assert.equal(done.multipart, false);
    assert.equal(done.loaded, MiB);
    assert.equal(done.total, MiB);
    assert.deepEqual(done.parts, []);
    assert.deepEqual(client.log, ['put']);
    assert.equal(client.calls[0].picOperations, PIC);
    assert.deepEqual(client.calls[0].headers, { 'Content-Type': 'image/png', 'x-cos-meta-origin': 'test' });
    assertSameBytes(client.objects.get('photos/a.png')?.bytes, bytesOf(MiB, 3));
    assert.equal(done.result?.location, 'fake.local/photos/a.png');
    assert.match(done.result?.etag ?? '', /^"[0-9a-f]{32}"$/);
    assert.deepEqual(eventTypes(done.id), ['added', 'start', 'progress', 'success']);
  });

  it('uploads a 0-byte file with one empty PUT even when the threshold is 0', async () => {
    const { manager, client } = createHarness({ multipartThreshold: 0 });
    manager.add([fileOf(0, 'empty.txt', 1, 'text/plain')]);
    await manager.idle();
    const [done] = manager.snapshot();
    assert.equal(done.status, 'done');
    assert.equal(done.multipart, false);
    assert.equal(done.loaded, 0);
    assert.deepEqual(client.log, ['put']);
    assert.equal(client.objects.get('empty.txt')?.bytes.length, 0);
  });

  it('omits Content-Type when the file has no type', async () => {
    const { manager, client } = createHarness();
    manager.add([new File([bytesOf(10)], 'raw')]);
    await manager.idle();
    assert.deepEqual(client.calls[0].headers, {});
  });

  it('beforeStart returning false skips the file: nothing is sent, status cancelled, a skipped event', async () => {
    const seen: string[] = [];
    const { manager, client, events } = createHarness({
      beforeStart: (upload) => {
        seen.push(`${upload.name}:${upload.status}`);
        return upload.name !== 'no.bin';
      },
    });
    const [yes, no] = manager.add([fileOf(100, 'yes.bin'), fileOf(100, 'no.bin')]);
    assert.equal(no.status, 'cancelled');
    await manager.idle();
    assert.deepEqual(seen, ['yes.bin:queued', 'no.bin:queued']);
    assert.deepEqual(client.log, ['put']);
    assert.equal(client.objects.has('no.bin'), false);
    assert.equal(manager.snapshot().find((u) => u.id === yes.id)?.status, 'done');
    assert.ok(events.some((e) => e.type === 'skipped' && e.upload.id === no.id));
    assert.ok(!events.some((e) => e.type === 'cancelled' || e.type === 'error'));
  });

  it('snapshots are frozen and every change produces new ones', async () => {
    const { manager, lists, events } = createHarness();
    manager.add([fileOf(1000, 'a.bin')]);
    const added = events[0].type === 'added' ? events[0].upload : undefined;
    await manager.idle();
    const final = manager.snapshot();
    assert.ok(Object.isFrozen(final));
    assert.ok(Object.isFrozen(final[0]));
    assert.throws(() => {
      (final[0] as { status: string }).status = 'queued';
    }, TypeError);
    assert.ok(lists.length >= 3);
    assert.deepEqual([...new Set(lists.map((l) => l[0].status))], ['uploading', 'done']);
    assert.notEqual(lists[0][0], lists.at(-1)?.[0]);
    assert.equal(lists[0][0].status, 'uploading', 'an old snapshot never changes');
    assert.equal(added?.status, 'queued');
    assert.ok(Object.isFrozen(added));
  });

  it('emits complete once when the batch settles, and idle resolves', async () => {
    const { manager, events } = createHarness();
    manager.add([fileOf(10, 'a'), fileOf(20, 'b')]);
    await manager.idle();
    const completes = events.filter((e) => e.type === 'complete');
    assert.equal(completes.length, 1);
    assert.equal(completes[0].type === 'complete' && completes[0].uploads.length, 2);
    await manager.idle();
  });

  it('a PUT failing for good fails the file with the COS error; retry PUTs again', async () => {
    const { manager, client, events } = createHarness({ retryDelays: [0] });
    client.fail('put', { times: 2 });
    const [added] = manager.add([fileOf(500, 'a.bin')]);
    await manager.idle();
    const failed = manager.snapshot()[0];
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.error, { code: 'ServiceUnavailable', message: 'ServiceUnavailable', status: 503, requestId: 'req-ServiceUnavailable' });
    assert.equal(failed.loaded, 0);
    assert.deepEqual(client.log, ['put', 'put']);
    assert.equal(events.filter((e) => e.type === 'error').length, 1);
    manager.retry(added.id);
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
    assert.equal(manager.snapshot()[0].error, undefined);
  });

  it('a 4xx is not retried by the engine', async () => {
    const { manager, client } = createHarness();
    client.fail('put', { error: () => Object.assign(new Error('denied'), { name: 'Whatever' }) });
    manager.add([fileOf(500, 'a.bin')]);
    await manager.idle();
    assert.deepEqual(client.log, ['put']);
    assert.equal(manager.snapshot()[0].error?.code, 'Whatever');
  });

  it('rejects bad input with clear errors and adds nothing', () => {
    const { manager } = createHarness();
    assert.throws(() => manager.add([fileOf(1, 'ok'), 'nope' as unknown as Blob]), /item 1 is not a Blob/);
    assert.throws(() => manager.add([new Blob(['x'])]), /needs options.keyFor/);
    assert.throws(() => manager.add([fileOf(1, 'x'.repeat(851))]), /851 bytes; COS allows 850/);
    assert.throws(() => manager.add('a' as unknown as Blob[]), /expects an array/);
    assert.equal(manager.snapshot().length, 0);
  });

  it('rejects bad options', () => {
    const client = new FakeObjectClient();
    const resumeStore = new MemoryResumeStore();
    assert.throws(() => new UploadManager({ client, resumeStore, partSize: 1000 }), /partSize/);
    assert.throws(() => new UploadManager({ client, resumeStore, multipartThreshold: -1 }), /multipartThreshold/);
    assert.throws(() => new UploadManager({ client, resumeStore, concurrency: 0 }), /concurrency/);
    assert.throws(() => new UploadManager({ client: undefined as never }), /client/);
  });

  it('a throwing listener does not break the upload', async () => {
    const { manager } = createHarness();
    const original = console.error;
    const reported: unknown[] = [];
    console.error = (err: unknown) => void reported.push(err);
    try {
      manager.subscribe(() => {
        throw new Error('listener bug');
      });
      manager.add([fileOf(10, 'a')]);
      await manager.idle();
    } finally {
      console.error = original;
    }
    assert.equal(manager.snapshot()[0].status, 'done');
    assert.ok(reported.length > 0);
  });

  it('remove drops an upload from the list', async () => {
    const { manager } = createHarness();
    const [a] = manager.add([fileOf(10, 'a')]);
    await manager.idle();
    manager.remove(a.id);
    assert.equal(manager.snapshot().length, 0);
  });
});
