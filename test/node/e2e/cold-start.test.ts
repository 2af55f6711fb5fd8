// Cold start on the real standalone build (docs/cold-start.md): a page view without intent costs no token call and,
// without an uploader, no engine; an uploader asks for all its upload chunks in one round; a drop on a fresh page
// asks for keys at once, in parallel with the engine, and makes one STS call, not two.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import type { CosEmulator } from '../../../src/emulator/index.js';
import { uploadChunkFiles } from '../../../scripts/chunk-preload.js';
import { startStandaloneSite, type StandaloneSite } from './standalone-site.js';

const PAGE = '<!doctype html><html lang="en"><meta charset="utf-8"><title>cold</title><script type="module" src="/cos-uploader.js"></script><body></body></html>';

interface Timing {
  name: string;
  startTime: number;
  responseEnd: number;
}

describe('cold start on the standalone build', { timeout: 180_000 }, () => {
  let site: StandaloneSite;
  let emulator: CosEmulator;
  let url: string;
  let browser: Browser;
  /** The chunks the entry should ask for at once, as the build made them (`chunks/…js`). */
  let uploadChunks: string[];
  /** Each chunk's static imports. */
  let importsOf: Map<string, string[]>;
  let engineChunk: string;

  before(async () => {
    site = await startStandaloneSite('cold', { pages: { '/': PAGE }, headers: { 'Cache-Control': 'no-store' } });
    ({ emulator, url, browser } = site);
    const { chunks } = site;
    uploadChunks = uploadChunkFiles(Object.fromEntries(chunks.map((c) => [c.fileName, c])));
    importsOf = new Map(chunks.map((c) => [c.fileName, c.imports]));
    engineChunk = chunks.find((c) => c.facadeModuleId?.replace(/\\/g, '/').endsWith('/src/elements/uploader/engine.ts'))!.fileName;
    assert.ok(uploadChunks.length >= 3, `upload chunks: ${uploadChunks.join(', ')}`);
  });

  after(() => site?.close());

  /** A fresh page on the test page; `requests` lists every URL path it asks for. */
  async function freshPage(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await (await browser.newContext()).newPage();
    // tsx compiles this file with esbuild's keepNames: functions sent to page.evaluate call its __name helper.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => customElements.get('cos-uploader'), null, { timeout: 30_000 });
    return { page, requests, errors };
  }

  const settings = () => ({ bucket: emulator.bucket, region: emulator.region, endpoint: `${url}/cos/{Bucket}`, 'token-url': `${url}/cos/sts` });
  const isSts = (path: string) => path === '/cos/sts';
  const timings = (page: Page) => page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
    name: new URL(e.name).pathname, startTime: e.startTime, responseEnd: e.responseEnd,
  })));

  it('a page view without an uploader loads no engine and calls no token backend; one connecting asks for every upload chunk in one round', async () => {
    const { page, requests, errors } = await freshPage();
    // Well past the 1 s idle timeout the entry once preloaded at.
    await page.waitForTimeout(1500);
    assert.deepEqual(requests.filter((p) => uploadChunks.some((c) => p.endsWith(c)) || isSts(p)), [], 'nothing before an uploader');

    await page.evaluate((attributes) => {
      const el = document.createElement('cos-uploader');
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      document.body.append(el);
    }, settings());
    await page.waitForFunction((files) => files.every((f) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(`/${f}`))), uploadChunks, { timeout: 30_000 });
    const all = await timings(page);
    const timing = (file: string) => all.find((t) => t.name === `/${file}`)!;
    // One round: no upload chunk waited to be discovered as an import of another, i.e. each was asked for before
    // every chunk importing it had arrived (a discovered import can only be asked for after its importer arrives).
    const late = uploadChunks.filter((file) => {
      const importers = uploadChunks.filter((other) => importsOf.get(other)!.includes(file));
      return importers.some((importer) => timing(file).startTime >= timing(importer).responseEnd);
    }).map((file) => ({ file, ...timing(file) }));
    assert.deepEqual(late, [], `asked for only after an importer arrived: ${JSON.stringify(all.map((t) => [t.name, Math.round(t.startTime), Math.round(t.responseEnd)]))}`);

    // A pointer over the element and focus in it load code only: no keys without intent.
    await page.hover('cos-uploader');
    await page.focus('cos-uploader');
    await page.waitForTimeout(500);
    assert.deepEqual(requests.filter(isSts), [], 'no token call on hover or focus');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('a drop on a fresh page: keys asked for at the drag, while the engine still loads; one STS call; the file stored', async () => {
    const { page, requests, errors } = await freshPage();
    const marks = await page.evaluate(async ({ attributes, name }) => {
      const el = document.createElement('cos-uploader') as HTMLElement & { updateComplete: Promise<unknown> };
      for (const [attr, value] of Object.entries(attributes)) el.setAttribute(attr, value);
      document.body.append(el);
      // The first render happens in microtasks; waiting only for those keeps this in the task that connected the
      // element, so the engine's chunks, asked for at connect, cannot have arrived before the drag.
      for (let i = 0; i < 1000 && !el.shadowRoot?.querySelector('[part~="dropzone"]'); i += 1) await Promise.resolve();
      const zone = el.shadowRoot!.querySelector('[part~="dropzone"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(4096)], name, { type: 'application/octet-stream' }));
      const stored = new Promise<string>((resolve, reject) => {
        el.addEventListener('cos-upload-success', (e) => resolve((e as CustomEvent).detail.key), { once: true });
        el.addEventListener('cos-upload-error', (e) => reject(new Error(JSON.stringify((e as CustomEvent).detail.error))), { once: true });
      });
      const drag = (type: string) => zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
      const enter = performance.now();
      drag('dragenter');
      drag('dragover');
      const drop = performance.now();
      drag('drop');
      // Without the engine there is no manager yet: the file waits for it, its keys do not.
      const engineIn = (el as unknown as { manager?: unknown }).manager !== undefined;
      return { enter, drop, engineIn, key: await stored };
    }, { attributes: settings(), name: `cold-${Date.now()}.bin` });
    assert.equal(marks.engineIn, false, 'the engine was not in at the drop');
    // A second STS call, if any, would come right after the engine loads: give it time to show.
    await page.waitForTimeout(300);
    assert.equal(requests.filter(isSts).length, 1, `one STS call: ${requests.filter(isSts).length}`);
    const all: Timing[] = await timings(page);
    const sts = all.find((t) => isSts(t.name))!;
    // Asked for by the dragenter itself, in the task that connected the element: the engine can only run after that
    // task, so the keys did not wait for it. (1 ms: the page clock and the resource clock may round differently.)
    assert.ok(sts.startTime >= marks.enter - 1 && sts.startTime <= marks.drop + 1,
      `STS asked for at the drag: ${(sts.startTime - marks.enter).toFixed(1)} ms after dragenter, drop at ${(marks.drop - marks.enter).toFixed(1)} ms`);
    const engine = all.find((t) => t.name.endsWith(engineChunk));
    assert.ok(engine, 'the engine chunk was loaded');
    assert.ok(emulator.log.some((e) => e.action === 'PostObject' && e.key === marks.key && e.status < 300), `${marks.key} stored`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('a failed early key fetch is retried by the engine\'s provider: the upload still succeeds', async () => {
    emulator.faults.add({ action: 'Sts', status: 502, code: 'InternalError', times: 1 });
    try {
      const { page, requests, errors } = await freshPage();
      const key = await page.evaluate(async ({ attributes, name }) => {
        const el = document.createElement('cos-uploader') as HTMLElement & { addFiles(files: File[]): void };
        for (const [attr, value] of Object.entries(attributes)) el.setAttribute(attr, value);
        document.body.append(el);
        const stored = new Promise<string>((resolve, reject) => {
          el.addEventListener('cos-upload-success', (e) => resolve((e as CustomEvent).detail.key), { once: true });
          el.addEventListener('cos-upload-error', (e) => reject(new Error(JSON.stringify((e as CustomEvent).detail.error))), { once: true });
        });
        el.addFiles([new File(['retried'], name, { type: 'text/plain' })]);
        return stored;
      }, { attributes: settings(), name: `cold-retry-${Date.now()}.txt` });
      assert.equal(requests.filter(isSts).length, 2, 'the early fetch (502) and one retry');
      assert.ok(emulator.log.some((e) => e.action === 'PostObject' && e.key === key && e.status < 300), `${key} stored`);
      assert.deepEqual(errors, []);
      await page.context().close();
    } finally {
      emulator.faults.clear();
    }
  });
});
