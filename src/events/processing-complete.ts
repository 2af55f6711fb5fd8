import type { UploadResult } from '../core/types.js';

/**
 * How Pic-Operations rules ran: `upload` with the upload itself (images up to 32 MB), `cloud` on a stored
 * object through `POST ?image_process`, `async` as picture jobs (larger images, `processing="async"`, batches),
 * `none` when no rule applied.
 */
export type ProcessingMode = 'upload' | 'cloud' | 'async' | 'none';

export interface CosProcessingCompleteDetail {
  /** The stored object that was processed. */
  key: string;
  mode: ProcessingMode;
  /** The processed outputs, in the shape upload-time processing answers with. */
  uploadResult: UploadResult;
  /** The uploader's upload id, when the object came from `<cos-uploader>`. */
  uploadId?: string;
}

/** Background processing (picture jobs) of an object finished and its outputs are stored. */
export class CosProcessingCompleteEvent extends Event {
  constructor(readonly detail: CosProcessingCompleteDetail) {
    super('cos-processing-complete', { bubbles: true, composed: true });
  }
}

export interface CosProcessingErrorDetail {
  key: string;
  mode: ProcessingMode;
  /** The job's CI error code and message (the original object is untouched). */
  error: { code: string; message: string; status: number; requestId?: string };
  uploadId?: string;
}

/** Background processing of an object failed; the original stays stored and processing can be retried. */
export class CosProcessingErrorEvent extends Event {
  constructor(readonly detail: CosProcessingErrorDetail) {
    super('cos-processing-error', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-processing-complete': CosProcessingCompleteEvent;
    'cos-processing-error': CosProcessingErrorEvent;
  }
}
