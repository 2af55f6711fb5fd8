import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { UploadManagerApi, UploadSnapshot } from '../../core/types.js';
import { formatMessage } from '../shared/i18n.js';
import type { UploaderStrings } from './strings.js';

export type BulkAction = 'pauseAll' | 'resumeAll' | 'cancelAll' | 'retryAll' | 'clearFinished';

export interface ToolbarContext {
  strings: UploaderStrings;
  disabled: boolean;
  onAction(action: BulkAction): void;
}

/** Bytes done over bytes wanted, cancelled files left out; 0–100. */
export function totalPercent(uploads: readonly UploadSnapshot[]): number {
  const counted = uploads.filter((u) => u.status !== 'cancelled');
  const total = counted.reduce((sum, u) => sum + u.total, 0);
  if (total === 0) return counted.length && counted.every((u) => u.status === 'done') ? 100 : 0;
  const loaded = counted.reduce((sum, u) => sum + Math.min(u.loaded, u.total), 0);
  return Math.floor((loaded / total) * 100);
}

/** Total progress and the buttons acting on every file; a button shows only when it would do something. */
export function renderToolbar(uploads: readonly UploadSnapshot[], ctx: ToolbarContext): TemplateResult {
  const s = ctx.strings;
  const percent = totalPercent(uploads);
  const counted = uploads.filter((u) => u.status !== 'cancelled');
  const done = counted.filter((u) => u.status === 'done').length;
  const has = (...statuses: UploadSnapshot['status'][]) => uploads.some((u) => statuses.includes(u.status));
  const actions: [BulkAction, boolean][] = [
    ['pauseAll', has('queued', 'uploading')],
    ['resumeAll', has('paused')],
    ['cancelAll', has('queued', 'uploading', 'paused', 'completing')],
    ['retryAll', has('failed')],
    ['clearFinished', has('done', 'failed', 'cancelled', 'stored')],
  ];
  return html`
    <div part="toolbar" class="toolbar">
      <div class="total">
        <span id="total-label" class="total-label">${formatMessage(s.totalSummary, { done, count: counted.length })}</span>
        <div
          part="total-progress"
          class="progress total-progress"
          role="progressbar"
          aria-label=${s.totalProgress}
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${percent}
        >
          <div part="progress-indicator" class="indicator" style=${styleMap({ width: `${percent}%` })}></div>
        </div>
      </div>
      <div class="bulk">
        ${actions.map(([action, shown]) =>
          shown ? html`<button type="button" class=${action} ?disabled=${ctx.disabled} @click=${() => ctx.onAction(action)}>${s[action]}</button>` : nothing,
        )}
      </div>
    </div>
  `;
}

/** Carries out a toolbar button on the manager. */
export function applyBulkAction(manager: UploadManagerApi, action: BulkAction): void {
  if (action === 'pauseAll') manager.pauseAll();
  else if (action === 'resumeAll') manager.resumeAll();
  else if (action === 'cancelAll') void manager.cancelAll();
  else if (action === 'retryAll') {
    for (const upload of manager.snapshot()) if (upload.status === 'failed') manager.retry(upload.id);
  } else {
    for (const upload of manager.snapshot()) if (upload.status === 'done' || upload.status === 'failed' || upload.status === 'cancelled' || upload.status === 'stored') manager.remove(upload.id);
  }
}
