/** The preview strip: the original sample next to each rule's processed output, with format, size and dimensions. */
import { html, nothing, type TemplateResult } from 'lit';
import { formatBytes, formatMessage, type Locale } from '../shared/i18n.js';
import type { PreviewController } from './preview.js';
import type { EditorRule } from './editor-state.js';
import type { RuleEditorStrings } from './strings.js';

/** Why a rule cannot be previewed, or undefined when it can. */
export function previewBlocker(rule: EditorRule, s: RuleEditorStrings): string | undefined {
  if (rule.text.trim() === '') return s.emptyRule;
  if (rule.model.segments.some((seg) => seg.kind === 'single' && seg.op.name === 'style')) return s.previewStyle;
  if (rule.issues.some((i) => i.severity === 'error')) return s.previewBlocked;
  return undefined;
}

export const previewId = (rule: EditorRule) => `rule-${rule.id}`;

export interface PreviewViewContext {
  strings: RuleEditorStrings;
  locale: Locale;
  preview: PreviewController;
  ready: boolean;
  sampleBusy: boolean;
  sampleMessage?: string;
  canUpload: boolean;
  onSample: (file: File) => void;
}

function figure(id: string, title: string, subtitle: string, blocked: string | undefined, ctx: PreviewViewContext): TemplateResult {
  const result = blocked ? undefined : ctx.preview.result(id);
  const s = ctx.strings;
  const facts = result?.status === 'ready' || (result?.src && result.status === 'loading')
    ? [result.format, result.bytes === undefined ? undefined : formatBytes(result.bytes, ctx.locale),
       result.width ? `${result.width} × ${result.height}` : undefined].filter(Boolean).join(' · ')
    : '';
  return html`<figure part="preview-item" class="preview-item ${result?.status ?? 'blocked'}" data-preview=${id}>
    <div class="frame" aria-busy=${result?.status === 'loading' ? 'true' : 'false'}>
      ${result?.src ? html`<img src=${result.src} alt=${title}
        @load=${(e: Event) => { const img = e.target as HTMLImageElement; ctx.preview.setNaturalSize(id, img.naturalWidth, img.naturalHeight); }} />` : nothing}
      ${blocked ? html`<p class="note">${blocked}</p>` : nothing}
      ${result?.status === 'loading' && !result.src ? html`<p class="note">${s.rendering}</p>` : nothing}
      ${result?.status === 'error' ? html`<p class="note error" role="alert">${formatMessage(s.previewFailed, { message: result.message ?? '' })}</p>` : nothing}
    </div>
    <figcaption>
      <strong>${title}</strong>${subtitle ? html` <code>${subtitle}</code>` : nothing}
      <span class="facts">${facts}</span>
    </figcaption>
  </figure>`;
}

export function renderPreview(rules: EditorRule[], ctx: PreviewViewContext): TemplateResult {
  const s = ctx.strings;
  const pick = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) ctx.onSample(file);
    input.value = '';
  };
  const drop = (e: DragEvent) => {
    const file = [...(e.dataTransfer?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (!file || !ctx.canUpload) return;
    e.preventDefault();
    ctx.onSample(file);
  };
  return html`<section part="preview" class="preview" aria-labelledby="preview-heading"
      @dragover=${(e: DragEvent) => ctx.canUpload && e.preventDefault()} @drop=${drop}>
    <h3 id="preview-heading">${s.preview}</h3>
    ${ctx.canUpload ? html`<label class="sample">${s.sampleUpload}
      <input type="file" accept="image/*" ?disabled=${ctx.sampleBusy} @change=${pick} /></label>` : nothing}
    <p class="status" role="status">${ctx.sampleBusy ? s.uploadingSample : ctx.sampleMessage ?? ''}</p>
    ${ctx.ready
      ? html`<div class="previews">
          ${figure('original', s.original, '', undefined, ctx)}
          ${rules.map((rule, i) => figure(previewId(rule), formatMessage(s.ruleHeading, { n: i + 1 }), rule.fileid, previewBlocker(rule, s), ctx))}
        </div>`
      : html`<p class="hint">${s.previewHint}</p>`}
  </section>`;
}
