/**
 * Before/after comparison: the original and a rule's output stacked in one frame, split by a slider
 * (`role=slider`): drag anywhere on the frame, or use the arrow keys, Page Up/Down, Home and End.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { cssProps } from '../shared/css-props.js';
import { formatMessage } from '../shared/i18n.js';
import type { StageStrings } from './stage-strings.js';
import type { RuleEditorStrings } from './strings.js';

export interface CompareContext {
  strings: RuleEditorStrings & StageStrings;
  /** "Rule n" of the compared rule. */
  rule: string;
  before?: string;
  after?: string;
  /** Width / height of the frame (the original's). */
  ratio: string;
  /** Share of the frame showing the original, 0–100. */
  position: number;
  onPosition: (position: number) => void;
}

const clamp = (n: number) => Math.min(100, Math.max(0, Math.round(n)));

function fromPointer(e: PointerEvent, ctx: CompareContext): void {
  const frame = e.currentTarget as HTMLElement;
  const box = frame.getBoundingClientRect();
  if (box.width > 0) ctx.onPosition(clamp((100 * (e.clientX - box.left)) / box.width));
}

function onKey(e: KeyboardEvent, ctx: CompareContext): void {
  const steps: Record<string, number> = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -10, PageUp: 10 };
  let next: number | undefined;
  if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = 100;
  else if (e.key in steps) next = ctx.position + steps[e.key] * (e.shiftKey ? 10 : 1);
  if (next === undefined) return;
  e.preventDefault();
  ctx.onPosition(clamp(next));
}

export function renderCompare(ctx: CompareContext): TemplateResult | typeof nothing {
  if (!ctx.before || !ctx.after) return nothing;
  const s = ctx.strings;
  const down = (e: PointerEvent) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const frame = e.currentTarget as HTMLElement;
    frame.querySelector<HTMLElement>('[role=slider]')?.focus();
    try {
      frame.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic events have no pointer to capture.
    }
    frame.dataset.dragging = '';
    fromPointer(e, ctx);
  };
  const move = (e: PointerEvent) => {
    if ('dragging' in (e.currentTarget as HTMLElement).dataset) fromPointer(e, ctx);
  };
  const up = (e: PointerEvent) => delete (e.currentTarget as HTMLElement).dataset.dragging;
  return html`<section part="compare" class="compare" aria-labelledby="compare-heading">
    <h3 id="compare-heading">${s.compare} · ${ctx.rule}</h3>
    <div class="compare-frame" ${cssProps({ '--ratio': ctx.ratio, '--split': `${ctx.position}%` })}
      @pointerdown=${down} @pointermove=${move} @pointerup=${up} @pointercancel=${up}>
      <img class="after" src=${ctx.after} alt=${formatMessage(s.compareOutputAlt, { rule: ctx.rule })} draggable="false" />
      <img class="before" src=${ctx.before} alt=${s.original} draggable="false" />
      <div class="split" role="slider" tabindex="0" aria-orientation="horizontal"
        aria-label=${formatMessage(s.compareSlider, { rule: ctx.rule })} aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${ctx.position} aria-valuetext=${formatMessage(s.compareValue, { n: ctx.position })}
        @keydown=${(e: KeyboardEvent) => onKey(e, ctx)}></div>
    </div>
  </section>`;
}
