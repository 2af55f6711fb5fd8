// The demo's uploader switched to mode="dialog" against the embedded emulator: files picked, the dialog open
// mid-upload (screenshot in /tmp/shots-e2e/dialog-mid-upload.png for a person to look at), closed with Escape
// while parts are still going, and the button showing the progress until everything is stored.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { makeFixtures, type Fixtures } from './fixtures.js';
import { startDemo, type Demo } from './harness.js';
import { openDemo, pickFiles, rows } from './page.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp/shots-e2e';

describe('demo: the uploader as a button and dialog', { timeout: 150_000 }, () => {
  let demo: Demo;
  let files: Fixtures;

  before(async () => {
    [demo, files] = await Promise.all([startDemo(), makeFixtures()]);
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await demo?.clearFaults();
    await demo?.close();
    files?.remove();
  });

  it('uploads go on after the dialog closes; the button shows their progress', async () => {
    const { page, context, errors } = await openDemo(demo, '/');
    await page.evaluate(async () => {
      const uploader = document.querySelector('#uploader') as HTMLElement & { mode?: string; updateComplete: Promise<unknown> };
      uploader.mode = 'dialog';
      uploader.setAttribute('drop-target', 'document');
      await uploader.updateComplete;
    });
    const opener = page.locator('#uploader [part~="opener"]');
    await opener.waitFor();
    // Slow parts, so the dialog is seen (and closed) mid-upload.
    await demo.faults({ action: 'UploadPart', delayMs: 1200, times: 4 });
    await pickFiles(page, [files.big, files.photo]);
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('#uploader dialog');
    assert.equal(await dialog.evaluate((d) => (d as HTMLDialogElement).open), true);
    await page.waitForFunction(() => {
      const root = document.querySelector('#uploader')!.shadowRoot!;
      const bars = [...root.querySelectorAll('[role="progressbar"]')].map((bar) => Number(bar.getAttribute('aria-valuenow')));
      return bars.some((value) => value > 0 && value < 100);
    });
    await page.screenshot({ path: `${SHOTS}/dialog-mid-upload.png` });
    const during = await rows(page);
    assert.ok(during.some((row) => row.status === 'uploading'), JSON.stringify(during));
    await page.keyboard.press('Escape');
    assert.equal(await dialog.evaluate((d) => (d as HTMLDialogElement).open), false);
    assert.equal(await page.evaluate(() => document.querySelector('#uploader')!.shadowRoot!.activeElement?.getAttribute('part')), 'opener');
    const midway = (await opener.textContent())!.replace(/\s+/g, ' ').trim();
    assert.match(midway, /^Upload files [01] of 2 · \d+ %$/);
    await page.waitForFunction(() => /2 of 2 · 100 %/.test(document.querySelector('#uploader')!.shadowRoot!.querySelector('[part~="opener"]')!.textContent ?? ''), undefined, { timeout: 90_000 });
    assert.deepEqual((await rows(page)).map((row) => row.status), ['done', 'done']);
    await page.screenshot({ path: `${SHOTS}/dialog-closed-done.png` });
    // drop-target="document": a file dragged over the page shows the overlay.
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['x'], 'dragged.txt', { type: 'text/plain' }));
      document.body.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    });
    await page.locator('#uploader [part~="page-overlay"]').waitFor();
    await page.screenshot({ path: `${SHOTS}/page-drop-overlay.png` });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
