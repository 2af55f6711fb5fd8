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
