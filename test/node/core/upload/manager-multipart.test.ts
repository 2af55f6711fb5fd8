import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeObjectClient, MiB, bytesOf, cosError, fileOf, assertSameBytes } from './fake-client.js';
import { createHarness, waitFor } from './harness.js';

const PIC = '{"is_pic_info":1,"rules":[{"fileid":"big-small.jpg","rule":"imageMogr2/thumbnail/!50p"}]}';

describe('UploadManager: multipart', () => {
  it('initiates, sends every part, completes, and the object is byte-identical', async () => {
    const { manager, client, eventTypes } = createHarness({
      concurrency: 1,
      picOperationsFor: () => PIC,
      headersFor: () => ({ 'x-cos-meta-origin': 'test', 'Cache-Control': 'no-cache' }),
    });
    const size = 3 * MiB + 5;
    const [added] = manager.add([fileOf(size, 'big.jpg', 7, 'image/jpeg')]);
    assert.equal(added.multipart, true);
    assert.equal(added.parts.length, 4);
    await manager.idle();
    const [done] = manager.snapshot();
    assert.equal(done.status, 'done');
    assert.deepEqual(client.log, ['initiate', 'part:1', 'part:2', 'part:3', 'part:4', 'complete']);
    assertSameBytes(client.objects.get('big.jpg')?.bytes, bytesOf(size, 7));
    // Pic-Operations goes on Complete, not on Initiate or the parts.
    const initiate = client.calls.find((c) => c.op === 'initiate');
    const complete = client.calls.find((c) => c.op === 'complete');
    assert.equal(initiate?.picOperations, undefined);
    assert.deepEqual(initiate?.headers, { 'Content-Type': 'image/jpeg', 'x-cos-meta-origin': 'test', 'Cache-Control': 'no-cache' });
    assert.equal(complete?.picOperations, PIC);
    assert.deepEqual(complete?.headers, { 'x-cos-meta-origin': 'test' });
    assert.deepEqual(complete?.parts?.map((p) => p.partNumber), [1, 2, 3, 4]);
    assert.equal(done.loaded, size);
    assert.ok(done.parts.every((p) => p.status === 'done' && p.loaded === p.size));
    assert.deepEqual(done.parts.map((p) => p.size), [MiB, MiB, MiB, 5]);
    assert.equal(done.uploadId, 'upload-1');
    assert.match(done.result?.etag ?? '', /-4"$/);
    assert.deepEqual(eventTypes(done.id), ['added', 'start', 'progress', 'success']);
  });

  it('runs parts in parallel, never above the shared concurrency', async () => {
    const { manager, client } = createHarness({ concurrency: 3 });
    manager.add([fileOf(8 * MiB, 'a.bin', 1), fileOf(6 * MiB + 1, 'b.bin', 2), fileOf(100, 'c.bin', 3)]);
    await manager.idle();
    assert.equal(client.maxInFlight, 3);
    assert.deepEqual(manager.snapshot().map((u) => u.status), ['done', 'done', 'done']);
    assertSameBytes(client.objects.get('a.bin')?.bytes, bytesOf(8 * MiB, 1));
    assertSameBytes(client.objects.get('b.bin')?.bytes, bytesOf(6 * MiB + 1, 2));
  });

  it('a started file finishes before later files start', async () => {
    const { manager, client } = createHarness({ concurrency: 2 });
    manager.add([fileOf(4 * MiB, 'first.bin', 1), fileOf(3 * MiB, 'second.bin', 2)]);
    await manager.idle();
    const firstComplete = client.calls.findIndex((c) => c.op === 'complete' && c.key === 'first.bin');
    const secondPart = client.calls.findIndex((c) => c.op === 'part' && c.key === 'second.bin');
    assert.ok(secondPart > 0);
    // The second file may initiate while slots are free, but its parts queue behind the first file's.
    const firstParts = client.calls.filter((c, i) => c.op === 'part' && c.key === 'first.bin' && i > secondPart);
    assert.deepEqual(firstParts, []);
    assert.ok(firstComplete > 0);
  });

  it('retries a part that fails twice, then succeeds (engine-level retry)', async () => {
    const { manager, client } = createHarness({ concurrency: 1 });
    client.fail('part', { partNumber: 2, times: 2 });
    manager.add([fileOf(3 * MiB, 'r.bin', 5)]);
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
    // A retried part rejoins the queue behind the parts already waiting.
    assert.deepEqual(client.log, ['initiate', 'part:1', 'part:2', 'part:3', 'part:2', 'part:2', 'complete']);
    assertSameBytes(client.objects.get('r.bin')?.bytes, bytesOf(3 * MiB, 5));
  });

  it('fails the file with the error details once the retries run out, and retry continues from the finished parts', async () => {
    const { manager, client, events } = createHarness({ concurrency: 1, retryDelays: [0] });
    client.fail('part', { partNumber: 2, times: 2 });
    const [added] = manager.add([fileOf(3 * MiB, 'f.bin', 6)]);
    await manager.idle();
    const failed = manager.snapshot()[0];
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.error, { code: 'ServiceUnavailable', message: 'ServiceUnavailable', status: 503, requestId: 'req-ServiceUnavailable' });
    assert.deepEqual(failed.parts.map((p) => p.status), ['done', 'failed', 'done']);
    assert.equal(failed.loaded, 2 * MiB, 'failed attempts subtracted');
    assert.equal(events.filter((e) => e.type === 'error').length, 1);
    client.log.length = 0;
    manager.retry(added.id);
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
    assert.deepEqual(client.log, ['part:2', 'complete']);
    assertSameBytes(client.objects.get('f.bin')?.bytes, bytesOf(3 * MiB, 6));
  });

  it('NoSuchUpload while uploading fails the file; retry starts a new multipart upload', async () => {
    const { manager, client, store } = createHarness({ concurrency: 1 });
    client.fail('complete', { error: () => cosError('NoSuchUpload', 404, 'The specified upload does not exist.') });
    const [added] = manager.add([fileOf(2 * MiB + 9, 'lost.bin', 8)]);
    await manager.idle();
    const failed = manager.snapshot()[0];
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.code, 'NoSuchUpload');
    assert.equal(failed.uploadId, undefined);
    assert.equal(failed.loaded, 0);
    assert.equal(store.size, 0);
    client.log.length = 0;
    manager.retry(added.id);
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
    assert.deepEqual(client.log, ['initiate', 'part:1', 'part:2', 'part:3', 'complete']);
    assertSameBytes(client.objects.get('lost.bin')?.bytes, bytesOf(2 * MiB + 9, 8));
  });

  it('a non-retryable error fails at once and stops the other parts', async () => {
    const { manager, client } = createHarness({ concurrency: 2 });
    client.fail('part', { partNumber: 1, error: () => cosError('AccessDenied', 403, 'Access Denied.') });
    manager.add([fileOf(6 * MiB, 'd.bin')]);
    await manager.idle();
    const failed = manager.snapshot()[0];
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.code, 'AccessDenied');
    assert.equal(failed.error?.status, 403);
    assert.equal(client.log.filter((l) => l === 'part:1').length, 1);
    assert.ok(client.log.filter((l) => l.startsWith('part:')).length < 6, 'the other parts stopped');
    assert.ok(!client.log.includes('complete'));
    assert.ok(failed.parts.every((p) => p.status !== 'uploading'));
  });

  it('reports progress monotonically, counting in-flight bytes, and ends at the total', async () => {
    const { manager, events } = createHarness({ concurrency: 3 });
    const size = 5 * MiB + 123;
    const [added] = manager.add([fileOf(size, 'p.bin')]);
    await manager.idle();
    const progress = events.filter((e) => e.type === 'progress' && e.upload.id === added.id).map((e) => (e.type === 'complete' ? 0 : e.upload.loaded));
    assert.ok(progress.length > 6);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i] >= progress[i - 1], `progress dropped at ${i}`);
    assert.equal(progress.at(-1), size);
    assert.ok(progress.some((p) => p % MiB !== 0 && p < size), 'in-flight bytes counted');
    assert.equal(manager.snapshot()[0].loaded, size);
  });

  it('measures speed and ETA while uploading', async () => {
    let now = 0;
    const client = new FakeObjectClient();
    const { manager, events } = createHarness({ concurrency: 1, now: () => now }, client);
    client.gate = () => {
      now += 500;
    };
    manager.add([fileOf(4 * MiB, 's.bin')]);
    await manager.idle();
    const measured = events.filter((e) => e.type === 'progress' && e.upload.speed > 0).map((e) => (e.type === 'complete' ? undefined : e.upload));
    assert.ok(measured.length > 0);
    const sample = measured[Math.floor(measured.length / 2)];
    assert.ok(sample && sample.speed > 0 && sample.eta !== undefined && sample.eta >= 0);
    assert.equal(manager.snapshot()[0].speed, 0, 'no speed once done');
  });

  it('a speed no new bytes update decays on screen: the list is told each second, with no progress event', async () => {
    let now = 0;
    const client = new FakeObjectClient();
    const { manager, events, lists } = createHarness({ concurrency: 1, now: () => now }, client);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    client.gate = (call) => {
      if (call.partNumber === 3) return held;
      now += 500;
    };
    manager.add([fileOf(4 * MiB, 'quiet.bin')]);
    // Part 3 has sent half its bytes and waits: the speed measured so far is shown.
    await waitFor(manager, ([u]) => u.parts[2].loaded > 0);
    const before = manager.snapshot()[0].speed;
    assert.ok(before > 0);
    const progressEvents = events.filter((e) => e.type === 'progress').length;
    const listsBefore = lists.length;
    now += 3000;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const decayed = manager.snapshot()[0];
    assert.ok(lists.length > listsBefore, 'the list was told');
    assert.ok(decayed.speed > 0 && decayed.speed < before, `${decayed.speed} < ${before}`);
    now += 10_000;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal(manager.snapshot()[0].speed, 0, 'no bytes for longer than the window: no speed');
    assert.equal(manager.snapshot()[0].eta, undefined);
    assert.equal(events.filter((e) => e.type === 'progress').length, progressEvents, 'no progress event without bytes');
    release();
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
  });

  it('a file over 48.82 TB fails at add with a clear error and is never sent', () => {
    const { manager, client, events } = createHarness();
    const huge = { size: 50_000 * 1024 ** 3 + 1, type: '', name: 'huge.bin', slice: () => new Blob() };
    Object.setPrototypeOf(huge, Blob.prototype);
    const [added] = manager.add([huge as unknown as File]);
    assert.equal(added.status, 'failed');
    assert.equal(added.error?.code, 'EntityTooLarge');
    assert.match(added.error?.message ?? '', /48\.82 TB/);
    assert.deepEqual(client.log, []);
    assert.ok(events.some((e) => e.type === 'error'));
  });
});
