/** Upload-time and cloud (`image_process`) processing accept images up to 32 MB (docs/processing-jobs.md). */
export const SYNC_PROCESSING_LIMIT = 32 * 1024 * 1024;

export interface ModeOptions {
  /** Largest object processed synchronously; default 32 MB. */
  syncLimit?: number;
  /** With more objects than this selected at once, all run as jobs; default 5. */
  jobThreshold?: number;
}

/**
 * How to reprocess one stored object: `cloud` (`POST ?image_process`, answers at once) for a small image in a
 * small batch; `async` (picture jobs) for an image over the synchronous limit, or when many run at once, where
 * jobs spare the browser a long chain of slow synchronous calls and COS's request-rate limit.
 */
export function reprocessingMode(size: number, batchSize: number, options: ModeOptions = {}): 'cloud' | 'async' {
  if (size > (options.syncLimit ?? SYNC_PROCESSING_LIMIT)) return 'async';
  return batchSize > (options.jobThreshold ?? 5) ? 'async' : 'cloud';
}
