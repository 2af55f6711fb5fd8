/**
 * Why a file was refused before any request: its type, its size, the file count, a name too long for an
 * object key, or the element's configuration (missing bucket/credentials, unusable Pic-Operations); `changed`:
 * an interrupted upload's file changed since the upload began, so it was not resumed; `unreadable`: a file handle
 * given to `addFiles` could not be read (docs/resume.md).
 */
export type RejectionReason = 'type' | 'size' | 'count' | 'name' | 'config' | 'changed' | 'unreadable';

export interface CosFileRejectedDetail {
  file: File;
  reason: RejectionReason;
  /** The message shown in the element (localised). */
  message: string;
}

/** A file was refused by the restrictions (`accept`, `max-file-size`, `max-files`) or by a configuration error; nothing was sent. */
export class CosFileRejectedEvent extends Event {
  constructor(readonly detail: CosFileRejectedDetail) {
    super('cos-file-rejected', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-file-rejected': CosFileRejectedEvent;
  }
}
