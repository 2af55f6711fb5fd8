/**
 * The form of one operation, generated from its catalogue entry: one field per parameter, typed by the
 * parameter's kind. A value that does not parse falls back to a text input so it can be fixed, never lost.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  formatAbsoluteQuality, formatBoxSize, formatCutRect, formatNumberPair, formatSizeLimit, formatThumbnailSize, parseAbsoluteQuality,
  parseBoxSize, parseCutRect, parseNumberPair, parseSizeLimit, parseThumbnailSize, THUMBNAIL_FORMS,
  type BoxSize, type OpSpec, type ParamSpec, type RuleOperation, type ThumbnailForm, type ThumbnailSize,
} from '../../core/rules/index.js';
import { thumbnailFormLabels, zhPackFor } from './locale-pack.js';
import {
  colorInput, fieldFrame, gravityPicker, numberInput, selectInput, textInput, type FieldEnv, type FieldMessage,
} from './field-widgets.js';
import type { RuleEditorStrings } from './strings.js';
import type { Locale } from '../shared/i18n.js';

export interface OpFormContext {
  idPrefix: string;
  strings: RuleEditorStrings;
  locale: Locale;
  messagesFor: (key: string) => FieldMessage[];
  set: (key: string, value: string | undefined) => void;
}

/** An emptied number input reads as NaN where a side may be left out (crop `x300`), else as 0 (then flagged). */
const toInt = (v: string, emptyOk = false) => (v.trim() === '' ? (emptyOk ? NaN : 0) : Math.trunc(Number(v)));

export function renderOperationForm(op: RuleOperation, spec: OpSpec, ctx: OpFormContext): TemplateResult {
  const params = [spec.main, ...spec.params].filter((p): p is ParamSpec => p !== undefined);
  const present = (p: ParamSpec) => op.params.some((q) => q.key === p.key);
  const primary = params.filter((p) => p.key === '' || p.required || present(p));
  const more = params.filter((p) => !primary.includes(p));
  const unknown = op.params.filter((q) => !params.some((p) => p.key === q.key));
  const field = (p: ParamSpec) => renderParam(p, op.params.find((q) => q.key === p.key)?.value, ctx);
  return html`<div class="fields">
    ${primary.map(field)}
    ${unknown.map((q) => html`<div part="field" class="field unknown"><span class="label">${q.key}</span>
      <code>${q.raw ?? q.value}</code><small class="help">${ctx.strings.unknownParam}</small></div>`)}
    ${more.length ? html`<details class="more"><summary>${ctx.strings.moreOptions}</summary><div class="fields">${more.map(field)}</div></details>` : nothing}
  </div>`;
}

function renderParam(spec: ParamSpec, value: string | undefined, ctx: OpFormContext): TemplateResult {
  const label = zhPackFor(ctx.locale)?.PARAM_LABELS_ZH[spec.label] ?? spec.label;
  const hint = spec.defaultValue !== undefined && value === undefined ? ` (${spec.defaultValue})` : '';
  const env: FieldEnv = {
    id: `${ctx.idPrefix}-${spec.key || 'main'}`, label, help: ctx.locale === 'en' ? spec.help + hint : hint.trim() || undefined,
    messages: ctx.messagesFor(spec.key), strings: ctx.strings, locale: ctx.locale,
  };
  const optional = !spec.required;
  const set = (v: string | undefined) => ctx.set(spec.key, v === '' && optional ? undefined : v);
  const current = value ?? '';
  switch (spec.type) {
    case 'gravity':
      return gravityPicker(env, value, optional, set);
    case 'color':
      return fieldFrame(env, colorInput(env, current || spec.defaultValue || '#FFFFFF', set));
    case 'enum': {
      const options = [...(optional ? [{ value: '', label: ctx.strings.notSet }] : []), ...spec.options!.map((o) => ({ value: o, label: o }))];
      return fieldFrame(env, selectInput(env, current, options, set));
    }
    case 'int':
      return fieldFrame(env, numberInput(env, current, set, { min: spec.min, max: spec.max }));
    case 'base64-url':
      return fieldFrame(env, textInput(env, current, set, { type: 'url' }));
    case 'base64-text':
    case 'name':
      return fieldFrame(env, textInput(env, current, set));
    default:
      return compoundField(spec, current, env, set);
  }
}

/** Sizes and pairs: a few number inputs writing one token. */
function compoundField(spec: ParamSpec, value: string, env: FieldEnv, set: (v: string) => void): TemplateResult {
  const s = env.strings;
  const boxes = spec.type === 'crop-size' || spec.type === 'box-size';
  const num = (label: string, part: string, n: number | undefined, write: (n: number) => string, min = 0) =>
    html`<label class="sub">${label}${numberInput(env, n === undefined ? '' : String(n), (v) => set(write(toInt(v, boxes))), { min, id: `${env.id}-${part}` })}</label>`;
  const fallback = () => fieldFrame(env, textInput(env, value, set, { onChange: true }));
  switch (spec.type) {
    case 'thumbnail-size':
      return thumbnailField(value, env, set);
    case 'crop-size':
    case 'box-size': {
      const parsed = parseBoxSize(value, { legacyOffsets: spec.type === 'crop-size' });
      if (!parsed.ok) return fallback();
      const box = parsed.value;
      const o = box.offset;
      if (o) {
        // The offset form the on-image editor writes (!WxHaXaY): four numbers, like a cut; '-' offsets stay text.
        if (o.xMode !== 'a' || o.yMode !== 'a') return fallback();
        const offset = (patch: Partial<BoxSize> & { x?: number; y?: number }) => formatBoxSize({ ...box, ...patch, offset: { ...o, x: patch.x ?? o.x, y: patch.y ?? o.y } });
        return fieldFrame(env, html`${num(s.width, 'w', box.width, (n) => offset({ width: n }), 1)}${num(s.height, 'h', box.height, (n) => offset({ height: n }), 1)}
          ${num(s.offsetX, 'x', o.x, (n) => offset({ x: n }))}${num(s.offsetY, 'y', o.y, (n) => offset({ y: n }))}`, { group: true });
      }
      const write = (patch: { width?: number; height?: number }) => formatBoxSize(clean({ ...box, ...patch }));
      return fieldFrame(env, html`${num(s.width, 'w', box.width, (n) => write({ width: n }), 1)}${num(s.height, 'h', box.height, (n) => write({ height: n }), 1)}`, { group: true });
    }
    case 'cut-rect': {
      const parsed = parseCutRect(value);
      if (!parsed.ok) return fallback();
      const r = parsed.value;
      return fieldFrame(env, html`${num(s.width, 'w', r.width, (n) => formatCutRect({ ...r, width: n }), 1)}${num(s.height, 'h', r.height, (n) => formatCutRect({ ...r, height: n }), 1)}
        ${num(s.offsetX, 'x', r.x, (n) => formatCutRect({ ...r, x: n }))}${num(s.offsetY, 'y', r.y, (n) => formatCutRect({ ...r, y: n }))}`, { group: true });
    }
    case 'blur':
    case 'ratio-range': {
      const parsed = parseNumberPair(value, ['a', 'b'], spec.type === 'blur');
      if (!parsed.ok) return fallback();
      const p = parsed.value;
      const [a, b] = spec.type === 'blur' ? [s.radius, s.sigma] : [s.min, s.max];
      return fieldFrame(env, html`${num(a, 'a', p.a, (n) => formatNumberPair({ ...p, a: n }), 1)}${num(b, 'b', p.b, (n) => formatNumberPair({ ...p, b: n }), 1)}`, { group: true });
    }
    case 'size-limit': {
      const parsed = parseSizeLimit(value);
      if (!parsed.ok) return fallback();
      const l = parsed.value;
      return fieldFrame(env, html`${num(s.amount, 'n', l.amount, (n) => formatSizeLimit({ ...l, amount: n }), 1)}
        <label class="sub">${s.unit}${selectInput(env, l.unit, [{ value: 'k', label: 'KB' }, { value: 'm', label: 'MB' }], (u) => set(formatSizeLimit({ ...l, unit: u as 'k' | 'm' })), `${env.id}-unit`)}</label>
        ${checkbox(s.keepSmaller, l.keepSmaller, (c) => set(formatSizeLimit({ ...l, keepSmaller: c })))}`, { group: true });
    }
    case 'quality': {
      const parsed = parseAbsoluteQuality(value);
      if (!parsed.ok) return fallback();
      const q = parsed.value;
      return fieldFrame(env, html`${num(env.label, 'q', q.quality, (n) => formatAbsoluteQuality({ ...q, quality: n }))}
        ${checkbox(s.force, q.force, (c) => set(formatAbsoluteQuality({ ...q, force: c })))}`, { group: true });
    }
    default:
      return fallback();
  }
}

const clean = (box: { width?: number; height?: number }) =>
  Object.fromEntries(Object.entries(box).filter(([, v]) => v !== undefined && !Number.isNaN(v))) as { width?: number; height?: number };

const checkbox = (label: string, checked: boolean, commit: (c: boolean) => void) =>
  html`<label class="sub check"><input type="checkbox" .checked=${checked} @change=${(e: Event) => commit((e.target as HTMLInputElement).checked)} />${label}</label>`;

/** Resize: a mode select plus the numbers that mode needs. */
function thumbnailField(value: string, env: FieldEnv, set: (v: string) => void): TemplateResult {
  const parsed = parseThumbnailSize(value);
  if (!parsed.ok) return fieldFrame(env, textInput(env, value, set, { onChange: true }));
  const size = parsed.value;
  const s = env.strings;
  const labels = thumbnailFormLabels(env.locale);
  const width = 'width' in size ? size.width : 200;
  const height = 'height' in size ? size.height : 200;
  const percent = 'percent' in size ? size.percent : 50;
  const build = (form: ThumbnailForm, w = width, h = height, p = percent, a = 'area' in size ? size.area : 40000): ThumbnailSize =>
    form === 'scale' || form === 'scale-width' || form === 'scale-height' ? { form, percent: p }
    : form === 'width' ? { form, width: w } : form === 'height' ? { form, height: h } : form === 'area' ? { form, area: a }
    : { form, width: w, height: h };
  const write = (next: ThumbnailSize) => set(formatThumbnailSize(next));
  const num = (label: string, part: string, n: number, patch: (n: number) => ThumbnailSize) =>
    html`<label class="sub">${label}${numberInput(env, String(n), (v) => set(formatThumbnailSize(patch(toInt(v)))), { min: 1, id: `${env.id}-${part}` })}</label>`;
  return fieldFrame(env, html`<label class="sub">${s.resizeMode}${selectInput(env, size.form, THUMBNAIL_FORMS.map((f) => ({ value: f, label: labels[f] })), (f) => write(build(f as ThumbnailForm)), `${env.id}-mode`)}</label>
    ${'width' in size ? num(s.width, 'w', size.width, (n) => build(size.form, n)) : nothing}
    ${'height' in size ? num(s.height, 'h', size.height, (n) => build(size.form, width, n)) : nothing}
    ${'percent' in size ? num(s.percent, 'p', size.percent, (n) => build(size.form, width, height, n)) : nothing}
    ${'area' in size ? num(s.area, 'a', size.area, (n) => build(size.form, width, height, percent, n)) : nothing}`, { group: true });
}
