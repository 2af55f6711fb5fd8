import type { UploadSnapshot } from '../core/types.js';

export interface CosUploadProgressDetail {
  upload: UploadSnapshot;
  file: UploadSnapshot['file'];
  key: string;
  loaded: number;
  total: number;
}

/** Byte progress of one file, at most once per animation frame per file. */
export class CosUploadProgressEvent extends Event {
  constructor(readonly detail: CosUploadProgressDetail) {
    super('cos-upload-progress', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-upload-progress': CosUploadProgressEvent;
  }
}
