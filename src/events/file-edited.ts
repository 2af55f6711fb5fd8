import type { UploadResult } from '../core/types.js';

export interface CosFileEditedDetail {
  /** The upload the edit belongs to. */
  uploadId: string;
  /** The original's key. */
  key: string;
  /** The imageMogr2 rule of the edit (docs/editing.md#the-rule); empty when the edit was removed. */
  rule: string;
  /** Where the edited image goes (a fileid: relative to the original's folder, or absolute with a leading `/`). */
  fileid: string;
  /**
   * `upload`: added to the file's Pic-Operations, runs when the upload finishes; `cloud`: the file was already
   * uploaded and `POST ?image_process` ran the rule (its answer in `uploadResult`); `removed`: the edit was dropped before upload.
   */
  mode: 'upload' | 'cloud' | 'removed';
  uploadResult?: UploadResult;
}

/** A row edit (crop, turn, mirror) was applied or removed in `<cos-uploader>` (docs/editing.md). */
export class CosFileEditedEvent extends Event {
  constructor(readonly detail: CosFileEditedDetail) {
    super('cos-file-edited', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cos-file-edited': CosFileEditedEvent;
  }
}
