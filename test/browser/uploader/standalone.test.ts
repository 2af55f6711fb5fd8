// The standalone entry (dist/cos-uploader.js) loads the engine, <cos-results> and <cos-rule-editor>
// lazily. This page imports only that entry, so every lazy path runs here as it does in the build.
import { expect } from '@open-wc/testing';
import { loadCore, loadElement } from '../../../src/standalone.js';
import { loadedEngine } from '../../../src/elements/uploader/engine-loader.js';
import { loadedFilesView } from '../../../src/elements/uploader/files-view-loader.js';
import { uploaderStrings } from '../../../src/elements/uploader/strings.js';
import { zhPackFor } from '../../../src/elements/rule-editor/locale-pack.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosFileRejectedEvent } from '../../../src/events/file-rejected.js';
import type { CosQueueCompleteEvent } from '../../../src/events/queue-complete.js';
import { type EmulatorInfo, emulator } from '../shared/emulator.js';
import { watchFetch } from '../shared/fetch-spy.js';

const prefix = () => `standalone-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}/`;

/** An uploader created and connected synchronously, so files can be added before the engine has loaded. */
function uploaderFor(emu: EmulatorInfo, attributes: Record<string, string>): CosUploader {
  const el = document.createElement('cos-uploader');
  const all = { bucket: emu.bucket, region: emu.region, endpoint: emu.endpoint, 'token-url': `${emu.url}/sts`, ...attributes };
  for (const [name, value] of Object.entries(all)) el.setAttribute(name, value);
  document.body.append(el);
  return el;
}

describe('standalone entry: lazy engine and elements', function () {
  this.timeout(30000);

  it('defines only <cos-uploader> at first; the other tags load when they appear in the document', async () => {
    expect(customElements.get('cos-uploader')).to.not.equal(undefined);
    expect(customElements.get('cos-rule-editor')).to.equal(undefined);
    const editor = document.createElement('cos-rule-editor');
    document.body.append(editor);
    const defined = await customElements.whenDefined('cos-rule-editor');
    expect(editor).to.be.instanceOf(defined);
    expect(await loadElement('cos-results')).to.equal(customElements.get('cos-results'));
    editor.remove();
  });

  it('takes files added before the engine has loaded, in order, with events in order, and uploads them', async () => {
    const emu = await emulator();
    const keyPrefix = prefix();
    const el = uploaderFor(emu, { multiple: '', prefix: keyPrefix, 'max-file-size': '1KB' });
    const events: string[] = [];
    for (const name of ['cos-file-added', 'cos-file-rejected', 'cos-upload-start', 'cos-upload-success', 'cos-queue-complete']) {
      el.addEventListener(name, (e) => events.push(`${name}:${(e as CustomEvent).detail.file?.name ?? ''}`));
    }
    const complete = new Promise<CosQueueCompleteEvent>((resolve) => el.addEventListener('cos-queue-complete', resolve, { once: true }));
    expect(loadedEngine(), 'the engine is not loaded yet').to.equal(undefined);
    expect(loadedFilesView(), 'nor the file list').to.equal(undefined);
    const stsCalls: string[] = [];
    const restoreFetch = watchFetch((url) => {
      if (url.includes('/sts')) stsCalls.push(loadedEngine() ? 'after the engine' : 'before the engine');
    });
    el.addFiles([new File(['first'], 'one.txt', { type: 'text/plain' })]);
    // Keys are asked for with the first file, in parallel with the engine's chunks (docs/cold-start.md).
    expect(stsCalls, 'keys asked for at the first file').to.deep.equal(['before the engine']);
    el.addFiles([new File([new Uint8Array(4096)], 'big.txt', { type: 'text/plain' }), new File(['second'], 'two.txt', { type: 'text/plain' })]);
    expect(el.manager, 'nothing is built before the engine arrives').to.equal(undefined);

    const { detail } = await complete.finally(restoreFetch);
    expect(loadedEngine()).to.not.equal(undefined);
    expect(stsCalls, 'the engine adopted those keys: one STS call').to.deep.equal(['before the engine']);
    expect(detail.uploads.map((u) => [u.key, u.status])).to.deep.equal([[`${keyPrefix}one.txt`, 'done'], [`${keyPrefix}two.txt`, 'done']]);
    expect(events.filter((e) => e.startsWith('cos-file-'))).to.deep.equal(['cos-file-added:one.txt', 'cos-file-rejected:big.txt', 'cos-file-added:two.txt']);
    for (const name of ['one.txt', 'two.txt']) {
      expect(events.indexOf(`cos-upload-start:${name}`)).to.be.below(events.indexOf(`cos-upload-success:${name}`));
    }
    expect(events.at(-1)).to.equal('cos-queue-complete:');
    // The first request does not wait for the file list's chunk; updateComplete does (docs/cold-start.md).
    await el.updateComplete;
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('li.file')];
    expect(rows.map((row) => row.dataset.status)).to.deep.equal(['done', 'done']);
    expect(el.shadowRoot!.querySelector('[part="toolbar"]'), 'summary header rendered').to.not.equal(null);
    const core = await loadCore();
    const client = new core.CosClient({ bucket: emu.bucket, region: emu.region, endpoint: emu.endpoint, tokenProvider: core.createStsTokenProvider({ url: `${emu.url}/sts` }) });
    expect(await (await client.getObject(`${keyPrefix}two.txt`)).text()).to.equal('second');
    el.remove();
  });

  it('refuses files at once when the settings are incomplete, without loading anything', async () => {
    const el = document.createElement('cos-uploader');
    el.setAttribute('region', 'ap-guangzhou');
    document.body.append(el);
    const seen: CosFileRejectedEvent[] = [];
    el.addEventListener('cos-file-rejected', (e) => seen.push(e));
    el.addFiles([new File(['x'], 'a.txt')]);
    expect(seen.map((e) => e.detail.reason)).to.deep.equal(['config']);
    expect(el.manager).to.equal(undefined);
    el.remove();
  });

  it('shows processed results under the row through the lazily defined <cos-results>', async () => {
    const emu = await emulator();
    const keyPrefix = prefix();
    const rules = JSON.stringify([{ fileid: '{name}_small.png', rule: 'imageMogr2/thumbnail/8x' }]);
    const el = uploaderFor(emu, { prefix: keyPrefix, rules });
    const canvas = new OffscreenCanvas(32, 16);
    canvas.getContext('2d')!.fillRect(0, 0, 32, 16);
    const image = new File([await canvas.convertToBlob({ type: 'image/png' })], 'dot.png', { type: 'image/png' });
    const complete = new Promise<CosQueueCompleteEvent>((resolve) => el.addEventListener('cos-queue-complete', resolve, { once: true }));
    el.addFiles([image]);
    const { detail } = await complete;
    expect(detail.uploads[0].result?.uploadResult?.processResults.map((o) => [o.key, o.width])).to.deep.equal([[`${keyPrefix}dot_small.png`, 8]]);
    await el.updateComplete;
    const results = el.shadowRoot!.querySelector('cos-results')!;
    await customElements.whenDefined('cos-results');
    await (results as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(results.shadowRoot!.querySelector('.item .key')!.textContent).to.equal(`${keyPrefix}dot_small.png`);
    el.remove();
  });

  it('loads the Chinese table only for an uploader shown in Chinese, and renders it first time (no English flash)', async () => {
    const english = 'Drop files here, paste, or press to browse';
    expect(uploaderStrings('zh-CN').dropPrompt, 'not in the first load').to.equal(english);
    const wrapper = document.createElement('div');
    wrapper.lang = 'zh-CN';
    const el = document.createElement('cos-uploader');
    const prompts: string[] = [];
    wrapper.append(el);
    document.body.append(wrapper);
    // Every render's prompt, from the first one: none may be English.
    const observer = new MutationObserver(() => {
      const text = el.shadowRoot?.querySelector('.prompt')?.textContent?.trim();
      if (text) prompts.push(text);
    });
    observer.observe(el.shadowRoot ?? el, { subtree: true, childList: true, characterData: true });
    await el.updateComplete;
    const prompt = el.shadowRoot!.querySelector('.prompt')!.textContent!.trim();
    expect(prompt).to.equal('拖放文件到此处、粘贴，或按下以选择文件');
    expect(uploaderStrings('zh-CN').dropPrompt).to.equal(prompt);
    observer.disconnect();
    expect(prompts.filter((text) => text === english)).to.deep.equal([]);
    wrapper.remove();
  });

  it('loads the rule editor\'s Chinese pack only for an editor shown in Chinese, before its first render', async () => {
    expect(zhPackFor('zh-CN'), 'not loaded by English pages').to.equal(undefined);
    const el = document.createElement('cos-rule-editor') as HTMLElement & { updateComplete: Promise<unknown>; rules: unknown };
    el.setAttribute('lang', 'zh-CN');
    el.rules = [{ fileid: 'a.jpg', rule: 'imageMogr2/thumbnail/200x' }];
    document.body.append(el);
    await customElements.whenDefined('cos-rule-editor');
    await el.updateComplete;
    expect(zhPackFor('zh-CN'), 'loaded for this editor').to.not.equal(undefined);
    const root = el.shadowRoot!;
    // Its strings, an operation name and a resize mode from the pack, all in the first render.
    expect(root.textContent).to.contain('添加规则');
    expect(root.textContent).to.contain('缩放');
    expect([...root.querySelectorAll('option')].map((o) => o.textContent)).to.include('指定宽度，等比缩放');
    expect(root.textContent).to.not.contain('Add rule');
    el.remove();
  });
});
