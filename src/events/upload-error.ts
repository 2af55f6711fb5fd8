import type { UploadSnapshot } from '../core/types.js';

export interface CosUploadErrorDetail {
  upload: UploadSnapshot;
  file: UploadSnapshot['file'];
  key: string;
  /** The COS error code (`AccessDenied`, `NoSuchUpload`…) or the client's own (`NetworkError`, `CredentialsError`…). */
  error: { code: string; message: string; status: number; requestId?: string };
}

/** A file failed for good (after the client's retries). A paused or cancelled upload never fires this. */
export class CosUploadErrorEvent extends Event {
  constructor(readonly detail: CosUploadErrorDetail) {
    super('cos-upload-error', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-upload-error': CosUploadErrorEvent;
  }
}
