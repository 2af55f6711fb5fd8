import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/rule-editor/rule-editor.js';
import type { CosRuleEditor } from '../../../src/elements/rule-editor/rule-editor.js';
import { fill, until } from './helpers.js';

/** A data: URL of a PNG whose width is the rule's thumbnail width, so each answer is recognisable. */
async function pngOfWidth(width: number): Promise<string> {
  const canvas = new OffscreenCanvas(width, 10);
  canvas.getContext('2d')!.fillRect(0, 0, width, 10);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return `data:image/png;base64,${btoa(String.fromCharCode(...new Uint8Array(await blob.arrayBuffer())))}`;
}

describe('<cos-rule-editor> preview ordering', () => {
  it('discards a slow stale answer that arrives after a newer one', async () => {
    const delays: Record<string, number> = { 'imageMogr2/thumbnail/30x': 900, 'imageMogr2/thumbnail/70x': 0 };
    const asked: string[] = [];
    const previewUrl = async (_key: string, rule: string) => {
      asked.push(rule);
      await new Promise((r) => setTimeout(r, delays[rule] ?? 0));
      return pngOfWidth(Number(/(\d+)x/.exec(rule)?.[1] ?? 50));
    };
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor preview-key="k" .previewUrl=${previewUrl}
      .rules=${[{ fileid: 'a.png', rule: 'imageMogr2/thumbnail/50x' }]}></cos-rule-editor>`);
    const id = `rule-${el.shadowRoot!.querySelector('.rule')!.getAttribute('data-rule')}`;
    const img = () => el.shadowRoot!.querySelector<HTMLImageElement>(`[data-preview="${id}"] img`);
    await until(() => img()?.naturalWidth === 50, 'the first preview');

    const text = el.shadowRoot!.querySelector<HTMLTextAreaElement>('.rule-text textarea')!;
    await fill(el, text, 'imageMogr2/thumbnail/30x');
    await until(() => asked.includes('imageMogr2/thumbnail/30x'), 'the slow request to start');
    await fill(el, text, 'imageMogr2/thumbnail/70x');
    await until(() => img()?.naturalWidth === 70, 'the newer preview');
    await new Promise((r) => setTimeout(r, 1200));
    expect(img()!.naturalWidth, 'the late 30x answer is ignored').to.equal(70);
    expect(el.shadowRoot!.querySelector(`[data-preview="${id}"] .facts`)!.textContent).to.match(/^PNG · .* · 70 × 10$/);
  });
});
