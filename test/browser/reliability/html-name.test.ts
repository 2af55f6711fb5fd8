// Hostile input: files named like markup upload end to end through <cos-uploader> and the real
// emulator; their names are shown as text, no element is built from them and no script runs.
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosQueueCompleteEvent } from '../../../src/events/queue-complete.js';
import { bytesOf, clientFor, deepElements, emulator, pngFile, sha256, sleep, uniquePrefix } from './helpers.js';

const IMG_NAME = '<img src=x onerror=alert(1)>';
const SVG_NAME = '"><svg onload=alert(2)><script>alert(3)</script>.png';

describe('file names that look like HTML', function () {
  this.timeout(60000);
  const dialogs: unknown[][] = [];
  const originals = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };

  beforeEach(() => {
    dialogs.length = 0;
    window.alert = (...args: unknown[]) => void dialogs.push(['alert', ...args]);
    window.confirm = (...args: unknown[]) => (dialogs.push(['confirm', ...args]), false);
    window.prompt = (...args: unknown[]) => (dialogs.push(['prompt', ...args]), null);
  });
  afterEach(() => Object.assign(window, originals));

  it('upload, are listed as text with their processed results, and never become elements or run script', async () => {
    const emu = await emulator();
    const prefix = uniquePrefix('html-name');
    const rules = JSON.stringify([{ fileid: '{name}_thumb.png', rule: 'imageMogr2/thumbnail/16x' }]);
    const el = await fixture<CosUploader>(html`<cos-uploader
      multiple
      bucket=${emu.bucket}
      region=${emu.region}
      endpoint=${emu.endpoint}
      token-url=${`${emu.url}/sts`}
      prefix=${prefix}
      rules=${rules}
      results-layout="detailed"
    ></cos-uploader>`);
    const plain = new File([bytesOf(4000, 21)], IMG_NAME, { type: 'text/html' });
    const image = await pngFile(SVG_NAME);
    const complete = new Promise<CosQueueCompleteEvent>((resolve) => el.addEventListener('cos-queue-complete', resolve, { once: true }));
    el.addFiles([plain, image]);
    const { detail } = await complete;
    expect(detail.uploads.map((u) => [u.key, u.status, u.error?.code])).to.deep.equal([
      [`${prefix}${IMG_NAME}`, 'done', undefined],
      [`${prefix}${SVG_NAME}`, 'done', undefined],
    ]);
    const processed = detail.uploads[1].result?.uploadResult?.processResults.map((o) => o.key);
    expect(processed).to.deep.equal([`${prefix}"><svg onload=alert(2)><script>alert(3)</script>_thumb.png`]);

    // The objects hold the files' bytes under exactly those keys.
    const client = clientFor(emu);
    expect(await sha256(await client.getObject(`${prefix}${IMG_NAME}`))).to.equal(await sha256(plain));
    expect(await sha256(await client.getObject(`${prefix}${SVG_NAME}`))).to.equal(await sha256(image));

    await el.updateComplete;
    // Give the processed thumbnail and any injected handler time to fire.
    const results = el.shadowRoot!.querySelector('cos-results');
    for (let i = 0; i < 100 && !deepElements(el.shadowRoot!).some((e) => e instanceof HTMLImageElement && e.src.includes('_thumb.png') && e.complete); i++) {
      await sleep(20);
    }
    await sleep(200);

    const names = [...el.shadowRoot!.querySelectorAll('[part~="file-name"]')].map((n) => [n.textContent, n.getAttribute('title')]);
    expect(names).to.deep.equal([[IMG_NAME, IMG_NAME], [SVG_NAME, SVG_NAME]]);

    const everything = [...deepElements(document), ...deepElements(el.shadowRoot!)];
    const fromName = everything.filter((e) => (e instanceof HTMLImageElement && e.getAttribute('src') === 'x')
      || (e.localName === 'svg' && e.hasAttribute('onload'))
      || (e.localName === 'script' && (e.textContent ?? '').includes('alert(3)')));
    expect(fromName, 'elements parsed out of a file name').to.deep.equal([]);
    const handlers = everything.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name)));
    expect(handlers.map((e) => e.outerHTML.slice(0, 80)), 'inline event handlers').to.deep.equal([]);
    expect(dialogs, 'dialogs opened by injected script').to.deep.equal([]);

    // The only images are the row thumbnail (a blob: URL) and the processed result (a signed emulator URL).
    const images = deepElements(el.shadowRoot!).filter((e): e is HTMLImageElement => e instanceof HTMLImageElement);
    expect(images.length).to.be.greaterThan(0);
    for (const img of images) expect(img.src.startsWith('blob:') || img.src.startsWith(emu.url), img.src).to.equal(true);
    expect(results, 'the processed results are rendered').to.not.equal(null);
    const resultText = deepElements(el.shadowRoot!).map((e) => e.shadowRoot?.textContent ?? '').join(' ');
    expect(resultText).to.contain('<svg onload=alert(2)><script>alert(3)</script>_thumb.png');
  });
});
