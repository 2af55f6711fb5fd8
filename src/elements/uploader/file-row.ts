import { html, nothing, svg, type TemplateResult } from 'lit';
import type { UploadManagerApi, UploadResult, UploadSnapshot } from '../../core/types.js';
import { cssProps } from '../shared/css-props.js';
import { formatBytes, formatDuration, formatMessage, type Locale } from '../shared/i18n.js';
import { percentOf } from './announcer.js';
import type { BackgroundJobView } from './background-processing.js';
import type { UploaderStrings } from './strings.js';

export type RowAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'remove' | 'delete' | 'retryProcessing';

/** What a row needs from the element: texts, a preview URL and where its buttons report. */
export interface RowContext {
  strings: UploaderStrings;
  locale: Locale;
  disabled: boolean;
  /** False while the device is offline: running rows say they wait for the network. */
  online: boolean;
  /** The engine's clock now, for retry countdowns. */
  now: number;
  thumbnail(upload: UploadSnapshot): string | undefined;
  /** Picture jobs running after the upload (docs/processing-jobs.md), if any. */
  background?(upload: UploadSnapshot): BackgroundJobView | undefined;
  onAction(action: RowAction, upload: UploadSnapshot): void;
  renderResults(upload: UploadSnapshot, result: UploadResult): TemplateResult;
  /** An extra line under the progress bar (a state note from another feature); nothing by default. */
  statusLine?(upload: UploadSnapshot): TemplateResult | typeof nothing;
}

const STATUS_TEXT: Record<UploadSnapshot['status'], keyof UploaderStrings> = {
  queued: 'statusQueued',
  uploading: 'statusUploading',
  paused: 'statusPaused',
  completing: 'statusCompleting',
  done: 'statusDone',
  failed: 'statusFailed',
  cancelled: 'statusCancelled',
  stored: 'statusStored',
};

const ACTIONS: Record<UploadSnapshot['status'], RowAction[]> = {
  queued: ['pause', 'cancel'],
  uploading: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  completing: ['cancel'],
  done: ['remove'],
  failed: ['retry', 'remove'],
  cancelled: ['remove'],
  // Delete removes the object from COS; Remove only drops the row and keeps it.
  stored: ['delete', 'remove'],
};

const JOB_STATUS_TEXT: Record<'processing' | 'failed', keyof UploaderStrings> = {
  processing: 'statusProcessing',
  failed: 'statusProcessingFailed',
};

const fileIcon = svg`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="currentColor" d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V9h5.5L13 3.5z"/></svg>`;
const errorIcon = svg`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm-1 5v7h2V7h-2zm0 9v2h2v-2h-2z"/></svg>`;

/** Row parts another feature adds (the row edits, docs/editing.md): buttons, a status line, a panel under the row. */
export interface RowExtras {
  actions(upload: UploadSnapshot, disabled: boolean): TemplateResult | typeof nothing;
  status(upload: UploadSnapshot): TemplateResult | typeof nothing;
  panel(upload: UploadSnapshot): TemplateResult | typeof nothing;
}

/**
 * What one `<li>` of the queue holds (the list owns the `<li>` itself, its position and focus).
 * Names and server strings go through text bindings only, never as markup.
 */
export function renderFileRow(upload: UploadSnapshot, ctx: RowContext, extras?: RowExtras): TemplateResult {
  const { strings: s, locale } = ctx;
  const percent = percentOf(upload);
  const thumbnail = ctx.thumbnail(upload);
  const job = upload.status === 'done' ? ctx.background?.(upload) : undefined;
  const processed = upload.status === 'done' ? upload.result?.uploadResult ?? job?.result : undefined;
  const actions = job?.status === 'failed' ? (['retryProcessing', ...ACTIONS.done] as RowAction[]) : ACTIONS[upload.status];
  return html`
    <span part="thumbnail" class="thumb">${thumbnail ? html`<img src=${thumbnail} alt="" loading="lazy" decoding="async" />` : fileIcon}</span>
    <div class="info">
      <span part="file-name" class="name" title=${upload.name}>${upload.name}</span>
      <span class="meta">
        <span>${formatBytes(upload.size, locale)}</span>
        <span class="status">${job && job.status !== 'done' ? s[JOB_STATUS_TEXT[job.status]] : statusText(upload, ctx)}</span>
        ${renderSpeed(upload, s, locale)}
      </span>
      <div
        part="progress"
        class="progress"
        role="progressbar"
        aria-label=${formatMessage(s.fileProgress, { name: upload.name })}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${percent}
        ${cssProps({ '--_percent': String(percent) })}
      >
        <div part="progress-indicator" class="indicator"></div>
      </div>
      ${ctx.statusLine?.(upload) ?? nothing}
      ${extras?.status(upload) ?? nothing}
      ${upload.resumedParts > 0 ? html`<span class="note">${formatMessage(s.resumedParts, { parts: upload.resumedParts })}</span>` : nothing}
      ${upload.status !== 'uploading' && upload.error ? renderError(upload.error, s) : nothing}
      ${job?.status === 'failed' && job.error ? renderError(job.error, s) : nothing}
      ${ctx.online && upload.retry ? html`<span part="retry" class="note retry">${retryText(upload.retry, ctx)}</span>` : nothing}
    </div>
    <div part="actions" class="actions">
      ${extras?.actions(upload, ctx.disabled) ?? nothing}
      ${actions.map(
        (action) => html`<button
          type="button"
          class=${action}
          ?disabled=${ctx.disabled}
          aria-label=${formatMessage(s.actionOnFile, { action: s[action], name: upload.name })}
          @click=${() => ctx.onAction(action, upload)}
        >${s[action]}</button>`,
      )}
    </div>
    ${processed?.processResults.length ? ctx.renderResults(upload, processed) : nothing}
    ${extras?.panel(upload) ?? nothing}
  `;
}

function statusText(upload: UploadSnapshot, ctx: RowContext): string {
  const waiting = !ctx.online && (upload.status === 'queued' || upload.status === 'uploading' || upload.status === 'completing');
  if (waiting) return ctx.strings.statusWaitingForNetwork;
  return allSent(upload) ? ctx.strings.statusCompleting : ctx.strings[STATUS_TEXT[upload.status]];
}

/**
 * Every byte is out and only the answer is awaited (COS storing, or processing Pic-Operations): the row says
 * "Finishing" without a speed, whose last value would otherwise stay on screen with "0 s left".
 */
function allSent(upload: UploadSnapshot): boolean {
  return upload.status === 'uploading' && upload.size > 0 && upload.loaded >= upload.size;
}

/** "Can't reach <host> — retrying in N s (k/m)" for a refused or silent host, the COS code for other failures. */
function retryText(retry: NonNullable<UploadSnapshot['retry']>, ctx: RowContext): string {
  const stalled = retry.code === 'RequestStalled' || retry.code === 'ResponseTimeout';
  const unreachable = retry.status === 0 && retry.host !== '';
  const values = {
    host: retry.host,
    code: retry.code,
    seconds: Math.max(0, Math.ceil((retry.retryAt - ctx.now) / 1000)),
    attempt: retry.attempt,
    max: retry.maxRetries,
  };
  const template = stalled ? ctx.strings.retryStalled : unreachable ? ctx.strings.retryUnreachable : ctx.strings.retryAfterError;
  return formatMessage(template, values);
}

function renderSpeed(upload: UploadSnapshot, s: UploaderStrings, locale: Locale) {
  if (upload.status !== 'uploading' || !(upload.speed > 0) || allSent(upload)) return nothing;
  const speed = formatBytes(upload.speed, locale);
  const eta = upload.eta === undefined ? '—' : formatDuration(upload.eta, locale);
  return html`<span class="speed">${formatMessage(s.speedEta, { speed, eta })}</span>`;
}

function renderError(error: NonNullable<UploadSnapshot['error']>, s: UploaderStrings) {
  return html`<p part="error" class="error">
    ${errorIcon}
    <span><strong>${formatMessage(s.errorCode, { code: error.code })}</strong>: ${error.message}</span>
    ${error.requestId ? html`<span class="request-id">${formatMessage(s.requestId, { id: error.requestId })}</span>` : nothing}
  </p>`;
}

/** Carries out a row button on the manager. */
export function applyRowAction(manager: UploadManagerApi, action: Exclude<RowAction, 'retryProcessing'>, id: string): void {
  if (action === 'cancel') void manager.cancel(id).catch(() => undefined);
  else if (action === 'delete') void manager.deleteStored?.(id).catch(() => undefined);
  else manager[action](id);
}
