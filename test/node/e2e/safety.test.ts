// File names and server answers are text, never markup: names with HTML in them render literally everywhere
// (rows, processed results, the page's results section), no script runs, and no HTML sink ever sees them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { drawPhoto, makeFixtures, type Fixtures } from './fixtures.js';
import { startDemo, type Demo, type DemoPage } from './harness.js';
import { deepCount, openDemo, pickFiles, rows, thumbnails, waitForStatuses } from './page.js';

/** Records every string handed to an HTML-parsing API, before any page script runs. */
const RECORD_HTML_SINKS = `(() => {
  const seen = (globalThis.__htmlSinks = []);
  const wrapSetter = (proto, name) => {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (!d || !d.set) return;
    Object.defineProperty(proto, name, { ...d, set(value) { seen.push(name + ': ' + String(value)); return d.set.call(this, value); } });
  };
  const wrapMethod = (proto, name, arg = 0) => {
    const original = proto && proto[name];
    if (typeof original !== 'function') return;
    proto[name] = function (...args) { seen.push(name + ': ' + String(args[arg])); return original.apply(this, args); };
  };
  wrapSetter(Element.prototype, 'innerHTML');
  wrapSetter(Element.prototype, 'outerHTML');
  wrapSetter(ShadowRoot.prototype, 'innerHTML');
  wrapMethod(Element.prototype, 'insertAdjacentHTML', 1);
  wrapMethod(Element.prototype, 'setHTMLUnsafe');
  wrapMethod(ShadowRoot.prototype, 'setHTMLUnsafe');
  wrapMethod(Document.prototype, 'write');
  wrapMethod(Document.prototype, 'writeln');
  wrapMethod(Range.prototype, 'createContextualFragment');
  wrapMethod(DOMParser.prototype, 'parseFromString');
})();`;

const IMG_NAME = '<img src=x onerror=alert(1)>.png';
const SVG_NAME = '"><svg onload=alert(2)>.jpg';
const MARKERS = /onerror|onload|alert\(/;

describe('demo: file names and server answers are never markup', { timeout: 120_000 }, () => {
  let demo: Demo;
  let files: Fixtures;
  let opened: DemoPage;
  const dialogs: string[] = [];

  before(async () => {
    [demo, files] = await Promise.all([startDemo(), makeFixtures()]);
    opened = await openDemo(demo, '/', {}, [RECORD_HTML_SINKS]);
    opened.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  after(async () => {
    await demo?.close();
    files?.remove();
  });

  it('shows HTML-looking file names as text in the rows and in every processed result', async () => {
    const { page } = opened;
    const png = files.write(IMG_NAME, await drawPhoto(300, 200, 'png'));
    const jpg = files.write(SVG_NAME, await drawPhoto(300, 200));
    await pickFiles(page, [png, jpg]);
    const done = await waitForStatuses(page, ['done', 'done']);
    assert.deepEqual(done.map((r) => r.name), [IMG_NAME, SVG_NAME]);

    const expectedKeys = [`demo/${IMG_NAME.replace('.png', '')}_200.webp`, `demo/${IMG_NAME.replace('.png', '')}_avatar.png`];
    const shown = await thumbnails(page, '#uploader', 4);
    assert.ok(expectedKeys.every((key) => shown.some((t) => t.key === key)), JSON.stringify(shown));
    await thumbnails(page, '#results', 4);
    const captions = await page.locator('#results [part~="caption"] .key').allInnerTexts();
    assert.ok(expectedKeys.every((key) => captions.includes(key)), JSON.stringify(captions));
    const originals = await page.locator('#results .original .key').allInnerTexts();
    assert.deepEqual([...originals].sort(), [`demo/${IMG_NAME}`, `demo/${SVG_NAME}`].sort());
  });

  it('shows a server error that carries markup as text', async () => {
    const { page } = opened;
    const code = '<img src=x onerror=alert(3)>';
    await demo.faults({ action: 'PutObject', key: 'demo/rejected.png', status: 403, code });
    await pickFiles(page, [files.write('rejected.png', await drawPhoto(64, 48, 'png'))]);
    const [, , failed] = await waitForStatuses(page, ['done', 'done', 'failed']);
    assert.match(failed.error, new RegExp(`^Error ${code.replace(/[()]/g, '\\$&')}: `));
  });

  it('never creates the injected elements, never runs them, never passes them to an HTML sink', async () => {
    const { page, errors } = opened;
    assert.equal(await deepCount(page, 'img[src="x"]'), 0);
    assert.equal(await deepCount(page, 'svg[onload], [onerror], [onload]'), 0);
    assert.deepEqual(dialogs, []);
    const sinks = await page.evaluate(() => (globalThis as unknown as { __htmlSinks: string[] }).__htmlSinks);
    assert.ok(sinks.length > 0, 'the recorder sees the templates lit parses, so it is in place');
    assert.deepEqual(sinks.filter((s) => MARKERS.test(s)), []);
    assert.ok((await rows(page)).every((r) => r.name.length > 0));
    assert.deepEqual(errors, []);
  });
});
