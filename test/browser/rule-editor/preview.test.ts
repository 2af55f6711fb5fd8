import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/rule-editor/rule-editor.js';
import type { CosRuleEditor } from '../../../src/elements/rule-editor/rule-editor.js';
import { $, fill, samplePng, until } from './helpers.js';
import { clientFor } from '../shared/client.js';
import { type EmulatorInfo, emulator } from '../shared/emulator.js';

const emu: EmulatorInfo = await emulator();
const client = clientFor(emu);

const key = `rule-editor-tests/${Date.now().toString(36)}/sample.png`;
await client.putObject(key, await samplePng(), { headers: { 'Content-Type': 'image/png' } });

const figure = (el: CosRuleEditor, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-preview="${id}"]`);
const imageOf = (el: CosRuleEditor, id: string) => figure(el, id)?.querySelector('img') ?? null;
const sized = (el: CosRuleEditor, id: string, w: number, h: number) => {
  const img = imageOf(el, id);
  const shown = figure(el, id)?.querySelector('.facts')?.textContent?.endsWith(`${w} × ${h}`);
  return Boolean(img?.complete && img.naturalWidth === w && img.naturalHeight === h && shown && !figure(el, id)!.classList.contains('loading'));
};

describe('<cos-rule-editor> live preview against the emulator', () => {
  it('shows the original and each rule’s output with the size the rule asks for', async () => {
    const requests: string[] = [];
    const previewUrl = (k: string, rule: string) => {
      requests.push(rule);
      return client.getObjectUrl(k, { query: rule });
    };
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor preview-key=${key} .previewUrl=${previewUrl} .rules=${[
      { fileid: '{name}_200.webp', rule: 'imageMogr2/thumbnail/200x/format/webp' },
      { fileid: '{name}_sq.png', rule: 'imageMogr2/crop/120x120/gravity/center' },
    ]}></cos-rule-editor>`);
    const [first, second] = [...el.shadowRoot!.querySelectorAll('.rule')].map((r) => `rule-${r.getAttribute('data-rule')}`);
    await until(() => sized(el, 'original', 400, 300) && sized(el, first, 200, 150) && sized(el, second, 120, 120), 'three previews');
    expect(figure(el, first)!.querySelector('.facts')!.textContent).to.match(/^WEBP · [\d.]+ (B|KB) · 200 × 150$/);
    expect(figure(el, second)!.querySelector('.facts')!.textContent).to.match(/^PNG · .* · 120 × 120$/);
    expect(figure(el, 'original')!.querySelector('.facts')!.textContent).to.match(/^PNG · .* · 400 × 300$/);

    // Edit the first rule; the preview follows (debounced), and intermediate states are never shown last.
    const text = el.shadowRoot!.querySelector<HTMLTextAreaElement>('.rule-text textarea')!;
    for (const rule of ['imageMogr2/thumbnail/1x', 'imageMogr2/thumbnail/90x', 'imageMogr2/thumbnail/x60/format/png']) await fill(el, text, rule);
    await until(() => sized(el, first, 80, 60), 'the edited preview');
    expect(requests).to.not.include('imageMogr2/thumbnail/1x');
    expect(figure(el, first)!.querySelector('.facts')!.textContent).to.match(/^PNG · .* · 80 × 60$/);
  });

  it('does not request a rule with errors, and reports a processing error from COS', async () => {
    const requests: string[] = [];
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor preview-key=${key}
      .previewUrl=${(k: string, rule: string) => (requests.push(rule), client.getObjectUrl(k, { query: rule }))}
      .rules=${[{ fileid: 'a.jpg', rule: 'imageMogr2/bright/150' }, { fileid: 'b.jpg', rule: 'imageMogr2/format/tpg' }]}></cos-rule-editor>`);
    const [first, second] = [...el.shadowRoot!.querySelectorAll('.rule')].map((r) => `rule-${r.getAttribute('data-rule')}`);
    await until(() => Boolean(figure(el, second)?.classList.contains('error')) && sized(el, 'original', 400, 300), 'the failed preview');
    expect(figure(el, first)!.textContent).to.contain('Fix the errors to preview this rule.');
    expect(requests).to.deep.equal(['', 'imageMogr2/format/tpg']);
    expect(figure(el, second)!.querySelector('[role=alert]')!.textContent).to.match(/^Preview failed: \w+/);
  });

  it('uploads a dropped sample once and previews it', async () => {
    const uploads: string[] = [];
    const uploadSample = async (file: File) => {
      const sampleKey = `rule-editor-tests/${Date.now().toString(36)}/${file.name}`;
      uploads.push(sampleKey);
      await client.putObject(sampleKey, file, { headers: { 'Content-Type': file.type } });
      return sampleKey;
    };
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor .uploadSample=${uploadSample}
      .previewUrl=${(k: string, rule: string) => client.getObjectUrl(k, { query: rule })}
      .rules=${[{ fileid: 'a.webp', rule: 'imageMogr2/thumbnail/!50p' }]}></cos-rule-editor>`);
    expect($(el, '.preview .hint').textContent).to.contain('Choose a sample image');
    const dt = new DataTransfer();
    dt.items.add(new File([await samplePng()], 'drop.png', { type: 'image/png' }));
    $(el, '.preview').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
    const id = `rule-${el.shadowRoot!.querySelector('.rule')!.getAttribute('data-rule')}`;
    await until(() => sized(el, id, 200, 150), 'the preview of the dropped sample');
    expect(uploads).to.have.length(1);
    expect(el.previewKey).to.equal(uploads[0]);
  });
});
