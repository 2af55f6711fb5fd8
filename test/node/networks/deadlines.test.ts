// The stall watchdog and the response deadline in Chromium, through a loopback proxy in front of the demo's
// emulator (docs/networks.md). Times are scaled down: stall timeout 1.5 s instead of 30 s, answers held 5 s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesOf } from '../../shared/bytes.js';
import { startDemo, type Demo, type DemoPage, type LogEntry } from '../e2e/harness.js';
import { startFreezingProxy, type FreezingProxy } from './freezing-proxy.js';
import { pageUpload } from './page-upload.js';
import { openDemo, pickFiles, waitForStatuses } from '../e2e/page.js';

const MiB = 1024 * 1024;
const of = (log: LogEntry[], key: string, action: string) => log.filter((e) => e.key === key && e.action === action);
const uniqueKey = (name: string) => `networks/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}/${name}`;

describe('deadlines in Chromium through a freezing proxy', { timeout: 180_000 }, () => {
  let demo: Demo;
  let proxy: FreezingProxy;
  let opened: DemoPage;
  const dataDir = mkdtempSync(join(tmpdir(), 'cos-networks-'));

  before(async () => {
    demo = await startDemo();
    proxy = await startFreezingProxy(demo.url);
    opened = await demo.newPage();
    await opened.page.goto(`${demo.url}/`);
  });
  after(async () => {
    await proxy?.close();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a connection that stops reading mid-part is abandoned after the stall timeout; the part goes again on a new connection and the object is byte-identical', async () => {
    const key = uniqueKey('stalled.bin');
    const size = 72 * MiB + 5;
    // Part 2 freezes after 2 MiB. The socket buffers of a connection that already carried part 1 take up to
    // ~12 MiB more here (and could take more: receive buffers grow to 32 MiB); a 32 MiB part outlasts them, so the
    // browser sees its upload stop. A part that fitted would be caught by the answer deadline instead (next test).
    proxy.freezeNext(/^PUT [^ ]*[?&]partNumber=2&/m, 2 * MiB);
    const result = await pageUpload(opened.page, {
      endpoint: `${proxy.url}/cos/{Bucket}`, key, size, seed: 7,
      client: { stallTimeoutMs: 1500 },
      manager: { partSize: 32 * MiB, multipartThreshold: 8 * MiB, concurrency: 1, retryDelays: [200] },
    });
    assert.equal(result.status, 'done', JSON.stringify(result.error));
    assert.equal(proxy.frozen, 1, 'one connection froze');
    assert.deepEqual(result.retries, ['RequestStalled'], 'the stalled part was retried once, as a stall');
    const log = await demo.log();
    const parts = of(log, key, 'UploadPart').filter((e) => e.status === 200).map((e) => e.partNumber);
    assert.deepEqual(parts.sort(), [1, 2, 3], 'each part stored once: finished parts were not sent again');
    const stored = await demo.getObject(key);
    assert.equal(stored.status, 200);
    assert.ok(stored.body.equals(Buffer.from(bytesOf(size, 7))), 'the stored object is the file, byte for byte');
    assert.deepEqual(opened.errors, []);
  });

  it('a connection that dies with the rest of the part in socket buffers is given up after the learned answer deadline, not the 180 s response timeout', async () => {
    const key = uniqueKey('buffered.bin');
    const size = 6 * MiB + 5;
    // Part 4 freezes after 16 KiB: the rest of its 1 MiB fits in the socket buffers, so the browser reports it sent
    // and no stall can be seen. Parts 1-3 were answered, so the client knows how long a part takes to this host.
    proxy.freezeNext(/^PUT [^ ]*[?&]partNumber=4&/m, 16 * 1024);
    const frozenBefore = proxy.frozen;
    const result = await pageUpload(opened.page, {
      endpoint: `${proxy.url}/cos/{Bucket}`, key, size, seed: 10,
      client: { stallTimeoutMs: 1500 }, // the response timeout stays at its 180 s default
      manager: { partSize: 1 * MiB, multipartThreshold: 1 * MiB, concurrency: 1, retryDelays: [200] },
    });
    assert.equal(result.status, 'done', JSON.stringify(result.error));
    assert.equal(proxy.frozen, frozenBefore + 1, 'one connection froze');
    assert.deepEqual(result.retries, ['ResponseTimeout'], 'the buffered part was given up waiting for its answer, once');
    assert.ok(result.elapsedMs < 60_000, `given up long before 180 s (${Math.round(result.elapsedMs)} ms in all)`);
    const parts = of(await demo.log(), key, 'UploadPart').filter((e) => e.status === 200).map((e) => e.partNumber);
    assert.deepEqual(parts.sort(), [1, 2, 3, 4, 5, 6, 7], 'each part stored once');
    const stored = await demo.getObject(key);
    assert.ok(stored.body.equals(Buffer.from(bytesOf(size, 10))), 'the stored object is the file, byte for byte');
  });

  it('a server that answers 5 s after the whole body arrived is waited for (stall timeout 1.5 s): one attempt, no retry', async () => {
    const key = uniqueKey('slow-answer.bin');
    const size = 6 * MiB;
    proxy.delayNextAnswer(new RegExp(`^PUT [^ ]*${key.split('/').pop()}`, 'm'), 5000);
    const result = await pageUpload(opened.page, {
      endpoint: `${proxy.url}/cos/{Bucket}`, key, size, seed: 8,
      client: { stallTimeoutMs: 1500 },
      manager: { multipartThreshold: 8 * MiB },
    });
    assert.equal(result.status, 'done', JSON.stringify(result.error));
    assert.deepEqual(result.retries, []);
    assert.ok(result.elapsedMs >= 5000, `the answer really was held (${Math.round(result.elapsedMs)} ms)`);
    assert.equal(of(await demo.log(), key, 'PutObject').length, 1, 'sent once');
    const stored = await demo.getObject(key);
    assert.ok(stored.body.equals(Buffer.from(bytesOf(size, 8))));
  });

  it('an answer later than the response deadline (1.5 s) is given up on and the request retried', async () => {
    const key = uniqueKey('late-answer.bin');
    const size = 2 * MiB;
    proxy.delayNextAnswer(new RegExp(`^PUT [^ ]*${key.split('/').pop()}`, 'm'), 5000);
    const result = await pageUpload(opened.page, {
      endpoint: `${proxy.url}/cos/{Bucket}`, key, size, seed: 9,
      client: { stallTimeoutMs: 1500, responseTimeoutMs: 1500 },
      manager: { multipartThreshold: 8 * MiB },
    });
    assert.equal(result.status, 'done', JSON.stringify(result.error));
    assert.deepEqual(result.retries, ['ResponseTimeout']);
    assert.ok(result.elapsedMs < 5000, `did not wait for the held answer (${Math.round(result.elapsedMs)} ms)`);
    const stored = await demo.getObject(key);
    assert.ok(stored.body.equals(Buffer.from(bytesOf(size, 9))));
  });

  it('the element: stall-timeout set by attribute; the row says the connection stalled, then the file completes intact', async () => {
    const { page, errors } = await openDemo(demo);
    await page.evaluate((endpoint) => {
      const uploader = document.querySelector('#uploader') as HTMLElement & { endpoint: string };
      uploader.endpoint = endpoint;
      uploader.setAttribute('stall-timeout', '1.5');
      uploader.setAttribute('part-size', '32MB'); // larger than the socket buffers can hide: see the first test
      uploader.setAttribute('concurrency', '1');
      uploader.setAttribute('prefix', 'networks-element/');
    }, `${proxy.url}/cos/{Bucket}`);
    const size = 72 * MiB;
    // From a file on disk: handing Playwright a 72 MiB buffer is slow on a loaded machine.
    const path = join(dataDir, 'stall.bin');
    writeFileSync(path, bytesOf(size, 12));
    proxy.freezeNext(/^PUT \/cos\/[^ ]*networks-element[^ ]*[?&]partNumber=2&/m, 2 * MiB);
    const frozenBefore = proxy.frozen;
    // The row's retry note lives from the stall until the retry's first bytes: the back-off's full jitter makes that
    // 0-300 ms, and redraws come once a frame, so polling the row can miss it. Every note drawn is recorded in the
    // page instead, and the jitter is pinned near its top so the note is drawn for a few frames.
    await page.evaluate(() => {
      const root = document.querySelector('#uploader')!.shadowRoot!;
      const seen: string[] = ((window as unknown as { notesSeen: string[] }).notesSeen = []);
      const record = () => {
        for (const note of root.querySelectorAll('li.file .note')) {
          const text = (note.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (text && seen.at(-1) !== text) seen.push(text);
        }
      };
      new MutationObserver(record).observe(root, { subtree: true, childList: true, characterData: true });
      Math.random = () => 0.99;
    });
    await pickFiles(page, [path]);
    await waitForStatuses(page, ['done'], '#uploader', 120_000); // generous: npm test runs Node test files in parallel
    const notes = await page.evaluate(() => (window as unknown as { notesSeen: string[] }).notesSeen);
    const stalled = notes.filter((note) => /stalled/.test(note));
    assert.ok(stalled.length > 0, `the row said the connection stalled; notes drawn: ${JSON.stringify(notes)}`);
    assert.match(stalled[0], /^The connection to 127\.0\.0\.1:\d+ stalled — retrying in \d+ s \(1\/15\)$/);
    assert.equal(proxy.frozen, frozenBefore + 1);
    const stored = await demo.getObject('networks-element/stall.bin');
    assert.ok(stored.body.equals(Buffer.from(bytesOf(size, 12))));
    assert.deepEqual(errors, []);
  });
});
