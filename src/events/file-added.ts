import type { UploadSnapshot } from '../core/types.js';

export interface CosFileAddedDetail {
  upload: UploadSnapshot;
  file: UploadSnapshot['file'];
  /** The object key the file will be stored under. */
  key: string;
}

/** A file passed the restrictions and joined the queue. */
export class CosFileAddedEvent extends Event {
  constructor(readonly detail: CosFileAddedDetail) {
    super('cos-file-added', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-file-added': CosFileAddedEvent;
  }
}
