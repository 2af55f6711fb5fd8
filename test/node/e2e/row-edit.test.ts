// The demo with `editable`: a sideways camera photo (EXIF Orientation 6) is uploaded, then re-edited in its row by
// pointer. The editor shows it upright as the browser does; the crop drawn there is what image_process stores
// (compared with sharp's own orient + extract). A screenshot of the editor mid-crop goes to /tmp/shots-e2e.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { startDemo, type Demo } from './harness.js';
import { axeViolations, openDemo, pickFiles, waitForStatuses } from './page.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp/shots-e2e';

/** 320×200 stored pixels (red top-left quarter, a green band at the bottom, blue elsewhere), tagged Orientation 6. */
async function sidewaysPhoto(): Promise<Buffer> {
  const width = 320;
  const height = 200;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const red = x < width / 2 && y < height / 2;
      const green = y >= height - 30;
      raw[i] = red ? 230 : 20;
      raw[i + 1] = green ? 200 : Math.round((x * 120) / width);
      raw[i + 2] = red || green ? 20 : 220;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
}

async function meanDiff(a: Buffer, b: Buffer): Promise<{ size: string; diff: number }> {
  const [pa, pb] = await Promise.all([a, b].map((x) => sharp(x).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  const size = `${pa.info.width}x${pa.info.height}`;
  if (size !== `${pb.info.width}x${pb.info.height}`) return { size: `${size} vs ${pb.info.width}x${pb.info.height}`, diff: Infinity };
  let sum = 0;
  for (let i = 0; i < pa.data.length; i++) sum += Math.abs(pa.data[i] - pb.data[i]);
  return { size, diff: sum / pa.data.length };
}

describe('demo: row edit of an uploaded photo with EXIF orientation', { timeout: 120_000 }, () => {
  let demo: Demo;
  let dir: string;
  let photo: Buffer;

  before(async () => {
    [demo, photo] = await Promise.all([startDemo(), sidewaysPhoto()]);
    dir = mkdtempSync(join(tmpdir(), 'row-edit-'));
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows it upright, crops by pointer, and image_process stores exactly the drawn region', async () => {
    const path = join(dir, `sideways-${Date.now()}.jpg`);
    writeFileSync(path, photo);
    const { page, context, errors } = await openDemo(demo, '/');
    await page.evaluate(() => {
      const uploader = document.querySelector('#uploader')!;
      uploader.setAttribute('edit-aspects', '3:2 2:3');
      uploader.addEventListener('cos-file-edited', (e) => ((window as unknown as { edited: unknown }).edited = (e as CustomEvent).detail));
    });
    await pickFiles(page, [path]);
    await waitForStatuses(page, ['done']);

    await page.locator('#uploader button.edit').click();
    const box = page.locator('#uploader cos-image-editor .box');
    await box.waitFor();
    await page.waitForFunction(() => document.querySelector('#uploader')!.shadowRoot!.querySelector('cos-image-editor')!.shadowRoot!.activeElement?.classList.contains('box'));
    const upright = await page.evaluate(() => (document.querySelector('#uploader')!.shadowRoot!.querySelector('cos-image-editor') as unknown as { upright: unknown }).upright);
    assert.deepEqual(upright, { width: 200, height: 320 }, 'Orientation 6 swaps the sides, as the browser shows it');

    // Mid-crop: the bottom-right handle held and dragged up-left, then the box moved.
    await box.scrollIntoViewIfNeeded();
    const handle = (await page.locator('#uploader cos-image-editor .handle.se').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 - 30, handle.y + handle.height / 2 - 45, { steps: 3 });
    await page.mouse.move(handle.x + handle.width / 2 - 60, handle.y + handle.height / 2 - 90, { steps: 3 });
    await page.locator('#uploader').screenshot({ path: `${SHOTS}/row-editor-mid-crop.png` });
    await page.mouse.up();
    const moved = (await box.boundingBox())!;
    await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height / 2);
    await page.mouse.down();
    await page.mouse.move(moved.x + moved.width / 2 + 20, moved.y + moved.height / 2 + 30, { steps: 4 });
    await page.mouse.up();
    assert.deepEqual(await axeViolations(page), []);
    await page.locator('#uploader cos-image-editor button.apply').click();

    await page.waitForFunction(() => (window as unknown as { edited?: unknown }).edited);
    const edited = await page.evaluate(() => (window as unknown as { edited: { mode: string; rule: string; uploadResult: { processResults: { key: string }[] } } }).edited);
    assert.equal(edited.mode, 'cloud');
    assert.equal(edited.rule, 'imageMogr2/auto-orient/cut/140x230x20x30');
    const [output] = edited.uploadResult.processResults;
    assert.ok((await demo.log()).some((entry) => entry.action === 'ImageProcess'), 'POST ?image_process');

    const stored = await demo.getObject(output.key);
    assert.equal(stored.status, 200);
    const expected = await sharp(photo).autoOrient().extract({ left: 20, top: 30, width: 140, height: 230 }).png().toBuffer();
    const { size, diff } = await meanDiff(stored.body, expected);
    assert.equal(size, '140x230');
    assert.ok(diff < 4, `mean difference ${diff.toFixed(2)} per channel`);
    assert.equal((await sharp(stored.body).metadata()).orientation ?? 1, 1, 'no second turn in a viewer');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('touch: a finger drags a corner handle (touch-action is off on the picture, so the page does not scroll instead)', async () => {
    const path = join(dir, `touch-${Date.now()}.jpg`);
    writeFileSync(path, photo);
    const { page, context, errors } = await openDemo(demo, '/', { hasTouch: true, isMobile: false });
    await pickFiles(page, [path]);
    await waitForStatuses(page, ['done']);
    await page.locator('#uploader button.edit').click();
    const box = page.locator('#uploader cos-image-editor .box');
    await box.waitFor();
    await box.scrollIntoViewIfNeeded();
    const handle = (await page.locator('#uploader cos-image-editor .handle.nw').boundingBox())!;
    const x = handle.x + handle.width / 2;
    const y = handle.y + handle.height / 2;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (const step of [1, 2, 3, 4]) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + 10 * step, y: y + 15 * step }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const value = await page.evaluate(() => (document.querySelector('#uploader')!.shadowRoot!.querySelector('cos-image-editor') as unknown as { value: unknown }).value);
    assert.deepEqual(value, { rotate: 0, flip: false, crop: { x: 40, y: 60, width: 160, height: 260 } });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
