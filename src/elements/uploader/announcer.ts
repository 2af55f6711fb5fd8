import type { UploadCounts, UploadSnapshot, UploadStatus } from '../../core/types.js';
import { formatMessage } from '../shared/i18n.js';
import type { UploaderStrings } from './strings.js';

/** Percent of a snapshot's bytes, 0–100 (a 0-byte file counts as done when it is done). */
export function percentOf(upload: Pick<UploadSnapshot, 'loaded' | 'total' | 'status'>): number {
  if (upload.total <= 0) return upload.status === 'done' ? 100 : 0;
  return Math.min(100, Math.floor((upload.loaded / upload.total) * 100));
}

/** Beyond this many files changing state at once, the live region says one summary instead of one line per file. */
const PER_FILE_LIMIT = 3;

/**
 * Decides what the live region says, so a screen reader hears starts, quarters of progress,
 * completions and failures, without a flood: progress is spoken at most every `minIntervalMs`,
 * status changes at once, and a burst of many files is summarised in one sentence. It looks only
 * at the uploads that changed, so its cost does not grow with the list.
 */
export class ProgressAnnouncer {
  #status = new Map<string, UploadStatus>();
  #quarter = new Map<string, number>();
  #lastProgressAt = -Infinity;
  #wasBusy = false;

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly minIntervalMs = 3000,
  ) {}

  /**
   * The message for what changed since the previous call, or undefined when nothing is worth saying.
   * `changed` are the uploads whose snapshot changed; `removed` the ids that left the list.
   */
  next(changed: readonly UploadSnapshot[], removed: readonly string[], counts: UploadCounts, strings: UploaderStrings): string | undefined {
    for (const id of removed) this.#forget(id);
    const transitions: { upload: UploadSnapshot; before?: UploadStatus }[] = [];
    const progress: { id: string; quarter: number; text: string }[] = [];
    for (const upload of changed) {
      const before = this.#status.get(upload.id);
      if (upload.status !== before) transitions.push({ upload, before });
      this.#status.set(upload.id, upload.status);
      if (upload.status === 'uploading') {
        const quarter = Math.floor(percentOf(upload) / 25);
        if (quarter > (this.#quarter.get(upload.id) ?? 0) && quarter < 4) {
          progress.push({ id: upload.id, quarter, text: formatMessage(strings.announceProgress, { name: upload.name, percent: quarter * 25 }) });
        }
      }
    }
    const messages = this.#statusMessages(transitions, counts, strings);
    if (progress.length && progress.length <= PER_FILE_LIMIT && this.now() - this.#lastProgressAt >= this.minIntervalMs) {
      for (const item of progress) {
        messages.push(item.text);
        this.#quarter.set(item.id, item.quarter);
      }
      this.#lastProgressAt = this.now();
    }
    const busy = counts.queued + counts.uploading + counts.completing > 0;
    if (this.#wasBusy && !busy && counts.total) {
      messages.push(formatMessage(strings.announceQueue, { done: counts.done, failed: counts.failed }));
    }
    this.#wasBusy = busy;
    return messages.length ? messages.join('; ') : undefined;
  }

  #statusMessages(transitions: { upload: UploadSnapshot; before?: UploadStatus }[], counts: UploadCounts, s: UploaderStrings): string[] {
    const started = transitions.filter(({ upload, before }) => upload.status === 'uploading' && (before === undefined || before === 'queued'));
    const done = transitions.filter(({ upload }) => upload.status === 'done');
    const failed = transitions.filter(({ upload }) => upload.status === 'failed');
    if (started.length + done.length + failed.length > PER_FILE_LIMIT) {
      const left = counts.queued + counts.uploading + counts.completing + counts.paused;
      return [formatMessage(s.announceBatch, { started: started.length, done: done.length, failed: failed.length, left })];
    }
    const messages: string[] = [];
    for (const { upload } of transitions) {
      const name = upload.name;
      if (started.some((t) => t.upload === upload)) messages.push(formatMessage(s.announceStart, { name }));
      if (upload.status === 'done') messages.push(formatMessage(s.announceDone, { name }));
      if (upload.status === 'failed') messages.push(formatMessage(s.announceFailed, { name, code: upload.error?.code ?? '' }));
    }
    return messages;
  }

  #forget(id: string): void {
    this.#status.delete(id);
    this.#quarter.delete(id);
  }
}
