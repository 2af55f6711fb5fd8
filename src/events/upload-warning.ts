import type { UploadSnapshot } from '../core/types.js';

export interface CosUploadWarningDetail {
  upload: UploadSnapshot;
  file: UploadSnapshot['file'];
  key: string;
  /**
   * `IntegrityUnchecked`: COS's `x-cos-hash-crc64ecma` header is not readable (not in the bucket's CORS
   * ExposeHeaders), so uploads go on without their CRC-64 check. Sent once per uploader.
   */
  warning: { code: 'IntegrityUnchecked'; message: string };
}

/** Something the page should fix that did not stop the upload (shown once in the element's messages too). */
export class CosUploadWarningEvent extends Event {
  constructor(readonly detail: CosUploadWarningDetail) {
    super('cos-upload-warning', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-upload-warning': CosUploadWarningEvent;
  }
}
