import type { ImageInfo, ProcessedObject } from '../types.js';

/** Job states of the CI job API; `Pause` and `Cancel` come from queue operations the widget never makes. */
export type PicJobState = 'Submitted' | 'Running' | 'Success' | 'Failed' | 'Pause' | 'Cancel';

/** One asynchronous picture job to create (docs/processing-jobs.md). */
export interface PicJobRequest {
  /** The stored object to process. */
  inputKey: string;
  /** One processing rule, e.g. `imageMogr2/thumbnail/200x/format/webp`. */
  rule: string;
  /** Where the result is written (a key; not resolved against the input's folder, unlike a Pic-Operations fileid). */
  outputKey: string;
  /** Output bucket and region; default the client's. */
  outputBucket?: string;
  outputRegion?: string;
  /** Describe the original in the result (`IsPicInfo`); default true. */
  isPicInfo?: boolean;
  /** Echoed back in every description of the job. */
  userData?: string;
  /** A queue id (`p…`); default the bucket's picture-processing queue. */
  queueId?: string;
  /** CI POSTs the finished job here (XML unless `callbackFormat` is JSON). */
  callbackUrl?: string;
  callbackFormat?: 'XML' | 'JSON';
}

/** A job as CI describes it. `result` and `originalInfo` are there once it succeeded. */
export interface PicJob {
  jobId: string;
  state: PicJobState;
  /** `Success` while nothing failed; the CI error code of a failed job. */
  code: string;
  message: string;
  inputKey: string;
  outputKey: string;
  userData?: string;
  creationTime?: string;
  startTime?: string;
  endTime?: string;
  originalInfo?: { etag: string; imageInfo?: ImageInfo };
  result?: ProcessedObject;
}

export interface PicJobWaitOptions {
  signal?: AbortSignal;
  /** Give up (CosError `JobTimeout`) after this many ms; default 10 minutes. */
  timeoutMs?: number;
  /** First wait between polls; it grows by half each poll up to `maxIntervalMs`. Defaults 500 and 5000. */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** Told every description while waiting (state changes). */
  onUpdate?: (job: PicJob) => void;
}
