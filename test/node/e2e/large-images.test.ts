// Processing beyond the upload-time limit, on the real demo against the embedded emulator: a 45 MB image dropped
// on the uploader uploads plain and gets its thumbnails from picture jobs; a job that fails leaves the original and
// shows its error with "Retry processing"; the media-library page reprocesses stored images (screenshot kept in
// E2E_SHOTS_DIR, default /tmp/shots-e2e, for a person to look at).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { MiB, drawPhoto, makeFixtures, type Fixtures } from './fixtures.js';
import { startDemo, type Demo } from './harness.js';
import { axeViolations, dropFiles, openDemo, rows, thumbnails, waitForStatuses } from './page.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp/shots-e2e';

describe('demo: images over 32 MB and the media library', { timeout: 240_000 }, () => {
  let demo: Demo;
  let files: Fixtures;
  let bigPng: string;
  let corrupt: string;

  before(async () => {
    [demo, files] = await Promise.all([startDemo(), makeFixtures()]);
    // 4200×3600 RGB stored without compression: about 45 MB, well over the 32 MB of upload-time processing.
    const pixels = await sharp(await drawPhoto(600, 400)).resize(4200, 3600, { fit: 'fill' }).png({ compressionLevel: 0 }).toBuffer();
    bigPng = files.write('camera.png', pixels);
    corrupt = files.write('scan.png', randomBytes(33 * MiB));
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await demo?.close();
    files?.remove();
  });

  it('a dropped 45 MB PNG uploads without Pic-Operations, then its rules run as jobs and the outputs are stored at the right size', async () => {
    const { page, errors } = await openDemo(demo);
    const size = statSync(bigPng).size;
    assert.ok(size > 44 * 1000 * 1000 && size < 47 * 1000 * 1000, `fixture is ${size} bytes`);
    const events = page.evaluate(() => new Promise<{ processing?: string; asyncKeys: string[] }>((resolve) => {
      const uploader = document.querySelector('#uploader')!;
      let processing: string | undefined;
      uploader.addEventListener('cos-upload-success', (e) => (processing = (e as CustomEvent).detail.processing), { once: true });
      uploader.addEventListener('cos-processing-complete', (e) => {
        const detail = (e as CustomEvent).detail as { uploadResult: { processResults: { key: string }[] } };
        resolve({ processing, asyncKeys: detail.uploadResult.processResults.map((r) => r.key) });
      }, { once: true });
    }));
    // Jobs wait a while in Submitted, so the row's background state can be seen (and photographed).
    await demo.admin('/-/pic-jobs', { method: 'POST', body: JSON.stringify({ delayMs: 2000 }) });
    await dropFiles(page, [bigPng]);
    await waitForStatuses(page, ['done'], '#uploader', 120_000);
    await page.waitForFunction(() => document.querySelector('#uploader')?.shadowRoot?.querySelector('li.file[data-processing="processing"]'));
    const [processing] = await rows(page);
    assert.equal(processing.statusText, 'Processing in the background…');
    await page.locator('#uploader').screenshot({ path: `${SHOTS}/uploader-processing.png` });
    await demo.admin('/-/pic-jobs', { method: 'POST', body: JSON.stringify({ delayMs: 0 }) });
    const seen = await events;
    assert.equal(seen.processing, 'async');
    assert.deepEqual(seen.asyncKeys, ['demo/camera_200.webp', 'demo/camera_avatar.png']);

    const log = await demo.log();
    assert.ok(log.some((e) => e.key === 'demo/camera.png' && e.action === 'CompleteMultipartUpload' && e.status === 200));
    assert.equal(log.filter((e) => e.action === 'PicJobs' && e.method === 'POST').length, 2, 'one job per rule');

    const thumb = await sharp((await demo.getObject('demo/camera_200.webp')).body).metadata();
    assert.deepEqual([thumb.format, thumb.width, thumb.height], ['webp', 200, 171]);
    const avatar = await sharp((await demo.getObject('demo/camera_avatar.png')).body).metadata();
    assert.deepEqual([avatar.format, avatar.width, avatar.height], ['png', 160, 160]);
    assert.equal((await demo.getObject('demo/camera.png')).body.length, size, 'the original is stored whole');
    // The row and the results section both show the job outputs.
    const shown = await thumbnails(page, '#results', 2);
    assert.deepEqual(shown.map((t) => [t.width, t.height]), [[200, 171], [160, 160]]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/uploader-large-image.png`, fullPage: true });
    assert.deepEqual(errors, []);
  });

  it('a job that fails leaves the uploaded original and shows the job error with "Retry processing"', async () => {
    const { page, errors } = await openDemo(demo);
    await dropFiles(page, [corrupt]);
    await waitForStatuses(page, ['done'], '#uploader', 120_000);
    await page.waitForFunction(() => document.querySelector('#uploader')?.shadowRoot?.querySelector('li.file[data-processing="failed"]'), undefined, { timeout: 60_000 });
    const [row] = await rows(page);
    assert.equal(row.statusText, 'Uploaded; processing failed');
    assert.match(row.error, /InvalidImageFormat/);
    assert.ok(await page.locator('#uploader button.retryProcessing').isVisible());
    assert.deepEqual(await axeViolations(page), []);
    await page.locator('#uploader').screenshot({ path: `${SHOTS}/uploader-job-failed.png` });
    const stored = await demo.getObject('demo/scan.png');
    assert.equal(stored.status, 200);
    assert.equal(stored.body.length, 33 * MiB);
    // Retrying submits the jobs again (and they fail again: the object is still not an image).
    const before = (await demo.log()).filter((e) => e.action === 'PicJobs' && e.method === 'POST').length;
    await page.locator('#uploader button.retryProcessing').click();
    await page.waitForFunction(() => document.querySelector('#uploader')?.shadowRoot?.querySelector('li.file[data-processing="failed"]'), undefined, { timeout: 60_000 });
    const after = (await demo.log()).filter((e) => e.action === 'PicJobs' && e.method === 'POST').length;
    assert.equal(after - before, 2);
    assert.deepEqual(errors, []);
  });

  it('the media-library page reprocesses stored images with the edited rules (screenshot: media-library.png)', async () => {
    const { page, errors } = await openDemo(demo, '/demo/pages/media-library.html');
    await page.waitForFunction(() => customElements.get('cos-library'));
    await page.locator('#seed').click();
    const items = page.locator('#library li.item');
    await page.waitForFunction(() => document.querySelector('#library')?.shadowRoot?.querySelectorAll('li.item').length === 6, undefined, { timeout: 30_000 });
    assert.equal(await items.count(), 6);
    await page.locator('#library button.select-all').click();
    await page.locator('#library button.reprocess').click();
    await page.waitForFunction(() => {
      const lis = [...(document.querySelector('#library')?.shadowRoot?.querySelectorAll<HTMLElement>('li.item') ?? [])];
      return lis.length === 6 && lis.every((li) => li.dataset.status === 'done');
    }, undefined, { timeout: 60_000 });
    const summary = await page.locator('#library .toolbar .summary').textContent();
    assert.equal(summary?.trim(), '6 done, 0 failed, 6 in this run');
    const modes = await page.locator('#library li.item .meta').allTextContents();
    assert.ok(modes.every((m) => m.includes('as a job')), '6 at once is above the job threshold');
    for (const name of ['harbour', 'hills', 'lake', 'market', 'sunset', 'temple']) {
      const out = await sharp((await demo.getObject(`demo/library/v2/${name}_320.webp`)).body).metadata();
      assert.deepEqual([out.format, out.width, out.height], ['webp', 320, 213]);
    }
    const shown = await thumbnails(page, '#library', 6);
    assert.ok(shown.every((t) => t.width === 320));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/media-library.png`, fullPage: true });
    assert.deepEqual(await axeViolations(page), []);
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(page), [], 'dark theme');
    await page.screenshot({ path: `${SHOTS}/media-library-dark.png` });
    assert.deepEqual(errors, []);
  });
});
