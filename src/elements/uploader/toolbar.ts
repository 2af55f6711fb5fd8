import { html, nothing, type TemplateResult } from 'lit';
import type { UploadManagerApi } from '../../core/types.js';
import { cssProps } from '../shared/css-props.js';
import { formatMessage, numberFormat, type Locale } from '../shared/i18n.js';
import { VIRTUAL_FROM } from './file-list.js';
import type { UploaderStrings } from './strings.js';
import type { ListSummary } from './summary.js';

export { summarize, totalPercent, type ListSummary } from './summary.js';

export type BulkAction = 'pauseAll' | 'resumeAll' | 'cancelAll' | 'retryAll' | 'clearFinished';

export interface ToolbarContext {
  strings: UploaderStrings;
  locale: Locale;
  disabled: boolean;
  /** The list shows failed files only. */
  failedOnly: boolean;
  onAction(action: BulkAction): void;
  onFailedOnly(on: boolean): void;
}

/**
 * Total progress and the buttons acting on every file; a button shows only when it would do something.
 * A big batch also gets its counts per state and a "failed only" filter.
 */
export function renderToolbar(summary: ListSummary, ctx: ToolbarContext): TemplateResult {
  const s = ctx.strings;
  const { counts, percent } = summary;
  const n = (value: number) => numberFormat(ctx.locale).format(value);
  const active = counts.queued + counts.uploading + counts.completing;
  const actions: [BulkAction, boolean][] = [
    ['pauseAll', counts.queued + counts.uploading > 0],
    ['resumeAll', counts.paused > 0],
    ['cancelAll', active + counts.paused > 0],
    ['retryAll', counts.failed > 0],
    ['clearFinished', counts.done + counts.failed + counts.cancelled + counts.stored > 0],
  ];
  const big = counts.total >= VIRTUAL_FROM;
  return html`
    <div part="toolbar" class="toolbar">
      <div class="total">
        <span id="total-label" class="total-label">${formatMessage(s.totalSummary, { done: n(counts.done), count: n(counts.total - counts.cancelled) })}</span>
        <div
          part="total-progress"
          class="progress total-progress"
          role="progressbar"
          aria-label=${s.totalProgress}
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${percent}
          ${cssProps({ '--_percent': String(percent) })}
        >
          <div part="progress-indicator" class="indicator"></div>
        </div>
        ${big
          ? html`<span part="summary" class="summary">${formatMessage(s.stateCounts, {
              uploading: n(counts.uploading + counts.completing),
              queued: n(counts.queued),
              paused: n(counts.paused),
              done: n(counts.done),
              failed: n(counts.failed),
            })}</span>`
          : nothing}
      </div>
      <div class="bulk">
        ${big && (counts.failed > 0 || ctx.failedOnly)
          ? html`<button type="button" class="failedOnly" aria-pressed=${ctx.failedOnly ? 'true' : 'false'} @click=${() => ctx.onFailedOnly(!ctx.failedOnly)}>
              ${s.showFailedOnly}
            </button>`
          : nothing}
        ${actions.map(([action, shown]) =>
          shown ? html`<button type="button" class=${action} ?disabled=${ctx.disabled} @click=${() => ctx.onAction(action)}>${s[action]}</button>` : nothing,
        )}
      </div>
    </div>
  `;
}

/** Carries out a toolbar button on the manager: one bulk call where the manager has it (one notification). */
export function applyBulkAction(manager: UploadManagerApi, action: BulkAction): void {
  if (action === 'pauseAll') manager.pauseAll();
  else if (action === 'resumeAll') manager.resumeAll();
  else if (action === 'cancelAll') void manager.cancelAll();
  else if (action === 'retryAll') {
    const failed = manager.snapshot().filter((u) => u.status === 'failed').map((u) => u.id);
    if (manager.retryMany) manager.retryMany(failed);
    else for (const id of failed) manager.retry(id);
  } else if (manager.clearFinished) manager.clearFinished();
  else {
    for (const upload of manager.snapshot()) if (upload.status === 'done' || upload.status === 'failed' || upload.status === 'cancelled' || upload.status === 'stored') manager.remove(upload.id);
  }
}
