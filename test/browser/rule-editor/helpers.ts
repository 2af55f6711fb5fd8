import type { CosRuleEditor } from '../../../src/elements/rule-editor/rule-editor.js';

export const $ = <T extends Element = HTMLElement>(el: CosRuleEditor, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <cos-rule-editor>`);
  return found;
};

export const $$ = <T extends Element = HTMLElement>(el: Element | ShadowRoot, selector: string): T[] =>
  [...(el instanceof ShadowRoot ? el : el.shadowRoot ?? el).querySelectorAll<T>(selector)];

/** Types into a field the way a user's edit ends: value, then input and change events. */
export async function fill(el: CosRuleEditor, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): Promise<void> {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export const rows = (el: CosRuleEditor, rule = 0) => $$<HTMLLIElement>($$(el.shadowRoot!, '.rule')[rule], '.op');

export const titleOf = (row: Element) => row.querySelector('.op-title code')?.textContent ?? row.querySelector('.op-title')!.textContent!.trim();

export async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A 400×300 canvas drawn in the browser: a gradient with a dark square at (150, 100)–(250, 200), so processing has something to show. */
export async function sampleCanvas(): Promise<OffscreenCanvas> {
  const canvas = new OffscreenCanvas(400, 300);
  const g = canvas.getContext('2d')!;
  const gradient = g.createLinearGradient(0, 0, 400, 300);
  gradient.addColorStop(0, '#38bdf8');
  gradient.addColorStop(1, '#f472b6');
  g.fillStyle = gradient;
  g.fillRect(0, 0, 400, 300);
  g.fillStyle = '#1e293b';
  g.fillRect(150, 100, 100, 100);
  return canvas;
}

/** The sample canvas as a PNG. */
export async function samplePng(): Promise<Blob> {
  return (await sampleCanvas()).convertToBlob({ type: 'image/png' });
}
