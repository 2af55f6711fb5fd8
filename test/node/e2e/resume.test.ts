// A reload in the middle of a multipart upload: choosing the same file again resumes the recorded upload
// (ListParts) and sends only the parts the emulator does not have; the stored object is byte-identical.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeFixtures, sha256, type Fixtures } from './fixtures.js';
import { eventually, startDemo, type Demo, type LogEntry } from './harness.js';
import { openDemo, pickFiles, rows, waitForStatuses, waitReady } from './page.js';

const KEY = 'demo/big.bin';
const forKey = (log: LogEntry[], action: string) => log.filter((e) => e.key === KEY && e.action === action);
const partNumbers = (entries: LogEntry[]) => entries.map((e) => e.partNumber ?? 0).sort((a, b) => a - b);

describe('demo: reload during a multipart upload, then resume', { timeout: 120_000 }, () => {
  let demo: Demo;
  let files: Fixtures;

  before(async () => {
    [demo, files] = await Promise.all([startDemo(), makeFixtures()]);
  });
  after(async () => {
    await demo?.close();
    files?.remove();
  });

  it('sends only the missing parts after the reload and completes the same upload', async () => {
    const { page, errors } = await openDemo(demo);
    // Parts 3 and 4 are held long enough for the reload to cut them off; 1 and 2 go through.
    await demo.faults([
      { action: 'UploadPart', key: KEY, partNumber: 3, delayMs: 5000 },
      { action: 'UploadPart', key: KEY, partNumber: 4, delayMs: 5000 },
    ]);
    await pickFiles(page, [files.big]);
    await eventually('parts 1 and 2 stored', async () => partNumbers(forKey(await demo.log(), 'UploadPart').filter((e) => e.status === 200)).join() === '1,2');
    const [running] = await rows(page);
    assert.equal(running.status, 'uploading');
    assert.ok(running.percent < 100);

    const beforeReload = await demo.log();
    const uploadId = forKey(beforeReload, 'InitiateMultipartUpload')[0]?.uploadId ?? forKey(beforeReload, 'UploadPart')[0].uploadId;
    assert.ok(uploadId);
    const storedBefore = partNumbers(forKey(beforeReload, 'UploadPart').filter((e) => e.status === 200));

    await page.reload();
    await waitReady(page);
    assert.deepEqual(await rows(page), [], 'the list starts empty after a reload');
    await demo.clearFaults();
    await pickFiles(page, [files.big]);
    const [resumed] = await waitForStatuses(page, ['done']);
    assert.equal(resumed.name, 'big.bin');
    assert.equal(resumed.note, `Resumed an earlier upload (parts already stored: ${storedBefore.length})`);

    const afterReload = (await demo.log()).slice(beforeReload.length);
    assert.equal(forKey(afterReload, 'InitiateMultipartUpload').length, 0, 'no new multipart upload');
    assert.deepEqual(forKey(afterReload, 'ListParts').map((e) => [e.uploadId, e.status]), [[uploadId, 200]]);
    const sentAfter = forKey(afterReload, 'UploadPart');
    assert.ok(sentAfter.every((e) => e.uploadId === uploadId && e.status === 200));
    assert.deepEqual(storedBefore, [1, 2]);
    assert.deepEqual(partNumbers(sentAfter), [3, 4], 'only the parts missing on the server');
    assert.deepEqual(forKey(afterReload, 'CompleteMultipartUpload').map((e) => [e.uploadId, e.status]), [[uploadId, 200]]);

    const stored = await demo.getObject(KEY);
    assert.equal(stored.status, 200);
    assert.equal(sha256(stored.body), sha256(files.big));
    assert.deepEqual(errors, []);
  });
});
