import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { PicOperationRule } from '../../core/index.js';
import { parseSize } from './restrictions.js';
import { formatMessage, type Locale } from '../shared/i18n.js';
import type { DropZoneView } from './drop-zone.js';
import { restrictionHint, type IntakeSettings } from './intake.js';
import type { UploaderStrings } from './strings.js';

/** Size attributes take bytes or a unit (`10MB`); an unreadable value becomes NaN and is reported. */
export const sizeConverter = { fromAttribute: (value: string | null) => (value === null ? undefined : parseSize(value)) };

/** The `rules` attribute: a JSON array of `{fileid, rule}` (or one such object). */
export const rulesConverter = {
  fromAttribute: (value: string | null): PicOperationRule[] | undefined => {
    if (value === null) return undefined;
    try {
      const parsed: unknown = JSON.parse(value);
      return (Array.isArray(parsed) ? parsed : [parsed]) as PicOperationRule[];
    } catch {
      // Kept as an unusable rule so the element reports it instead of silently uploading without it.
      return [{ fileid: '', rule: value }];
    }
  },
};

interface Notice {
  id: number;
  text: string;
}

/**
 * Refusals and problems shown above the list (the last ten, each dismissable), with the configuration problems
 * (persistent) in one alert region.
 */
export class Notices {
  #list: readonly Notice[] = [];
  #lastId = 0;

  constructor(private readonly host: ReactiveControllerHost) {}

  add(text: string): void {
    this.#list = [...this.#list.slice(-9), { id: ++this.#lastId, text }];
    this.host.requestUpdate();
  }

  clear(): void {
    this.#list = [];
    this.host.requestUpdate();
  }

  render(problems: readonly string[], s: UploaderStrings): TemplateResult {
    const dismiss = (notice: Notice) => {
      this.#list = this.#list.filter((n) => n !== notice);
      this.host.requestUpdate();
    };
    // No whitespace inside the region, so `:empty` hides it when there is nothing to say.
    return html`<div part="messages" class="messages" role="alert">${[
      ...problems.map((text) => html`<p class="notice config">${text}</p>`),
      ...this.#list.map(
        (notice) => html`<p class="notice">
          <span>${notice.text}</span>
          <button type="button" class="dismiss" @click=${() => dismiss(notice)}>${s.dismiss}</button>
        </p>`,
      ),
    ]}</div>`;
  }
}

/** Background processing ends long after the upload: the live region says so too. */
export function announceProcessing(host: HTMLElement, strings: () => UploaderStrings, say: (text: string) => void): void {
  const nameOf = (key: string) => key.slice(key.lastIndexOf('/') + 1);
  host.addEventListener('cos-processing-complete', (e) => say(formatMessage(strings().announceProcessed, { name: nameOf(e.detail.key) })));
  host.addEventListener('cos-processing-error', (e) => {
    say(formatMessage(strings().announceProcessingFailed, { name: nameOf(e.detail.key), code: e.detail.error.code }));
  });
}

/** The drop zone's texts and input settings. */
export function dropView(settings: IntakeSettings, s: UploaderStrings, locale: Locale): DropZoneView {
  return {
    prompt: s.dropPrompt,
    activePrompt: s.dropActive,
    hint: restrictionHint(settings, s, locale),
    reading: (count) => formatMessage(s.readingFolder, { count }),
    multiple: settings.multiple,
    accept: settings.accept,
  };
}
