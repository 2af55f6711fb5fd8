import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UploadChange } from '../../../../src/core/types.js';
import { createHarness, tick } from './harness.js';
import { cosError, fileOf, type FakeObjectClient } from './fake-client.js';

/** Holds each request open until the test lets it go; `next()` waits (bounded) for the next one to arrive. */
function holdRequests(client: FakeObjectClient) {
  const held: (() => void)[] = [];
  client.gate = () => new Promise<void>((resolve) => held.push(resolve));
  return {
    async next(): Promise<() => void> {
      for (let i = 0; i < 500 && held.length === 0; i += 1) await tick(2);
      const release = held.shift();
      if (!release) throw new Error('no request arrived');
      return release;
    },
  };
}

describe('UploadManager with many files', () => {
  it('coalesces a batch of changes into one notification carrying the changed ids', async () => {
    const { manager, client } = createHarness({ concurrency: 2 });
    client.gate = () => new Promise(() => undefined); // requests stay open
    const changes: UploadChange[] = [];
    manager.watch((change) => changes.push(change));
    const added = manager.add(Array.from({ length: 50 }, (_, i) => fileOf(10, `f${i}.bin`)));
    assert.equal(changes.length, 0, 'nothing is sent synchronously inside add()');
    await tick();
    assert.equal(changes.length, 1);
    assert.equal(changes[0].membership, true);
    assert.deepEqual([...changes[0].changed].sort(), added.map((u) => u.id).sort());
    assert.equal(changes[0].counts.total, 50);
    assert.equal(changes[0].counts.uploading, 2);
    assert.equal(changes[0].counts.queued, 48);
    await manager.cancelAll();
  });

  it('keeps counts in step with statuses through the whole run, and notifies O(n) times', async () => {
    const { manager, client } = createHarness({ concurrency: 4 });
    client.latencyMs = 0;
    let notifications = 0;
    manager.watch(() => (notifications += 1));
    const count = 1000;
    manager.add(Array.from({ length: count }, (_, i) => fileOf(16, `n${i}.bin`)));
    await manager.idle();
    await tick();
    const counts = manager.counts();
    assert.equal(counts.done, count);
    assert.equal(counts.total, count);
    assert.equal(counts.queued + counts.uploading + counts.completing + counts.failed, 0);
    // Each file changes a handful of times (start, progress, done); coalescing keeps it at most that.
    assert.ok(notifications <= 5 * count, `${notifications} notifications for ${count} files`);
  });

  it('patches the list in place of changed snapshots and keeps unchanged ones identical', async () => {
    const { manager, client } = createHarness({ concurrency: 1 });
    const requests = holdRequests(client);
    manager.add([fileOf(10, 'a.bin'), fileOf(10, 'b.bin'), fileOf(10, 'c.bin')]);
    const release = await requests.next();
    const before = manager.snapshot();
    release();
    await requests.next();
    const after = manager.snapshot();
    assert.notEqual(after[0], before[0], 'a changed');
    assert.equal(after[0].status, 'done');
    assert.equal(after[2], before[2], 'c did not change: same frozen snapshot');
    await manager.cancelAll();
  });

  it('bulk remove, retry and clear-finished notify once each', async () => {
    const { manager, client } = createHarness({ concurrency: 3, retryDelays: [] });
    client.fail('put', { times: 5, error: () => cosError('AccessDenied', 403) });
    manager.add(Array.from({ length: 10 }, (_, i) => fileOf(10, `f${i}.bin`)));
    await manager.idle();
    await tick();
    assert.equal(manager.counts().failed, 5);
    const changes: UploadChange[] = [];
    manager.watch((change) => changes.push(change));
    manager.retryMany(manager.snapshot().filter((u) => u.status === 'failed').map((u) => u.id));
    assert.equal(manager.counts().failed, 0);
    await manager.idle();
    await tick();
    assert.equal(manager.counts().done, 10);
    changes.length = 0;
    manager.clearFinished();
    await tick();
    assert.equal(changes.length, 1);
    assert.equal(changes[0].changed.size, 10);
    assert.equal(manager.snapshot().length, 0);
    assert.equal(manager.counts().total, 0);
  });

  it('asks beforeStart when a file gets its first slot, not when it is added', async () => {
    const asked: string[] = [];
    const { manager, client, events } = createHarness({
      concurrency: 1,
      beforeStart: (upload) => {
        asked.push(upload.name);
        return upload.name !== 'veto.bin';
      },
    });
    const requests = holdRequests(client);
    manager.add([fileOf(10, 'first.bin'), fileOf(10, 'veto.bin'), fileOf(10, 'third.bin')]);
    assert.deepEqual(asked, ['first.bin'], 'only the file holding the one slot was asked');
    (await requests.next())();
    (await requests.next())();
    await manager.idle();
    assert.deepEqual(asked, ['first.bin', 'veto.bin', 'third.bin']);
    const veto = manager.snapshot().find((u) => u.name === 'veto.bin')!;
    assert.equal(veto.status, 'cancelled');
    assert.deepEqual(client.log, ['put', 'put']);
    assert.ok(events.some((e) => e.type === 'skipped' && e.upload.id === veto.id));
  });
});
