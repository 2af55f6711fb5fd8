import type { UploadResult, UploadSnapshot } from '../core/types.js';
import type { ProcessingMode } from './processing-complete.js';

export interface CosUploadSuccessDetail {
  upload: UploadSnapshot;
  file: UploadSnapshot['file'];
  key: string;
  etag: string;
  location: string;
  /** The Pic-Operations outcome (original ImageInfo and processed objects), when rules were sent; named as in `UploadOutcome`. */
  uploadResult?: UploadResult;
  /**
   * How the rules run: `upload` (done, in `uploadResult`), `async` (picture jobs started now; a
   * `cos-processing-complete` or `cos-processing-error` follows), or `none`.
   */
  processing?: ProcessingMode;
}

/** A file finished uploading (simple PUT or completed multipart upload). */
export class CosUploadSuccessEvent extends Event {
  constructor(readonly detail: CosUploadSuccessDetail) {
    super('cos-upload-success', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-upload-success': CosUploadSuccessEvent;
  }
}
