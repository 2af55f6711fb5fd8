import { html, nothing, type TemplateResult } from 'lit';
import type { ListedObject } from '../../core/xml/list-objects.js';
import { formatBytes, formatMessage, type Locale } from '../shared/i18n.js';
import type { ItemProgress } from './library-controller.js';
import type { LibraryStrings } from './strings.js';

export interface ItemContext {
  strings: LibraryStrings;
  locale: Locale;
  selected: boolean;
  disabled: boolean;
  /** A signed thumbnail URL; undefined while signing, null when there is none. */
  preview: string | null | undefined;
  progress?: ItemProgress;
  onToggle(on: boolean): void;
}

const PROGRESS: Record<string, number> = { queued: 0, Submitted: 33, Running: 66, done: 100, failed: 100 };

function statusText(p: ItemProgress, s: LibraryStrings): string {
  if (p.status === 'queued') return s.statusQueued;
  if (p.status === 'done') return formatMessage(s.statusDone, { count: p.result?.processResults.length ?? 0 });
  if (p.status === 'failed') return s.statusFailed;
  return p.mode === 'async' ? formatMessage(s.statusJob, { state: p.jobState ?? 'Submitted' }) : s.statusCloud;
}

function progressValue(p: ItemProgress): number | undefined {
  if (p.status !== 'processing') return PROGRESS[p.status];
  // A synchronous call has no steps to report: the bar is indeterminate.
  return p.mode === 'async' ? PROGRESS[p.jobState ?? 'Submitted'] : undefined;
}

/** One stored image: its checkbox, preview, size and, during a run, its own progress and outcome. */
export function renderItem(object: ListedObject, ctx: ItemContext): TemplateResult {
  const { strings: s, progress: p } = ctx;
  const name = object.key.split('/').pop() || object.key;
  const value = p && progressValue(p);
  return html`<li part="item" class="item" data-key=${object.key} ?data-selected=${ctx.selected} data-status=${p?.status ?? nothing}>
    <label class="pick">
      <input type="checkbox" .checked=${ctx.selected} ?disabled=${ctx.disabled}
        aria-label=${formatMessage(s.selectItem, { name: object.key })}
        @change=${(e: Event) => ctx.onToggle((e.target as HTMLInputElement).checked)} />
      <span class="name" title=${object.key}>${name}</span>
    </label>
    <span part="thumbnail" class="thumb">${ctx.preview ? html`<img src=${ctx.preview} alt="" loading="lazy" />` : ctx.preview === null ? s.noPreview : nothing}</span>
    <span class="meta">
      <span>${formatBytes(object.size, ctx.locale)}</span>
      ${p ? html`<span>${p.mode === 'async' ? s.modeAsync : s.modeCloud}</span>` : nothing}
    </span>
    ${p
      ? html`<span class="status" role="status" data-status=${p.status}>${statusText(p, s)}</span>
          <progress part="progress" max="100" value=${value ?? nothing}
            aria-label=${formatMessage(s.itemProgress, { name })}></progress>`
      : nothing}
    ${p?.error ? html`<p part="error" class="error"><strong>${formatMessage(s.errorCode, { code: p.error.code })}</strong>: ${p.error.message}</p>` : nothing}
  </li>`;
}
