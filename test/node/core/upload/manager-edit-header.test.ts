/** UploadManager.setPicOperations: a row edit changes what a waiting file sends (docs/editing.md), never a file already sending. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeObjectClient, MiB, fileOf, type Call } from './fake-client.js';
import { createHarness, waitFor } from './harness.js';

const EDIT = '{"is_pic_info":1,"rules":[{"fileid":"x_edited.png","rule":"imageMogr2/auto-orient/rotate/90"}]}';

describe('UploadManager.setPicOperations', () => {
  it('a paused simple upload sends the new header when resumed', async () => {
    const { manager, client } = createHarness({ concurrency: 1, picOperationsFor: () => undefined });
    const [added] = manager.add([fileOf(100, 'x.png')]);
    manager.pause(added.id);
    assert.equal(manager.setPicOperations(added.id, EDIT), true);
    manager.resume(added.id);
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
    // A PUT aborted by the pause may have gone out first; the one that stored the file carries the edit.
    assert.equal(client.objects.get('x.png')?.picOperations, EDIT);
  });

  it('a file waiting for a request slot sends the header it has when its turn comes', async () => {
    const client = new FakeObjectClient();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    client.gate = (call: Call) => (call.key === 'first.png' ? held : undefined);
    const { manager } = createHarness({ concurrency: 1, smallFileConcurrency: 1, picOperationsFor: () => 'old' }, client);
    const [, waiting] = manager.add([fileOf(100, 'first.png'), fileOf(100, 'second.png')]);
    await waitFor(manager, ([u]) => u.status === 'uploading');
    assert.equal(manager.snapshot()[1].status, 'queued');
    assert.equal(manager.setPicOperations(waiting.id, EDIT), true);
    release();
    await manager.idle();
    assert.equal(client.objects.get('second.png')?.picOperations, EDIT);
    assert.equal(client.objects.get('first.png')?.picOperations, 'old');
  });

  it('a queued multipart upload carries it on Complete; once sending or done it is refused', async () => {
    const client = new FakeObjectClient();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    client.gate = (call: Call) => (call.op === 'part' ? held : undefined);
    const { manager } = createHarness({ concurrency: 1, picOperationsFor: () => 'old' }, client);
    const [added] = manager.add([fileOf(2 * MiB, 'big.png')]);
    assert.equal(manager.setPicOperations(added.id, EDIT), true, 'queued');
    await waitFor(manager, ([u]) => u.status === 'uploading');
    assert.equal(manager.setPicOperations(added.id, 'later'), false, 'uploading');
    release();
    await manager.idle();
    assert.equal(manager.setPicOperations(added.id, 'later'), false, 'done');
    assert.equal(client.calls.find((c) => c.op === 'complete')?.picOperations, EDIT);
    assert.equal(manager.setPicOperations('no-such-id', EDIT), false);
  });
});
