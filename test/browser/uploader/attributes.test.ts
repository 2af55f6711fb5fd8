import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import { FakeManager, fileOf, nextRender } from './fake-manager.js';

describe('<cos-uploader> attributes', () => {
  it('has documented defaults', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader></cos-uploader>`);
    expect(el.multiple).to.equal(false);
    expect(el.disabled).to.equal(false);
    expect(el.required).to.equal(false);
    expect(el.keyPrefix).to.equal('');
    expect(el.maxFileSize).to.equal(undefined);
    expect(el.resultsLayout).to.equal('compact');
    expect(el.value).to.deep.equal([]);
  });

  it('maps every attribute to its property, sizes with units included', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader
      bucket="examplebucket-1250000000"
      region="ap-guangzhou"
      endpoint="http://127.0.0.1:9100/{Bucket}"
      token-url="/sts"
      sign-url="/sign"
      prefix="uploads/"
      pic-operations='{"rules":[{"fileid":"a.webp","rule":"imageMogr2/format/webp"}]}'
      rules='[{"fileid":"b.png","rule":"imageMogr2/thumbnail/100x"}]'
      accept="image/*,.pdf"
      max-file-size="10MB"
      max-files="3"
      multiple
      multipart-threshold="4 MiB"
      part-size="1048576"
      concurrency="2"
      name="images"
      required
      theme="dark"
      results-layout="detailed"
    ></cos-uploader>`);
    expect(el.bucket).to.equal('examplebucket-1250000000');
    expect(el.region).to.equal('ap-guangzhou');
    expect(el.endpoint).to.equal('http://127.0.0.1:9100/{Bucket}');
    expect(el.tokenUrl).to.equal('/sts');
    expect(el.signUrl).to.equal('/sign');
    expect(el.keyPrefix).to.equal('uploads/');
    expect(JSON.parse(el.picOperations).rules[0].fileid).to.equal('a.webp');
    expect(el.rules).to.deep.equal([{ fileid: 'b.png', rule: 'imageMogr2/thumbnail/100x' }]);
    expect(el.accept).to.equal('image/*,.pdf');
    expect(el.maxFileSize).to.equal(10 * 1024 * 1024);
    expect(el.maxFiles).to.equal(3);
    expect(el.multiple).to.equal(true);
    expect(el.multipartThreshold).to.equal(4 * 1024 * 1024);
    expect(el.partSize).to.equal(1048576);
    expect(el.concurrency).to.equal(2);
    expect(el.name).to.equal('images');
    expect(el.required).to.equal(true);
    expect(el.theme).to.equal('dark');
    expect(el.resultsLayout).to.equal('detailed');
    const input = el.shadowRoot!.querySelector('input[type=file]') as HTMLInputElement;
    expect(input.multiple).to.equal(true);
    expect(input.accept).to.equal('image/*,.pdf');
    expect(el.shadowRoot!.querySelector('.hint')!.textContent).to.contain('Up to 10 MB each');
  });

  it('reports a size attribute it cannot read, and refuses files until fixed', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader max-file-size="ten megs"></cos-uploader>`);
    const manager = new FakeManager(el.managerHooks());
    el.manager = manager;
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('max-file-size is not a size: "ten megs"');
    el.addFiles([fileOf('a.png')]);
    expect(manager.calls).to.deep.equal([]);
  });

  it('exposes the documented parts', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
    el.manager = new FakeManager(el.managerHooks());
    el.addFiles([fileOf('a.png')]);
    await nextRender(el);
    for (const part of ['base', 'dropzone', 'messages', 'toolbar', 'total-progress', 'file-list', 'file', 'thumbnail', 'file-name', 'progress', 'progress-indicator', 'actions']) {
      expect(el.shadowRoot!.querySelector(`[part~="${part}"]`), part).to.not.equal(null);
    }
  });

  it('switches strings with lang, follows an ancestor, and takes overrides', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><cos-uploader></cos-uploader></div>`);
    const el = wrapper.querySelector('cos-uploader')!;
    await el.updateComplete;
    const prompt = () => el.shadowRoot!.querySelector('.prompt')!.textContent!.trim();
    expect(prompt()).to.equal('拖放文件到此处、粘贴，或按下以选择文件');
    el.setAttribute('lang', 'en');
    await nextRender(el);
    expect(prompt()).to.equal('Drop files here, paste, or press to browse');
    el.strings = { dropPrompt: 'Déposez vos fichiers' };
    await el.updateComplete;
    expect(prompt()).to.equal('Déposez vos fichiers');
  });

  it('lets the page replace the prompt through the default slot', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader><span>Drop your invoice</span></cos-uploader>`);
    const slot = el.shadowRoot!.querySelector('.prompt slot') as HTMLSlotElement;
    expect(slot.assignedNodes({ flatten: true }).map((n) => n.textContent).join('')).to.equal('Drop your invoice');
  });

  it('takes its colours from the theme attribute and custom properties', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader theme="dark" style="--cos-uploader-accent: rgb(255, 0, 128)"></cos-uploader>`);
    const zone = el.shadowRoot!.querySelector('.dropzone') as HTMLElement;
    // The host's text colour has no transition, so it shows the theme switch at once.
    expect(getComputedStyle(el).color).to.equal('rgb(229, 231, 235)');
    expect(getComputedStyle(zone.querySelector('svg')!).color).to.equal('rgb(255, 0, 128)');
    el.theme = 'light';
    await el.updateComplete;
    expect(getComputedStyle(el).color).to.equal('rgb(31, 41, 55)');
  });

  it('the hidden attribute hides each element (their :host display rule must not win)', async () => {
    const box = await fixture<HTMLDivElement>(html`<div>
      <cos-uploader hidden></cos-uploader><cos-results hidden></cos-results><cos-rule-editor hidden></cos-rule-editor>
    </div>`);
    await customElements.whenDefined('cos-rule-editor');
    for (const el of box.children) expect(getComputedStyle(el).display, el.localName).to.equal('none');
  });

  it('warms up when the user heads for it: credentials are prefetched once, before any file', async () => {
    let prefetches = 0;
    const tokenProvider = {
      name: 'spy',
      authorize: async () => ({ authorization: 'unused' }),
      prefetch: async () => {
        prefetches += 1;
      },
    };
    const el = await fixture<CosUploader>(html`<cos-uploader bucket="examplebucket-1250000000" region="ap-guangzhou"></cos-uploader>`);
    el.tokenProvider = tokenProvider;
    el.dispatchEvent(new PointerEvent('pointerenter'));
    el.dispatchEvent(new DragEvent('dragenter', { bubbles: true, composed: true }));
    for (let i = 0; i < 50 && prefetches === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(prefetches).to.equal(1);
    expect(el.uploads).to.deep.equal([]);
  });
});
