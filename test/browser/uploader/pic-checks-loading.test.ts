// The uploader's Pic-Operations checks load only when `pic-operations` or `rules` asks for processing
// (docs/bundle-size.md#what-a-page-loads). This page imports the element alone, as the standalone entry does, so the
// checks start unloaded; the tests run in order and the first must find them still unloaded.
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/uploader/uploader.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosFileRejectedEvent } from '../../../src/events/file-rejected.js';
import { FakeManager, fileOf, nextRender } from './fake-manager.js';
import { until } from './intake-helpers.js';

/** Whether the page has fetched the checks' module (served as its TypeScript source here). */
const checksFetched = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/src/core/rules/pic-header.ts'));

async function withManager(el: CosUploader): Promise<FakeManager> {
  const manager = new FakeManager(el.managerHooks());
  el.manager = manager;
  await el.updateComplete;
  return manager;
}

describe('<cos-uploader> Pic-Operations checks, loaded on demand', () => {
  it('uploads without fetching the checks when nothing asks for processing', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
    const manager = await withManager(el);
    el.addFiles([fileOf('plain.png')]);
    await nextRender(el);
    expect(manager.snapshot().map((u) => u.name)).to.deep.equal(['plain.png']);
    expect(manager.picOperations.get('plain.png')).to.equal(undefined);
    expect(checksFetched(), 'pic-header.ts fetched by an uploader without processing').to.equal(false);
  });

  // One test, so both paths meet the checks unloaded (a page loads them once).
  it('makes a first render and files added in the same task wait for the checks', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
    const manager = await withManager(el);
    expect(checksFetched(), 'still unloaded').to.equal(false);
    const header = JSON.stringify({ is_pic_info: 1, rules: [{ fileid: 'small/{name}.webp', rule: 'imageMogr2/thumbnail/100x/format/webp' }] });
    el.picOperations = header;
    el.addFiles([fileOf('a.png'), fileOf('b.jpg', 'image/jpeg'), fileOf('notes.txt', 'text/plain')]);
    const bad = document.createElement('cos-uploader');
    bad.setAttribute('pic-operations', '{"rules": [');
    document.body.append(bad);
    try {
      await bad.updateComplete;
      // The first render had the checks: it names the JSON problem (without them it could only say they are missing).
      expect(bad.shadowRoot!.querySelector('[role=alert]')?.textContent).to.contain('The header is not valid JSON');
      await until(() => manager.snapshot().length === 3, 'three files queued');
      expect(manager.snapshot().map((u) => u.name), 'in the order given').to.deep.equal(['a.png', 'b.jpg', 'notes.txt']);
      const fileids = ['a.png', 'b.jpg'].map((name) => JSON.parse(manager.picOperations.get(name)!).rules[0].fileid);
      expect(fileids).to.deep.equal(['small/a.webp', 'small/b.webp']);
      expect(manager.picOperations.get('notes.txt')).to.equal(undefined);
      expect(checksFetched()).to.equal(true);
    } finally {
      bad.remove();
    }
  });

  it('refuses files with a bad value as before, once loaded', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
    const manager = await withManager(el);
    const seen: CosFileRejectedEvent[] = [];
    el.addEventListener('cos-file-rejected', (e) => seen.push(e));
    el.picOperations = '{"is_pic_info": 2, "rules": []}';
    el.addFiles([fileOf('c.png')]);
    await until(() => seen.length === 1, 'a refusal');
    expect(seen[0].detail.reason).to.equal('config');
    expect(manager.snapshot()).to.have.length(0);
  });
});
