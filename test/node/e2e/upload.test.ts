// The main demo against the embedded emulator: a dropped image and a 30 MiB file both finish, the processed
// thumbnails match the rules in the demo's rule editor, and a cancelled multipart upload leaves nothing behind.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MiB, makeFixtures, sha256, type Fixtures } from './fixtures.js';
import { eventually, startDemo, type Demo, type DemoPage, type LogEntry } from './harness.js';
import { dropFiles, openDemo, pickFiles, rows, thumbnails, waitForStatuses } from './page.js';

const of = (log: LogEntry[], key: string, action: string) => log.filter((e) => e.key === key && e.action === action);

/** Output size for the two rule shapes the demo starts with (docs/rules.md#thumbnail: `<W>x` keeps the ratio; crop is exact). */
function expectedSize(rule: string, width: number, height: number): { width: number; height: number } {
  const crop = /\/crop\/(\d+)x(\d+)/.exec(rule);
  if (crop) return { width: Number(crop[1]), height: Number(crop[2]) };
  const byWidth = /thumbnail\/(\d+)x(?:\/|$)/.exec(rule);
  if (byWidth) return { width: Number(byWidth[1]), height: Math.round((height * Number(byWidth[1])) / width) };
  throw new Error(`no expected size for ${rule}`);
}

describe('demo: upload, process, cancel', { timeout: 120_000 }, () => {
  let demo: Demo;
  let files: Fixtures;
  let opened: DemoPage;

  before(async () => {
    [demo, files] = await Promise.all([startDemo(), makeFixtures()]);
    opened = await openDemo(demo);
  });
  after(async () => {
    await demo?.close();
    files?.remove();
  });

  it('takes a dropped image and a dropped 30 MiB file; both finish, the big one in parts', async () => {
    const { page } = opened;
    const drop = await dropFiles(page, [files.photo, files.big]);
    assert.deepEqual(drop, { accepted: true, highlighted: true });
    const done = await waitForStatuses(page, ['done', 'done']);
    assert.deepEqual(done.map((r) => [r.name, r.statusText, r.percent]), [['photo.jpg', 'Uploaded', 100], ['big.bin', 'Uploaded', 100]]);

    const log = await demo.log();
    assert.deepEqual(of(log, 'demo/photo.jpg', 'PutObject').map((e) => e.status), [200]);
    assert.equal(of(log, 'demo/big.bin', 'InitiateMultipartUpload').length, 1);
    const parts = of(log, 'demo/big.bin', 'UploadPart');
    assert.deepEqual(parts.map((e) => e.partNumber).sort(), [1, 2, 3, 4], '30 MiB in 8 MiB parts');
    assert.ok(parts.every((e) => e.status === 200));
    assert.deepEqual(of(log, 'demo/big.bin', 'CompleteMultipartUpload').map((e) => e.status), [200]);

    const stored = await demo.getObject('demo/big.bin');
    assert.equal(stored.status, 200);
    assert.equal(stored.body.length, 30 * MiB);
    assert.equal(sha256(stored.body), sha256(files.big));
    assert.equal(sha256((await demo.getObject('demo/photo.jpg')).body), sha256(files.photo));
  });

  it('shows the processed images at the sizes the rule editor asks for, in the row and in the results section', async () => {
    const { page } = opened;
    const header = await page.evaluate(() => (document.querySelector('#editor') as HTMLElement & { value: string }).value);
    const rules = (JSON.parse(header) as { rules: { fileid: string; rule: string }[] }).rules;
    assert.deepEqual(rules.map((r) => r.fileid), ['{name}_200.webp', '{name}_avatar.png']);
    const expected = rules
      .map((r) => ({ key: `demo/${r.fileid.replace('{name}', 'photo')}`, ...expectedSize(r.rule, 1200, 800) }))
      .sort((a, b) => a.key.localeCompare(b.key));
    assert.deepEqual(expected, [
      { key: 'demo/photo_200.webp', width: 200, height: 133 },
      { key: 'demo/photo_avatar.png', width: 160, height: 160 },
    ]);

    const inRow = await thumbnails(page, '#uploader', 2);
    assert.deepEqual([...inRow].sort((a, b) => a.key.localeCompare(b.key)), expected);
    const inSection = await thumbnails(page, '#results', 2);
    assert.deepEqual([...inSection].sort((a, b) => a.key.localeCompare(b.key)), expected);
    assert.equal(await page.locator('#results-empty').isHidden(), true);
    const facts = await page.locator('#results .original').innerText();
    assert.match(facts, /demo\/photo\.jpg/);
    assert.match(facts, /1200 × 800/);
  });

  it('cancels a running multipart upload: the row says so, the upload is aborted and no object is stored', async () => {
    const { page, errors } = opened;
    const path = files.write('cancel-me.bin', Buffer.alloc(12 * MiB, 7));
    await demo.faults({ action: 'UploadPart', key: 'demo/cancel-me.bin', delayMs: 1500, probability: 1 });
    await pickFiles(page, [path]);
    await page.waitForFunction(() =>
      document.querySelector('#uploader')?.shadowRoot?.querySelector('li.file[data-status="uploading"]'));
    await eventually('a part in flight', async () => of(await demo.log(), 'demo/cancel-me.bin', 'UploadPart').length > 0);

    await page.locator('#uploader li.file[data-status="uploading"] button.cancel').click();
    const after = await waitForStatuses(page, ['done', 'done', 'cancelled']);
    assert.equal(after[2].name, 'cancel-me.bin');
    assert.equal(after[2].statusText, 'Cancelled');
    await eventually('the abort', async () => of(await demo.log(), 'demo/cancel-me.bin', 'AbortMultipartUpload').some((e) => e.status === 204));
    const log = await demo.log();
    assert.equal(of(log, 'demo/cancel-me.bin', 'CompleteMultipartUpload').length, 0);
    assert.equal((await demo.getObject('demo/cancel-me.bin')).status, 404);
    assert.deepEqual(await page.evaluate(() => (document.querySelector('#uploader') as HTMLElement & { value: string[] }).value), [
      'demo/photo.jpg',
      'demo/big.bin',
    ]);
    await demo.clearFaults();
    assert.deepEqual((await rows(page)).map((r) => r.error), ['', '', '']);
    assert.deepEqual(errors, []);
  });
});
