// Mounting <cos-rule-editor> with a sample in the emulator, and driving its on-image editor with the real mouse.
import { fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../../src/elements/rule-editor/rule-editor.js';
import type { CosRuleEditor } from '../../../src/elements/rule-editor/rule-editor.js';
import type { PicOperationRule } from '../../../src/core/index.js';
import { clientFor } from '../shared/client.js';
import { emulator } from '../shared/emulator.js';
import { sampleCanvas, samplePng, until } from './helpers.js';

const emu = await emulator();
export const client = clientFor(emu);

/** The 400×300 sample as a JPEG carrying an EXIF orientation (6: "turn 90° clockwise to show upright"). */
export async function rotatedJpeg(orientation = 6): Promise<Blob> {
  const blob = await (await sampleCanvas()).convertToBlob({ type: 'image/jpeg', quality: 0.95 });
  const jpeg = new Uint8Array(await blob.arrayBuffer());
  const app0End = 4 + ((jpeg[4] << 8) | jpeg[5]);
  // APP1 "Exif", big-endian TIFF, one IFD0 entry: Orientation (0x0112), SHORT, 1 value.
  const app1 = [0xff, 0xe1, 0, 34, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  return new Blob([jpeg.slice(0, app0End), new Uint8Array(app1), jpeg.slice(app0End)], { type: 'image/jpeg' });
}


export const sampleKey = `rule-editor-tests/${Date.now().toString(36)}/on-image.png`;
await client.putObject(sampleKey, await samplePng(), { headers: { 'Content-Type': 'image/png' } });

export const previewUrl = (key: string, rule: string) => client.getObjectUrl(key, { query: rule });

export const stage = (el: CosRuleEditor) => el.shadowRoot!.querySelector<HTMLElement>('.stage .canvas');
export const ruleText = (el: CosRuleEditor, rule = 0) => el.shadowRoot!.querySelectorAll<HTMLTextAreaElement>('.rule-text textarea')[rule].value;

/** The editor with a 300 px high stage (a 400×300 input then shows at 1:1), once the stage image has loaded. */
export async function mount(rules: PicOperationRule[], options: { stage?: boolean; key?: string; width?: number } = {}): Promise<CosRuleEditor> {
  const wrapper = await fixture<HTMLDivElement>(html`<div class="host"><cos-rule-editor preview-key=${options.key ?? sampleKey} .previewUrl=${previewUrl}
    .rules=${rules}></cos-rule-editor></div>`);
  wrapper.style.position = 'relative';
  wrapper.style.width = `${options.width ?? 1000}px`; // 980 px and wider: two columns, the stage beside the form
  const el = wrapper.querySelector('cos-rule-editor')!;
  el.style.setProperty('--cos-editor-stage-height', '300px');
  await until(() => {
    const img = stage(el)?.querySelector('img');
    const previews = [...el.shadowRoot!.querySelectorAll('.preview-item')];
    const settled = previews.every((f) => f.classList.contains('ready') && f.querySelector('.facts')!.textContent!.includes('×'));
    return Boolean((options.stage === false || (img?.complete && img.naturalWidth > 0)) && settled && previews.length > rules.length);
  }, 'the stage image and the previews (their captions change the layout)', 15000);
  await el.updateComplete;
  return el;
}

/** Scrolls the stage into view and nudges the host so the stage's corner sits on whole pixels; returns its box. */
export async function align(el: CosRuleEditor): Promise<DOMRect> {
  const canvas = stage(el)!;
  canvas.scrollIntoView({ block: 'center' });
  const wrapper = el.parentElement!;
  let box = canvas.getBoundingClientRect();
  wrapper.style.left = `${Math.ceil(box.left) - box.left}px`;
  wrapper.style.top = `${Math.ceil(box.top) - box.top}px`;
  box = canvas.getBoundingClientRect();
  return box;
}

/** Presses at `from` and releases at `to` (CSS px inside the stage), moving in `steps`. */
export async function drag(el: CosRuleEditor, from: [number, number], to: [number, number], steps = 4): Promise<void> {
  const box = await align(el);
  const at = ([x, y]: [number, number]): [number, number] => [Math.round(box.left + x), Math.round(box.top + y)];
  await sendMouse({ type: 'move', position: at(from) });
  await sendMouse({ type: 'down' });
  for (let i = 1; i <= steps; i++) {
    const p: [number, number] = [from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps];
    await sendMouse({ type: 'move', position: at(p) });
    await new Promise((r) => requestAnimationFrame(r));
  }
  await sendMouse({ type: 'up' });
  await el.updateComplete;
}

export async function click(el: CosRuleEditor, at: [number, number]): Promise<void> {
  await drag(el, at, at, 0);
}
