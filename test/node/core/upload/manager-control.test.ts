import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeObjectClient, MiB, assertSameBytes, bytesOf, fileOf, type Call } from './fake-client.js';
import { createHarness, tick, waitFor } from './harness.js';

const doneParts = (u: { parts: readonly { status: string }[] }) => u.parts.filter((p) => p.status === 'done').length;

describe('UploadManager: pause, resume, cancel', () => {
  it('pause aborts in flight without an error; resume sends only the missing parts', async () => {
    const { manager, client, events } = createHarness({ concurrency: 1 });
    const [added] = manager.add([fileOf(5 * MiB, 'p.bin', 9)]);
    await waitFor(manager, ([u]) => doneParts(u) === 2 && u.parts[2].status === 'uploading');
    manager.pause(added.id);
    const paused = manager.snapshot()[0];
    assert.equal(paused.status, 'paused');
    assert.equal(paused.loaded, 2 * MiB, 'the aborted part’s bytes are subtracted');
    assert.deepEqual(paused.parts.map((p) => p.status), ['done', 'done', 'pending', 'pending', 'pending']);
    await manager.idle();
    await tick(20);
    const sentBeforeResume = client.log.length;
    assert.equal(manager.snapshot()[0].status, 'paused');
    assert.ok(!events.some((e) => e.type === 'error'));
    manager.resume(added.id);
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
    assert.deepEqual(client.log.slice(sentBeforeResume), ['part:3', 'part:4', 'part:5', 'complete']);
    assert.deepEqual(client.log.slice(0, sentBeforeResume), ['initiate', 'part:1', 'part:2', 'part:3']);
    assertSameBytes(client.objects.get('p.bin')?.bytes, bytesOf(5 * MiB, 9));
    const types = events.filter((e) => e.type !== 'progress').map((e) => e.type);
    assert.deepEqual(types, ['added', 'start', 'paused', 'resumed', 'success', 'complete']);
  });

  it('pausing a queued file keeps it from starting; pauseAll / resumeAll', async () => {
    const { manager, client } = createHarness({ concurrency: 1 });
    const [a, , b] = manager.add([fileOf(3 * MiB, 'a.bin'), fileOf(100, 'first-put.bin'), fileOf(100, 'b.bin')]);
    assert.equal(manager.snapshot()[2].status, 'queued');
    manager.pause(b.id);
    await manager.idle();
    assert.equal(manager.snapshot()[2].status, 'paused');
    assert.ok(!client.calls.some((c) => c.key === 'b.bin'));
    manager.pauseAll();
    manager.resumeAll();
    await manager.idle();
    assert.deepEqual(manager.snapshot().map((u) => u.status), ['done', 'done', 'done']);
    assert.equal(manager.snapshot()[0].id, a.id);
    assert.equal(client.calls.filter((c) => c.key === 'b.bin').length, 1);
  });

  it('pause is ignored while completing', async () => {
    const client = new FakeObjectClient();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    client.gate = (call: Call) => (call.op === 'complete' ? held : undefined);
    const { manager } = createHarness({ concurrency: 2 }, client);
    const [added] = manager.add([fileOf(2 * MiB, 'c.bin')]);
    await waitFor(manager, ([u]) => u.status === 'completing');
    manager.pause(added.id);
    assert.equal(manager.snapshot()[0].status, 'completing');
    release();
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
  });

  it('cancel aborts in flight, calls AbortMultipartUpload and deletes the resume record', async () => {
    const { manager, client, store, events } = createHarness({ concurrency: 2 });
    const [added] = manager.add([fileOf(6 * MiB, 'x.bin')]);
    await waitFor(manager, ([u]) => doneParts(u) >= 2);
    assert.equal(store.size, 1);
    await manager.cancel(added.id);
    const cancelled = manager.snapshot()[0];
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(client.log.at(-1), 'abort');
    assert.equal(client.uploads.size, 0, 'no upload left behind');
    assert.equal(client.objects.size, 0);
    assert.equal(store.size, 0);
    await tick(20);
    assert.equal(client.log.at(-1), 'abort', 'nothing sent after the abort');
    assert.ok(events.some((e) => e.type === 'cancelled'));
    assert.ok(!events.some((e) => e.type === 'error'));
    await manager.cancel(added.id);
    assert.equal(client.log.filter((l) => l === 'abort').length, 1, 'a second cancel does nothing');
  });

  it('cancel during Initiate waits for the uploadId and aborts it', async () => {
    const client = new FakeObjectClient();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    client.gate = (call: Call) => (call.op === 'initiate' ? held : undefined);
    const { manager, store } = createHarness({}, client);
    const [added] = manager.add([fileOf(3 * MiB, 'i.bin')]);
    await waitFor(manager, ([u]) => u.status === 'uploading');
    await tick(5);
    const cancelling = manager.cancel(added.id);
    release();
    await cancelling;
    assert.deepEqual(client.log, ['initiate', 'abort']);
    assert.equal(client.uploads.size, 0);
    assert.equal(store.size, 0);
  });

  it('resume during a paused Initiate reuses its upload instead of starting a second one', async () => {
    const client = new FakeObjectClient();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    client.gate = (call: Call) => (call.op === 'initiate' ? held : undefined);
    const { manager } = createHarness({}, client);
    const [added] = manager.add([fileOf(2 * MiB + 1, 'ri.bin', 4)]);
    await waitFor(manager, ([u]) => u.status === 'uploading');
    await tick(5);
    manager.pause(added.id);
    manager.resume(added.id);
    release();
    await manager.idle();
    assert.deepEqual(client.log.filter((l) => l === 'initiate'), ['initiate']);
    assert.equal(manager.snapshot()[0].status, 'done');
    assertSameBytes(client.objects.get('ri.bin')?.bytes, bytesOf(2 * MiB + 1, 4));
  });

  it('a stale callback from an aborted attempt changes nothing', async () => {
    const client = new FakeObjectClient();
    client.ignoreAbort = true;
    client.latencyMs = 15;
    const { manager } = createHarness({ concurrency: 1 }, client);
    const [added] = manager.add([fileOf(3 * MiB, 's.bin')]);
    await waitFor(manager, ([u]) => u.parts[0].status === 'uploading');
    manager.pause(added.id);
    const paused = manager.snapshot()[0];
    // The fake ignores the abort: part 1 keeps reporting progress and then answers with an ETag.
    await tick(60);
    const later = manager.snapshot()[0];
    assert.equal(later, paused, 'not even a new snapshot');
    assert.equal(later.status, 'paused');
    assert.equal(later.loaded, 0);
    assert.deepEqual(later.parts.map((p) => p.status), ['pending', 'pending', 'pending']);
    client.ignoreAbort = false;
    client.latencyMs = 1;
    manager.resume(added.id);
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
  });

  it('remove cancels an upload in progress (aborting it on the server)', async () => {
    const { manager, client } = createHarness();
    const [added] = manager.add([fileOf(4 * MiB, 'rm.bin')]);
    await waitFor(manager, ([u]) => u !== undefined && doneParts(u) >= 1);
    manager.remove(added.id);
    assert.equal(manager.snapshot().length, 0);
    await manager.idle();
    await tick(30);
    assert.ok(client.log.includes('abort'));
    assert.equal(client.uploads.size, 0);
  });

  it('cancelAll cancels every upload', async () => {
    const { manager, client } = createHarness({ concurrency: 2 });
    manager.add([fileOf(3 * MiB, 'a.bin'), fileOf(3 * MiB, 'b.bin')]);
    await waitFor(manager, (list) => list.some((u) => doneParts(u) >= 1));
    await manager.cancelAll();
    assert.deepEqual(manager.snapshot().map((u) => u.status), ['cancelled', 'cancelled']);
    assert.equal(client.uploads.size, 0);
  });
});
