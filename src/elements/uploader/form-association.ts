import type { UploadSnapshot } from '../../core/types.js';
import type { UploaderStrings } from './strings.js';

export interface FormSyncInput {
  uploads: readonly UploadSnapshot[];
  name: string;
  required: boolean;
  strings: UploaderStrings;
  /** Where the browser points its validation bubble. */
  anchor?: HTMLElement;
}

const UNFINISHED: ReadonlySet<UploadSnapshot['status']> = new Set(['queued', 'uploading', 'paused', 'completing']);

/**
 * The uploader's part in a `<form>` (ElementInternals): its value is one entry per uploaded key under
 * `name`; it is invalid while required and empty, and while files are still unfinished, so the
 * browser blocks submission until the uploads are done (paused files count as unfinished: their bytes
 * are not stored yet).
 */
export class FormAssociation {
  /** Set by `formDisabledCallback` (a disabled fieldset). */
  formDisabled = false;
  #lastValue = '';

  constructor(readonly internals: ElementInternals) {}

  /** Keys of the files uploaded so far, in list order. */
  static keysOf(uploads: readonly UploadSnapshot[]): string[] {
    return uploads.filter((u) => u.status === 'done').map((u) => u.key);
  }

  sync({ uploads, name, required, strings, anchor }: FormSyncInput): void {
    const keys = FormAssociation.keysOf(uploads);
    const signature = JSON.stringify([name, keys]);
    if (signature !== this.#lastValue) {
      this.#lastValue = signature;
      if (!name || keys.length === 0) this.internals.setFormValue(null);
      else {
        const data = new FormData();
        for (const key of keys) data.append(name, key);
        this.internals.setFormValue(data);
      }
    }
    if (uploads.some((u) => UNFINISHED.has(u.status))) this.internals.setValidity({ customError: true }, strings.uploadsRunning, anchor);
    else if (required && keys.length === 0) this.internals.setValidity({ valueMissing: true }, strings.valueMissing, anchor);
    else this.internals.setValidity({});
  }
}
