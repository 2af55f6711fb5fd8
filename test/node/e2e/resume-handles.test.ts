// A real page reload in the middle of a multipart upload of a file held by a FileSystemFileHandle (the
// origin-private file system stands in for a file the user picked): after the reload the uploader offers the
// interrupted upload, one click on Resume sends only the missing parts, and no file picker opens.
// The prompt after the reload is screenshotted to the shots dir.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { eventually, startDemo, type Demo, type LogEntry } from './harness.js';
import { axeViolations, openDemo, rows, waitForStatuses, waitReady } from './page.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp/shots-e2e';
const KEY = 'demo/opfs-big.bin';
const SIZE = 30 * 1024 * 1024;
const forKey = (log: LogEntry[], action: string) => log.filter((e) => e.key === KEY && e.action === action);
const partNumbers = (entries: LogEntry[]) => entries.map((e) => e.partNumber ?? 0).sort((a, b) => a - b);

describe('demo: reload during an upload from a kept file handle, then one click on Resume', { timeout: 180_000 }, () => {
  let demo: Demo;

  before(async () => {
    demo = await startDemo();
  });
  after(async () => {
    await demo?.close();
  });

  it('offers the interrupted upload after the reload and resumes it without a picker, sending only parts 3 and 4', async () => {
    const { page, errors } = await openDemo(demo);
    await demo.faults([
      { action: 'UploadPart', key: KEY, partNumber: 3, delayMs: 6000 },
      { action: 'UploadPart', key: KEY, partNumber: 4, delayMs: 6000 },
    ]);
    // 30 MiB of random bytes in the origin-private file system, added through its handle.
    await page.evaluate(async (size) => {
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle('opfs-big.bin', { create: true });
      const writable = await handle.createWritable();
      const chunk = new Uint8Array(65536);
      for (let at = 0; at < size; at += chunk.length) {
        crypto.getRandomValues(chunk);
        await writable.write(chunk.subarray(0, Math.min(chunk.length, size - at)));
      }
      await writable.close();
      document.querySelector<HTMLElement & { addFiles(files: unknown[]): void }>('#uploader')!.addFiles([handle]);
    }, SIZE);
    await eventually('parts 1 and 2 stored', async () => partNumbers(forKey(await demo.log(), 'UploadPart').filter((e) => e.status === 200)).join() === '1,2', 30_000);
    // The record (with the handle) is written right after each part; the page may take a while to see part 2's
    // answer (and check its CRC) after the emulator logged it. Polled with evaluate, which awaits the read
    // (waitForFunction would take the Promise itself as a truthy answer and not wait).
    await eventually('the resume record with parts 1 and 2 and the handle', () => page.evaluate(() => new Promise<boolean>((resolve) => {
      const open = indexedDB.open('cos-uploader');
      open.onerror = () => resolve(false);
      open.onsuccess = () => {
        if (!open.result.objectStoreNames.contains('multipart-uploads')) {
          open.result.close();
          resolve(false);
          return;
        }
        const all = open.result.transaction('multipart-uploads').objectStore('multipart-uploads').getAll();
        all.onsuccess = () => {
          open.result.close();
          resolve(all.result.some((r: { parts: object; handle?: unknown }) => Object.keys(r.parts).length === 2 && r.handle));
        };
      };
    })), 30_000);
    const beforeReload = await demo.log();
    const uploadId = forKey(beforeReload, 'InitiateMultipartUpload')[0]?.uploadId ?? forKey(beforeReload, 'UploadPart')[0]?.uploadId;
    assert.ok(uploadId);

    await page.reload();
    await waitReady(page);
    // Count pickers from now on: neither the hidden input nor showOpenFilePicker may open.
    await page.evaluate(() => {
      const w = window as unknown as { pickersOpened: number; showOpenFilePicker?: unknown };
      w.pickersOpened = 0;
      const click = HTMLInputElement.prototype.click;
      HTMLInputElement.prototype.click = function (this: HTMLInputElement) {
        if (this.type === 'file') w.pickersOpened += 1;
        else click.call(this);
      };
      w.showOpenFilePicker = () => {
        w.pickersOpened += 1;
        return Promise.reject(new DOMException('no', 'AbortError'));
      };
    });
    const prompt = page.locator('#uploader cos-resume-prompt');
    await prompt.waitFor({ state: 'visible', timeout: 15_000 });
    const said = await prompt.evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));
    assert.match(said, /1 upload was interrupted/);
    assert.match(said, /opfs-big\.bin — 30 MB, 2 of 4 parts uploaded/);
    mkdirSync(SHOTS, { recursive: true });
    await page.locator('#uploader').screenshot({ path: `${SHOTS}/resume-prompt.png` });
    assert.deepEqual(await axeViolations(page), []);
    // The same notice in Chinese on the dark theme (the demo's switches), then back.
    await page.selectOption('#lang', 'zh-CN');
    await page.selectOption('#theme', 'dark');
    await eventually('the notice in Chinese', async () => /有 1 个上传被中断/.test(await prompt.evaluate((el) => el.shadowRoot?.textContent ?? '')));
    await page.locator('#uploader').screenshot({ path: `${SHOTS}/resume-prompt-zh-dark.png` });
    assert.deepEqual(await axeViolations(page), []);
    await page.selectOption('#lang', 'en');
    await page.selectOption('#theme', '');

    await demo.clearFaults();
    const atClick = (await demo.log()).length;
    await prompt.getByRole('button', { name: 'Resume' }).click();
    const [done] = await waitForStatuses(page, ['done']);
    assert.equal(done.name, 'opfs-big.bin');
    assert.equal(done.note, 'Resumed an earlier upload (parts already stored: 2)');

    const afterClick = (await demo.log()).slice(atClick);
    assert.equal(forKey(afterClick, 'InitiateMultipartUpload').length, 0, 'no new multipart upload');
    assert.deepEqual(forKey(afterClick, 'ListParts').map((e) => [e.uploadId, e.status]), [[uploadId, 200]]);
    assert.deepEqual(partNumbers(forKey(afterClick, 'UploadPart').filter((e) => e.status === 200)), [3, 4], 'only the parts missing on the server');
    assert.ok(forKey(afterClick, 'UploadPart').every((e) => e.partNumber === 3 || e.partNumber === 4));
    assert.deepEqual(forKey(afterClick, 'CompleteMultipartUpload').map((e) => [e.uploadId, e.status]), [[uploadId, 200]]);

    const stored = await demo.getObject(KEY);
    assert.equal(stored.status, 200);
    const source = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const file = await (await root.getFileHandle('opfs-big.bin')).getFile();
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
      return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    });
    assert.equal(createHash('sha256').update(stored.body).digest('hex'), source, 'the stored object is byte-identical');
    assert.equal(await page.evaluate(() => (window as unknown as { pickersOpened: number }).pickersOpened), 0, 'no file picker opened');
    await prompt.waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
  });

  it('a file edited before the reload is refused with a visible message; its upload is aborted', async () => {
    const key = 'demo/opfs-edited.bin';
    const { page, errors } = await openDemo(demo);
    await demo.faults({ action: 'UploadPart', key, partNumber: 2, delayMs: 6000 });
    await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle('opfs-edited.bin', { create: true });
      const writable = await handle.createWritable();
      await writable.write(new Uint8Array(17 * 1024 * 1024).fill(7));
      await writable.close();
      document.querySelector<HTMLElement & { addFiles(files: unknown[]): void }>('#uploader')!.addFiles([handle]);
    });
    await eventually('part 1 stored', async () => (await demo.log()).some((e) => e.key === key && e.action === 'UploadPart' && e.partNumber === 1 && e.status === 200), 30_000);
    await page.waitForTimeout(300);
    await page.reload();
    await waitReady(page);
    // Edited on disk while the page was away: same size, other bytes, a new date.
    await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const writable = await (await root.getFileHandle('opfs-edited.bin')).createWritable({ keepExistingData: true });
      await writable.write({ type: 'write', position: 0, data: new Uint8Array([1, 2, 3]) });
      await writable.close();
    });
    const refused = page.evaluate(() => new Promise<string>((resolve) => {
      document.querySelector('#uploader')!.addEventListener('cos-file-rejected', (e) => resolve((e as CustomEvent).detail.reason), { once: true });
    }));
    const prompt = page.locator('#uploader cos-resume-prompt');
    await prompt.getByRole('button', { name: 'Resume' }).click();
    assert.equal(await refused, 'changed');
    const alert = prompt.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /opfs-edited\.bin changed since its upload began, so it was not resumed/);
    await page.locator('#uploader').screenshot({ path: `${SHOTS}/resume-refused.png` });
    assert.deepEqual(await rows(page), []);
    await prompt.getByRole('button', { name: 'Dismiss' }).click();
    await prompt.waitFor({ state: 'detached' });
    await eventually('the upload aborted', async () => (await demo.log()).some((e) => e.key === key && e.action === 'AbortMultipartUpload' && e.status === 204));
    assert.deepEqual(errors, []);
  });
});
