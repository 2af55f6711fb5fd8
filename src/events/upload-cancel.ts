import type { UploadSnapshot } from '../core/types.js';

export interface CosUploadCancelDetail {
  upload: UploadSnapshot;
  file: UploadSnapshot['file'];
  key: string;
  /**
   * Set when the cancel came after COS had stored the object (the file was completing): what is stored
   * at `key`. Absent when nothing of the upload is left on the server (docs/edge-cases.md).
   */
  stored?: { etag: string; location: string };
  /** Set when whether COS stored the object could not be checked (no HEAD permission, network). */
  error?: { code: string; message: string; status: number; requestId?: string };
}

/** A file was cancelled (or a stored one deleted). `detail.stored` says when COS kept the object anyway. */
export class CosUploadCancelEvent extends Event {
  constructor(readonly detail: CosUploadCancelDetail) {
    super('cos-upload-cancel', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-upload-cancel': CosUploadCancelEvent;
  }
}
