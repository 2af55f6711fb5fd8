// The host side of resuming that every uploader loads (resume-offer.ts); the prompt and its checks (resume-ui.ts)
// load only when there is an interrupted upload to show or a message to give.
import { DEFAULT_RESUME_MAX_AGE_MS } from '../../../core/upload/resume-records.js';

/** What the resume flow needs from `<cos-uploader>`. */
export interface ResumeHost extends HTMLElement {
  keyPrefix: string;
  addFiles(files: readonly File[]): void;
  openPicker(): void;
}

/** `resume-max-age` in seconds (default 7 days); anything unreadable keeps the default. */
export function maxAgeMs(host: Element): number {
  const raw = host.getAttribute('resume-max-age');
  const seconds = raw === null || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_RESUME_MAX_AGE_MS;
}
