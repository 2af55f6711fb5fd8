import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { UploadResult } from '../../../src/core/types.js';
import { describeViolations, loadAxe } from '../shared/axe.js';
import { FakeManager, fileOf, nextRender } from './fake-manager.js';

declare global {
  interface Window {
    __xss?: number;
  }
}

const HOSTILE = '<img src=x onerror="window.__xss=1">';
const processed: UploadResult = {
  originalInfo: { key: 'cat.png', location: 'b/cat.png', etag: '"e"', imageInfo: { format: 'PNG', width: 640, height: 427, quality: 90, ave: '0x336699' } },
  processResults: [{ key: 'cat_thumb.webp', location: 'b/cat_thumb.webp', format: 'webp', width: 200, height: 133, size: 4321, etag: '"f"' }],
};

/** An uploader with rows in every interesting state and a refusal message. */
async function busyUploader(attributes: { theme?: string; lang?: string }) {
  const el = await fixture<CosUploader>(html`<cos-uploader multiple accept="image/*" theme=${attributes.theme ?? 'light'} lang=${attributes.lang ?? 'en'}></cos-uploader>`);
  const manager = new FakeManager(el.managerHooks());
  el.manager = manager;
  el.urlFor = async () => 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
  el.addFiles([fileOf('running.png', 'image/png', 1000), fileOf('failed.png'), fileOf('done.png'), fileOf('paused.png'), fileOf('notes.txt', 'text/plain')]);
  const [running, failed, done, paused] = manager.snapshot();
  manager.progress(running.id, 400, { speed: 1000, eta: 1 });
  manager.fail(failed.id, { code: 'AccessDenied', message: 'Access Denied.', status: 403, requestId: 'NjU1' });
  manager.succeed(done.id, { uploadResult: processed });
  manager.pause(paused.id);
  await nextRender(el);
  await nextRender(el.shadowRoot!.querySelector('cos-results')!);
  return el;
}

describe('<cos-uploader> accessibility and safety', () => {
  for (const variant of [{ theme: 'light' }, { theme: 'dark' }, { theme: 'light', lang: 'zh-CN' }]) {
    it(`axe-core finds no violations (${JSON.stringify(variant)})`, async () => {
      const axe = await loadAxe();
      const el = await busyUploader(variant);
      expect(el.shadowRoot!.querySelector('.notice')).to.not.equal(null);
      const results = await axe.run(el);
      expect(results.violations, describeViolations(results)).to.deep.equal([]);
    });
  }

  it('the empty uploader passes axe-core too, and its drop zone is a labelled, focusable button', async () => {
    const axe = await loadAxe();
    const el = await fixture<CosUploader>(html`<cos-uploader accept=".pdf" max-file-size="5MB"></cos-uploader>`);
    const zone = el.shadowRoot!.querySelector('.dropzone') as HTMLElement;
    expect(zone.getAttribute('role')).to.equal('button');
    expect(zone.tabIndex).to.equal(0);
    expect(zone.querySelector('.hint')!.textContent).to.equal('Accepted: .pdf · Up to 5 MB each');
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(zone);
    expect(getComputedStyle(zone).outlineStyle).to.not.equal('none');
    const results = await axe.run(el);
    expect(results.violations, describeViolations(results)).to.deep.equal([]);
  });

  it('renders a file name holding HTML as text, in rows, messages and events', async () => {
    window.__xss = 0;
    const el = await fixture<CosUploader>(html`<cos-uploader multiple accept="image/*"></cos-uploader>`);
    const manager = new FakeManager(el.managerHooks());
    el.manager = manager;
    el.addFiles([fileOf(HOSTILE, 'image/png'), fileOf(`${HOSTILE}.txt`, 'text/plain')]);
    manager.fail(manager.snapshot()[0].id, { code: '<b>Code</b>', message: '<img src=y onerror="window.__xss=2">', status: 400, requestId: '<i>id</i>' });
    await nextRender(el);
    const root = el.shadowRoot!;
    expect(root.querySelector('[part~="file-name"]')!.textContent).to.equal(HOSTILE);
    expect(root.querySelector('.notice span')!.textContent).to.contain(`${HOSTILE}.txt was not added`);
    expect(root.querySelector('[part~="error"]')!.textContent).to.contain('<img src=y onerror="window.__xss=2">');
    expect(root.querySelectorAll('img[src="x"], img[src="y"], b, i')).to.have.length(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(window.__xss).to.equal(0);
  });
});
