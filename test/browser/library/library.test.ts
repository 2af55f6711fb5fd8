import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosLibrary } from '../../../src/elements/library/library.js';
import type { CosProcessingCompleteEvent, CosProcessingErrorEvent } from '../../../src/events/processing-complete.js';
import { clientFor } from '../shared/client.js';
import { emulator } from '../shared/emulator.js';

async function png(width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#f97316';
  ctx.fillRect(0, 0, width, height);
  return canvas.convertToBlob({ type: 'image/png' });
}

const ACTIONS = 'ListObjects,GetObject,HeadObject,ImageProcess,PicJobs';
const rules = JSON.stringify({ is_pic_info: 1, rules: [{ fileid: 'v2/{name}_thumb.webp', rule: 'imageMogr2/thumbnail/40x/format/webp' }] });
const items = (el: CosLibrary) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('li.item')];
const item = (el: CosLibrary, key: string) => el.shadowRoot!.querySelector<HTMLElement>(`li.item[data-key="${key}"]`)!;

// open-wc's waitUntil gives up after 1 s by default: too short when the machine is busy.
const LOADED = { timeout: 15_000 };

describe('<cos-library>: stored images under a prefix, reprocessed with new rules', function () {
  this.timeout(60000);

  it('lists images page by page, reprocesses a small selection at once and a large one as jobs, each with its own outcome', async () => {
    const emu = await emulator();
    const prefix = `library-${Date.now()}/`;
    const client = clientFor(emu);
    for (let i = 1; i <= 7; i++) await client.putObject(`${prefix}p${i}.png`, await png(80 + i, 60), { headers: { 'Content-Type': 'image/png' } });
    await client.putObject(`${prefix}readme.txt`, new Blob(['text']), { headers: { 'Content-Type': 'text/plain' } });
    await client.putObject(`${prefix}broken.png`, new Blob(['not a png']), { headers: { 'Content-Type': 'image/png' } });

    const el = await fixture<CosLibrary>(html`<cos-library
      bucket=${emu.bucket} region=${emu.region} endpoint=${emu.endpoint} ci-endpoint=${`${emu.url}/ci/{Bucket}`}
      token-url=${`${emu.url}/sts?actions=${ACTIONS}`} prefix=${prefix} page-size="4" poll-interval="50"
      pic-operations=${rules}
    ></cos-library>`);
    await waitUntil(() => items(el).length > 0, 'first page listed', LOADED);
    expect(items(el).length).to.be.at.most(4);
    // Page after page until the listing ends: 9 keys, 8 of them images.
    for (let pages = 0; el.shadowRoot!.querySelector('button.more') && pages < 5; pages++) {
      const before = items(el).length;
      el.shadowRoot!.querySelector<HTMLButtonElement>('button.more')!.click();
      await waitUntil(() => items(el).length > before || !el.shadowRoot!.querySelector('button.more'), 'next page', LOADED);
    }
    expect(items(el).map((li) => li.dataset.key)).to.deep.equal([`${prefix}broken.png`, ...[1, 2, 3, 4, 5, 6, 7].map((i) => `${prefix}p${i}.png`)]);
    expect(el.shadowRoot!.querySelector('.skipped')!.textContent).to.contain('1 other');

    // Two small images: processed at once with image_process; the broken one fails on its own.
    const completed: CosProcessingCompleteEvent[] = [];
    const failed: CosProcessingErrorEvent[] = [];
    el.addEventListener('cos-processing-complete', (e) => completed.push(e));
    el.addEventListener('cos-processing-error', (e) => failed.push(e));
    item(el, `${prefix}p1.png`).querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    el.select([`${prefix}p1.png`, `${prefix}broken.png`]);
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.reprocess')!.click();
    await waitUntil(() => completed.length + failed.length === 2, 'first run ended', LOADED);
    expect(completed.map((e) => [e.detail.key, e.detail.mode, e.detail.uploadResult.processResults[0].key, e.detail.uploadResult.processResults[0].width]))
      .to.deep.equal([[`${prefix}p1.png`, 'cloud', `${prefix}v2/p1_thumb.webp`, 40]]);
    expect(failed.map((e) => [e.detail.key, e.detail.mode, e.detail.error.code])).to.deep.equal([[`${prefix}broken.png`, 'cloud', 'InvalidImageFormat']]);
    await el.updateComplete;
    expect(item(el, `${prefix}broken.png`).dataset.status).to.equal('failed');
    expect(item(el, `${prefix}broken.png`).querySelector('[part="error"]')!.textContent).to.contain('InvalidImageFormat');
    expect(await (await client.getObject(`${prefix}broken.png`)).text()).to.equal('not a png');

    // Six at once (above job-threshold 5): every one runs as a picture job.
    completed.length = 0;
    el.select([2, 3, 4, 5, 6, 7].map((i) => `${prefix}p${i}.png`));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.reprocess')!.click();
    await waitUntil(() => completed.length === 6, 'second run ended', { timeout: 30000 });
    expect(completed.every((e) => e.detail.mode === 'async')).to.equal(true);
    for (const i of [2, 3, 4, 5, 6, 7]) {
      expect((await client.headObject(`${prefix}v2/p${i}_thumb.webp`)).size).to.be.greaterThan(0);
      expect(item(el, `${prefix}p${i}.png`).dataset.status).to.equal('done');
    }
    await waitUntil(() => el.shadowRoot!.querySelector('cos-results'), 'outputs shown', LOADED);
    expect(el.shadowRoot!.querySelector('.summary')!.textContent).to.contain('6 done');
  });

  it('says what is missing when it cannot connect, and waits for rules before it can apply them', async () => {
    const el = await fixture<CosLibrary>(html`<cos-library prefix="x/"></cos-library>`);
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('needs bucket, region');
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.reprocess')!.disabled).to.equal(true);
  });
});
