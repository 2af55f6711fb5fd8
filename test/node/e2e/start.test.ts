// `npm start` with no configuration: prints a localhost URL, serves the demo against the embedded emulator,
// and an image uploaded there comes back processed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { makeFixtures, type Fixtures } from './fixtures.js';
import { launchChromium, root } from './harness.js';
import { pickFiles, thumbnails, waitForStatuses, waitReady } from './page.js';

/** Resolves with the first `Local:` URL the dev server prints; rejects if it exits or stays silent. */
function printedUrl(child: ChildProcess, timeout = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed within ${timeout} ms:\n${output}`)), timeout);
    const read = (chunk: Buffer) => {
      output += stripVTControlCharacters(chunk.toString('utf8'));
      const match = /Local:\s+(http:\/\/(?:127\.0\.0\.1|localhost):\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}):\n${output}`));
    });
  });
}

describe('npm start', { timeout: 90_000 }, () => {
  let child: ChildProcess;
  let dataDir: string;
  let files: Fixtures;
  let browser: Browser | undefined;

  before(async () => {
    // Only the emulator's data goes to a throwaway folder; everything else is the plain `npm start`.
    dataDir = mkdtempSync(join(tmpdir(), 'cos-e2e-start-'));
    child = spawn('npm', ['start'], { cwd: root, env: { ...process.env, COS_EMULATOR_DATA: dataDir }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    files = await makeFixtures();
  });
  after(async () => {
    await browser?.close();
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    files?.remove();
  });

  it('prints a localhost URL where the demo works against the embedded emulator', async () => {
    const url = await printedUrl(child);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<cos-uploader id="uploader"/);
    const info = (await (await fetch(`${url}cos/-/info`)).json()) as { bucket: string; region: string };
    assert.deepEqual([info.bucket, info.region], ['examplebucket-1250000000', 'ap-guangzhou']);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (err) => errors.push(err.message));
    await tab.goto(url);
    await waitReady(tab);
    assert.equal(await tab.locator('#emu-info').innerText(), 'examplebucket-1250000000 · ap-guangzhou');
    await pickFiles(tab, [files.photo]);
    await waitForStatuses(tab, ['done']);
    const shown = await thumbnails(tab, '#results', 2);
    assert.deepEqual(shown.map((t) => `${t.key} ${t.width}×${t.height}`).sort(), ['demo/photo_200.webp 200×133', 'demo/photo_avatar.png 160×160']);
    assert.deepEqual(errors, []);
  });
});
