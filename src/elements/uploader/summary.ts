import type { UploadCounts, UploadSnapshot, UploadStatus } from '../../core/types.js';

// Kept apart from toolbar.ts: the element counts the list on every update, while the toolbar that shows the
// counts loads with the file list (a lazy chunk in the standalone build; see docs/bundle-size.md).

/** The whole list in one pass: counts per state and the bytes for the total bar. */
export interface ListSummary {
  counts: UploadCounts;
  percent: number;
}

const STATES: readonly UploadStatus[] = ['queued', 'uploading', 'paused', 'completing', 'done', 'failed', 'cancelled', 'stored'];

/** Bytes done over bytes wanted, cancelled files left out (0–100), and the counts, in one pass over the list. */
export function summarize(uploads: readonly UploadSnapshot[]): ListSummary {
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<UploadStatus, number>;
  let total = 0;
  let loaded = 0;
  for (const u of uploads) {
    counts[u.status] += 1;
    if (u.status === 'cancelled') continue;
    total += u.total;
    loaded += Math.min(u.loaded, u.total);
  }
  const counted = uploads.length - counts.cancelled;
  const percent = total === 0 ? (counted > 0 && counts.done === counted ? 100 : 0) : Math.floor((loaded / total) * 100);
  return { counts: { ...counts, total: uploads.length }, percent };
}

/** Bytes done over bytes wanted, cancelled files left out; 0–100. */
export function totalPercent(uploads: readonly UploadSnapshot[]): number {
  return summarize(uploads).percent;
}

