// The size report's "upload path" is what a real page fetches (docs/bundle-size.md#what-a-page-loads): a page with
// only <cos-uploader> on the standalone build uploads one file against the emulator, and the scripts it requested
// are exactly the files scripts/size-graph.mjs counts, no more (a miscount would make the report flatter) and no
// fewer (a file counted but never loaded would make it look worse than it is).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { bytesOf } from '../../shared/bytes.js';
import { pickFiles, waitForStatuses } from './page.js';
import { startStandaloneSite, type StandaloneSite } from './standalone-site.js';
// @ts-expect-error -- plain .mjs helper without types
import { pageTotals } from '../../../scripts/size-graph.mjs';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>upload path</title></head>
<body><cos-uploader id="uploader" prefix="path/"></cos-uploader><script type="module" src="/page.js"></script></body></html>`;
const SCRIPT = `import './cos-uploader.js';
const info = await (await fetch('/cos/-/info')).json();
Object.assign(document.querySelector('#uploader'), {
  bucket: info.bucket, region: info.region, endpoint: location.origin + '/cos/{Bucket}', tokenUrl: location.origin + '/cos/sts',
});
document.body.dataset.ready = 'true';`;

describe('the upload path of the standalone build', { timeout: 180_000 }, () => {
  let site: StandaloneSite;
  let url: string;
  let browser: Browser;
  let counted: string[];
  let chunkOf: (module: RegExp) => string;

  before(async () => {
    site = await startStandaloneSite('upload-path', { pages: { '/': PAGE, '/page.js': SCRIPT }, sourcemap: false });
    ({ url, browser } = site);
    const chunks = site.chunks.map((c) => ({
      file: c.fileName, isEntry: c.isEntry, imports: c.imports, dynamicImports: c.dynamicImports, bytes: c.code.length, gzip: 0, modules: Object.keys(c.modules),
    }));
    counted = (pageTotals(chunks).uploadPathFiles as string[]).sort();
    chunkOf = (module) => {
      const found = chunks.filter((c) => c.modules.some((id) => module.test(id.replace(/\\/g, '/'))));
      assert.equal(found.length, 1, `${module} in one chunk`);
      return found[0].file;
    };
  });

  after(() => site?.close());

  it('fetches exactly the files the size report counts, to upload one file', async () => {
    const page = await browser.newPage();
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    const fetched = new Set<string>();
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.js') && path !== '/page.js') fetched.add(path.slice(1));
    });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await pickFiles(page, [{ name: 'one.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(bytesOf(300_000, 5)) }]);
    await waitForStatuses(page, ['done']);
    // Chunks loaded at idle or after the first render (engine preload, resume check) have had their moment: the page
    // is idle once the upload is done; wait for a quiet network so a late import is still seen.
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })));
    assert.deepEqual([...fetched].sort(), counted);
    await page.close();
  });

  // A multipart upload's requests and the client's XML calls wait for the first large file
  // (docs/bundle-size.md#what-waits-for-its-first-use): fetched then, in one round, and the upload completes.
  it('fetches the multipart requests and the XML calls only when a large file starts, and uploads it', async () => {
    const page = await browser.newPage();
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    const fetched: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.js') && path !== '/page.js') fetched.push(path.slice(1));
    });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await page.evaluate(() => Object.assign(document.querySelector('#uploader')!, { multipartThreshold: 1_048_576, partSize: 1_048_576 }));
    await page.waitForLoadState('networkidle');
    const late = [chunkOf(/\/src\/core\/upload\/multipart-steps\.ts$/), chunkOf(/\/src\/core\/client-xml\.ts$/), chunkOf(/\/src\/core\/xml\/responses\.ts$/)];
    for (const file of late) assert.ok(!counted.includes(file), `${file} is not on the upload path`);
    assert.deepEqual(late.filter((file) => fetched.includes(file)), [], 'nothing of multipart before a large file');
    await pickFiles(page, [{ name: 'large.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(bytesOf(2_600_000, 7)) }]);
    await waitForStatuses(page, ['done']);
    const parts = await page.evaluate(() => (document.querySelector('#uploader') as unknown as { uploads: { parts: unknown[] }[] }).uploads[0].parts.length);
    assert.equal(parts, 3, 'sent as three parts');
    for (const file of late) assert.ok(fetched.includes(file), `${file} fetched for the large file`);
    await page.close();
  });
  // A chunk that does not arrive (a network blip on the page's own server) is a retryable network error: the file
  // waits and tries again, the chunk is requested again, and the upload completes (src/core/lazy-import.ts).
  it('retries a large file whose multipart code failed to load once', async () => {
    const page = await browser.newPage();
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    const steps = chunkOf(/\/src\/core\/upload\/multipart-steps\.ts$/);
    let requests = 0;
    await page.route(`**/${steps}`, (route) => (++requests === 1 ? route.abort('connectionreset') : route.continue()));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await page.evaluate(() => Object.assign(document.querySelector('#uploader')!, { multipartThreshold: 1_048_576, partSize: 1_048_576 }));
    await pickFiles(page, [{ name: 'blip.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(bytesOf(2_600_000, 9)) }]);
    await waitForStatuses(page, ['done']);
    assert.equal(requests, 2, 'the chunk was requested again after the failed load');
    await page.close();
  });
});
