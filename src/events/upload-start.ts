import type { UploadSnapshot } from '../core/types.js';

export interface CosUploadStartDetail {
  upload: UploadSnapshot;
  file: UploadSnapshot['file'];
  key: string;
}

/** A file is about to upload. Cancelable: `preventDefault()` skips the file: nothing is sent for it. */
export class CosUploadStartEvent extends Event {
  constructor(readonly detail: CosUploadStartDetail) {
    super('cos-upload-start', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-upload-start': CosUploadStartEvent;
  }
}
