// Offline and unreachable hosts in Chromium (docs/networks.md): going offline mid-upload loses no part and
// costs no retry; a refused host and an offline browser are said on the element's rows.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { bytesOf } from '../../shared/bytes.js';
import { eventually, root, startDemo, type Demo, type LogEntry } from '../e2e/harness.js';
import { openDemo, pickFiles, rows } from '../e2e/page.js';
import { startPageUpload, type PageUploadResult } from './page-upload.js';

const MiB = 1024 * 1024;
const of = (log: LogEntry[], key: string, action: string) => log.filter((e) => e.key === key && e.action === action);
const uniqueKey = (name: string) => `networks/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}/${name}`;
export const shots = `${root}test-results/networks`;

describe('offline and unreachable, in Chromium', { timeout: 180_000 }, () => {
  let demo: Demo;

  before(async () => {
    demo = await startDemo();
    mkdirSync(shots, { recursive: true });
  });
  after(async () => {
    await demo?.close();
  });

  async function offlineMidUpload(managerIgnoresOffline: boolean): Promise<void> {
    const { page, context, errors } = await demo.newPage();
    await page.goto(`${demo.url}/`);
    const key = uniqueKey('offline.bin');
    const size = 12 * MiB + 3;
    // Parts take a while each, so the outage falls in the middle of the upload.
    await demo.faults({ action: 'UploadPart', key, delayMs: 400, times: 100 });
    await startPageUpload(page, {
      endpoint: `${demo.url}/cos/{Bucket}`, key, size, seed: 11, managerIgnoresOffline,
      client: { maxRetries: 0 },
      manager: { partSize: MiB, multipartThreshold: MiB, concurrency: 2, retryDelays: [] },
    });
    const doneParts = () => page.evaluate(() => {
      const manager = (window as unknown as { __manager: { snapshot(): { parts: { status: string }[] }[] } }).__manager;
      return manager.snapshot()[0].parts.filter((p) => p.status === 'done').length;
    });
    await eventually('three parts stored', async () => (await doneParts()) >= 3, 30_000);
    await context.setOffline(true);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const during = await page.evaluate(() => {
      const manager = (window as unknown as { __manager: { online: boolean; snapshot(): { status: string; error?: unknown }[] } }).__manager;
      return { online: navigator.onLine, managerOnline: manager.online, status: manager.snapshot()[0].status, error: manager.snapshot()[0].error };
    });
    assert.deepEqual(during, { online: false, managerOnline: managerIgnoresOffline, status: 'uploading', error: undefined });
    const stuckAt = await doneParts();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(await doneParts(), stuckAt, 'no part is stored while offline');
    const backOnline = Date.now();
    await context.setOffline(false);
    await eventually('a part stored after the network is back', async () => (await doneParts()) > stuckAt, 10_000);
    const resumedAfterMs = Date.now() - backOnline;
    const result = await page.evaluate(() => (window as unknown as { __upload: Promise<PageUploadResult> }).__upload);
    assert.equal(result.status, 'done', JSON.stringify(result.error));
    const stored = of(await demo.log(), key, 'UploadPart').filter((e) => e.status === 200).map((e) => e.partNumber!);
    assert.deepEqual(stored.sort((a, b) => a - b), Array.from({ length: 13 }, (_, i) => i + 1), 'every part stored exactly once');
    const object = await demo.getObject(key);
    assert.ok(object.body.equals(Buffer.from(bytesOf(size, 11))), 'the object is the file, byte for byte');
    // One part needs 400 ms on the emulator; more than a few seconds would mean a back-off was waited out.
    assert.ok(resumedAfterMs < 5000, `resumed ${resumedAfterMs} ms after the network came back`);
    assert.deepEqual(errors, []);
    await demo.clearFaults();
  }

  for (const variant of [
    { name: 'the queue pauses', managerIgnoresOffline: false },
    { name: 'requests keep starting and fail while offline', managerIgnoresOffline: true },
  ]) {
    it(`offline mid-upload (${variant.name}): nothing fails and no retry is spent (none allowed); back online it resumes at once without re-sending finished parts`, async () => {
      await offlineMidUpload(variant.managerIgnoresOffline);
    });
  }

  it('the element: a refused host shows "Can’t reach <host> — retrying in N s (k/m)"; offline shows a notice and "Waiting for the network"', async () => {
    const { page, context, errors } = await openDemo(demo);
    // Port 9 (discard) is closed on loopback: every connection is refused.
    await page.evaluate(() => {
      const uploader = document.querySelector('#uploader') as HTMLElement & { endpoint: string };
      uploader.endpoint = 'http://127.0.0.1:9/cos/{Bucket}';
      uploader.removeAttribute('multiple');
    });
    await pickFiles(page, [{ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from(bytesOf(50_000, 3)) }]);
    await eventually('the retry notice', async () => /Can’t reach 127\.0\.0\.1:9 — retrying in \d+ s \(\d+\/15\)/.test((await rows(page))[0]?.note ?? ''), 20_000);
    const [row] = await rows(page);
    assert.equal(row.status, 'uploading');
    await page.locator('#uploader').screenshot({ path: `${shots}/unreachable-row.png` });

    await context.setOffline(true);
    await eventually('the offline notice', () => page.evaluate(() =>
      Boolean(document.querySelector('#uploader')?.shadowRoot?.querySelector('[part~="network"]'))));
    const offline = await rows(page);
    assert.equal(offline[0].statusText, 'Waiting for the network');
    const notice = await page.evaluate(() => document.querySelector('#uploader')?.shadowRoot?.querySelector('[part~="network"]')?.textContent);
    assert.match(notice ?? '', /You are offline/);
    await page.locator('#uploader').screenshot({ path: `${shots}/offline.png` });
    await context.setOffline(false);
    await eventually('the offline notice gone', () => page.evaluate(() =>
      !document.querySelector('#uploader')?.shadowRoot?.querySelector('[part~="network"]')));
    assert.deepEqual(errors, []);
  });
});
