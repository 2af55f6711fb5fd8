import type { UploadSnapshot, UploadStatus } from '../../core/types.js';
import { formatMessage } from '../shared/i18n.js';
import type { UploaderStrings } from './strings.js';

/** Percent of a snapshot's bytes, 0–100 (a 0-byte file counts as done when it is done). */
export function percentOf(upload: Pick<UploadSnapshot, 'loaded' | 'total' | 'status'>): number {
  if (upload.total <= 0) return upload.status === 'done' ? 100 : 0;
  return Math.min(100, Math.floor((upload.loaded / upload.total) * 100));
}

/**
 * Decides what the live region says, so a screen reader hears starts, quarters of progress,
 * completions and failures, without a flood: progress is spoken at most every `minIntervalMs`,
 * status changes at once.
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

  /** The message for what changed since the previous call, or undefined when nothing is worth saying. */
  next(uploads: readonly UploadSnapshot[], strings: UploaderStrings): string | undefined {
    const messages: string[] = [];
    const progress: { id: string; quarter: number; text: string }[] = [];
    for (const upload of uploads) {
      const name = upload.name;
      const before = this.#status.get(upload.id);
      this.#status.set(upload.id, upload.status);
      if (upload.status !== before) {
        if (upload.status === 'uploading' && (before === undefined || before === 'queued')) messages.push(formatMessage(strings.announceStart, { name }));
        if (upload.status === 'done') messages.push(formatMessage(strings.announceDone, { name }));
        if (upload.status === 'failed') messages.push(formatMessage(strings.announceFailed, { name, code: upload.error?.code ?? '' }));
      }
      if (upload.status === 'uploading') {
        const percent = percentOf(upload);
        const quarter = Math.floor(percent / 25);
        if (quarter > (this.#quarter.get(upload.id) ?? 0) && quarter < 4) {
          progress.push({ id: upload.id, quarter, text: formatMessage(strings.announceProgress, { name, percent: quarter * 25 }) });
        }
      }
    }
    this.#forgetGone(uploads);
    if (progress.length && this.now() - this.#lastProgressAt >= this.minIntervalMs) {
      for (const item of progress) {
        messages.push(item.text);
        this.#quarter.set(item.id, item.quarter);
      }
      this.#lastProgressAt = this.now();
    }
    const busy = uploads.some((u) => u.status === 'queued' || u.status === 'uploading' || u.status === 'completing');
    if (this.#wasBusy && !busy && uploads.length) {
      const done = uploads.filter((u) => u.status === 'done').length;
      const failed = uploads.filter((u) => u.status === 'failed').length;
      messages.push(formatMessage(strings.announceQueue, { done, failed }));
    }
    this.#wasBusy = busy;
    return messages.length ? messages.join('; ') : undefined;
  }

  #forgetGone(uploads: readonly UploadSnapshot[]): void {
    if (this.#status.size <= uploads.length) return;
    const ids = new Set(uploads.map((u) => u.id));
    for (const id of this.#status.keys()) {
      if (!ids.has(id)) {
        this.#status.delete(id);
        this.#quarter.delete(id);
      }
    }
  }
}
