import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualNetworkStatus } from '../../../../src/core/http/network.js';
import { MiB, assertSameBytes, bytesOf, fileOf } from './fake-client.js';
import { createHarness, tick, waitFor } from './harness.js';

/** Counts its listeners, to show an idle manager holds none. */
class CountingNetwork extends ManualNetworkStatus {
  listeners = 0;
  override subscribe(listener: (online: boolean) => void): () => void {
    this.listeners += 1;
    const off = super.subscribe(listener);
    return () => {
      this.listeners -= 1;
      off();
    };
  }
}

describe('UploadManager and the network', () => {
  it('offline: nothing starts; online: the queued work goes at once; idle, it stops listening', async () => {
    const network = new CountingNetwork(false);
    const { manager, client } = createHarness({ network, concurrency: 2 });
    manager.add([fileOf(3 * MiB, 'a.bin', 1), fileOf(1000, 'b.txt', 2)]);
    await tick(20);
    assert.deepEqual(client.log, [], 'no request while offline');
    assert.deepEqual(manager.snapshot().map((u) => u.status), ['queued', 'queued']);
    assert.equal(manager.online, false);
    network.set(true);
    await manager.idle();
    assert.deepEqual(manager.snapshot().map((u) => u.status), ['done', 'done']);
    assertSameBytes(client.objects.get('a.bin')?.bytes, bytesOf(3 * MiB, 1));
    assert.equal(network.listeners, 0, 'an idle manager holds no network listener');
  });

  it('going offline mid-upload stops new parts; finished parts are kept and not sent again', async () => {
    const network = new CountingNetwork(true);
    const { manager, client } = createHarness({ network, concurrency: 1 });
    manager.add([fileOf(6 * MiB, 'c.bin', 3)]);
    await waitFor(manager, ([u]) => u.parts.filter((p) => p.status === 'done').length >= 2);
    network.set(false);
    await tick(30);
    const sentOffline = client.log.length;
    await tick(30);
    assert.equal(client.log.length, sentOffline, 'nothing new goes out while offline');
    assert.equal(manager.snapshot()[0].status, 'uploading');
    network.set(true);
    await manager.idle();
    const parts = client.log.filter((op) => op.startsWith('part:'));
    assert.deepEqual(parts, ['part:1', 'part:2', 'part:3', 'part:4', 'part:5', 'part:6'], 'each part sent once');
    assertSameBytes(client.objects.get('c.bin')?.bytes, bytesOf(6 * MiB, 3));
  });
});
