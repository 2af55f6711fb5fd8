import { LitElement } from 'lit';
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
  #lastUploads?: readonly UploadSnapshot[];
  #lastName = '';
  #syncedAt = -Infinity;

  constructor(readonly internals: ElementInternals) {}

  /** Keys of the files uploaded so far, in list order. */
  static keysOf(uploads: readonly UploadSnapshot[]): string[] {
    return uploads.filter((u) => u.status === 'done').map((u) => u.key);
  }

  sync({ uploads, name, required, strings, anchor }: FormSyncInput, now = performance.now()): void {
    const unfinished = uploads.some((u) => UNFINISHED.has(u.status));
    // Thousands of files finishing would rebuild the value every frame; while the form is blocked
    // anyway (files unfinished) it is refreshed at most twice a second, and at once when they settle.
    const due = !unfinished || now - this.#syncedAt >= 500;
    if ((uploads !== this.#lastUploads || name !== this.#lastName) && due) {
      this.#lastUploads = uploads;
      this.#lastName = name;
      this.#syncedAt = now;
      this.#setValue(FormAssociation.keysOf(uploads), name);
    }
    if (unfinished) this.internals.setValidity({ customError: true }, strings.uploadsRunning, anchor);
    else if (required && !uploads.some((u) => u.status === 'done')) this.internals.setValidity({ valueMissing: true }, strings.valueMissing, anchor);
    else this.internals.setValidity({});
  }

  #setValue(keys: string[], name: string): void {
    const signature = JSON.stringify([name, keys]);
    if (signature === this.#lastValue) return;
    this.#lastValue = signature;
    if (!name || keys.length === 0) this.internals.setFormValue(null);
    else {
      const data = new FormData();
      for (const key of keys) data.append(name, key);
      this.internals.setFormValue(data);
    }
  }
}

/**
 * A Lit element that takes part in forms (its value, validity, disabled fieldsets and form reset),
 * through `formLink`; the subclass syncs the value and implements `formResetCallback`.
 */
export class FormAssociatedElement extends LitElement {
  static formAssociated = true;
  protected readonly formLink = new FormAssociation(this.attachInternals());

  get form() { return this.formLink.internals.form; }
  get validity() { return this.formLink.internals.validity; }
  get validationMessage() { return this.formLink.internals.validationMessage; }
  get willValidate() { return this.formLink.internals.willValidate; }
  checkValidity() { return this.formLink.internals.checkValidity(); }
  reportValidity() { return this.formLink.internals.reportValidity(); }

  formResetCallback(): void {}

  formDisabledCallback(disabled: boolean): void {
    this.formLink.formDisabled = disabled;
    this.requestUpdate();
  }
}
