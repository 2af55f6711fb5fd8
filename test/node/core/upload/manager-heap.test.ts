import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createHarness } from './harness.js';
import { cosError, fileOf } from './fake-client.js';

const child = fileURLToPath(new URL('./retained-heap-child.ts', import.meta.url));

/** Runs the probe in its own process (it needs --expose-gc) and returns what it printed. */
async function retained(count: number, ...flags: string[]): Promise<{ count: number; done: number; bytesPerFile: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', child, String(count), ...flags], { timeout: 120_000 });
  return JSON.parse(stdout);
}

// What each finished file leaves in the manager (docs/many-files-throughput.md#what-a-finished-file-keeps): about
// 0.65 kB measured (snapshot, outcome and its strings, one list entry); 3.3 kB before FileUploads were dropped.
const BOUND_BYTES_PER_FILE = 1536;

describe('memory kept per finished file', () => {
  it(`stays under ${BOUND_BYTES_PER_FILE} bytes per file after 2,000 uploads, checked or not`, async () => {
    for (const flags of [[], ['--no-verify']]) {
      const result = await retained(2000, ...flags);
      assert.equal(result.done, 2000, 'every file finished');
      assert.ok(result.bytesPerFile < BOUND_BYTES_PER_FILE, `${result.bytesPerFile} bytes retained per finished file ${flags.join(' ')}`);
    }
  });

  it('a finished file still shows everything its snapshot promises, and the manager still acts on the list', async () => {
    const { manager, client } = createHarness({ postObject: false });
    client.fail('put', { times: 1, error: () => cosError('AccessDenied', 403) });
    const [failing, ok] = manager.add([fileOf(10, 'bad.bin'), fileOf(20, 'good.bin', 2, 'image/png')]);
    await manager.idle();
    const done = manager.snapshot().find((u) => u.id === ok.id)!;
    assert.equal(done.status, 'done');
    assert.deepEqual([done.name, done.size, done.type, done.key, done.loaded, done.total], ['good.bin', 20, 'image/png', 'good.bin', 20, 20]);
    assert.match(done.result!.etag, /^"[0-9a-f]{32}"$/);
    assert.equal(done.result!.location, 'fake.local/good.bin');
    assert.equal(done.file.size, 20);
    // Actions on a done file change nothing; the same snapshot object is listed again.
    manager.pause(ok.id);
    manager.retry(ok.id);
    await manager.cancel(ok.id);
    assert.equal(manager.setPicOperations(ok.id, '{}'), false);
    assert.equal(manager.snapshot().find((u) => u.id === ok.id), done);
    // The failed one retries and finishes; then both clear.
    assert.equal(manager.snapshot().find((u) => u.id === failing.id)!.status, 'failed');
    manager.retry(failing.id);
    await manager.idle();
    assert.deepEqual(manager.snapshot().map((u) => u.status), ['done', 'done']);
    assert.deepEqual(manager.counts(), { ...manager.counts(), done: 2, total: 2 });
    manager.clearFinished();
    assert.equal(manager.snapshot().length, 0);
    assert.equal(manager.counts().total, 0);
  });
});
