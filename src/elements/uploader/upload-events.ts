import type { UploadEvent, UploadSnapshot } from '../../core/types.js';
import { CosFileAddedEvent } from '../../events/file-added.js';
import type { ProcessingMode } from '../../events/processing-complete.js';
import { CosQueueCompleteEvent } from '../../events/queue-complete.js';
import { CosUploadCancelEvent } from '../../events/upload-cancel.js';
import { CosUploadErrorEvent } from '../../events/upload-error.js';
import { CosUploadProgressEvent } from '../../events/upload-progress.js';
import { CosUploadStartEvent } from '../../events/upload-start.js';
import { CosUploadSuccessEvent } from '../../events/upload-success.js';
import { CosUploadWarningEvent } from '../../events/upload-warning.js';
import type { FrameThrottle } from '../shared/throttle.js';

const ACTIVE: ReadonlySet<UploadSnapshot['status']> = new Set(['queued', 'uploading', 'paused', 'completing']);

/** Whether an upload still has work to do (paused ones included: their bytes are not stored yet). */
export function isActive(upload: UploadSnapshot): boolean {
  return ACTIVE.has(upload.status);
}

/**
 * Turns the manager's events into the element's DOM events: progress at most once per redraw per file and always
 * before that file's success or error, cos-upload-start asked once per file, and cos-queue-complete held back
 * while the host still has chosen files to hand over.
 */
export class UploadEventRelay {
  #heldComplete = false;
  #progress = new Map<string, UploadSnapshot>();
  #vetoAsked = new Set<string>();

  // Private fields, not parameter properties: the bundler shortens `#` names, not public ones (first-load bytes).
  readonly #host: HTMLElement;
  /** The host's redraw: events that change a row schedule it. */
  readonly #frame: FrameThrottle;
  /** Told of each stored file before cos-upload-success goes out; says how its rules run. */
  readonly #onStored: (upload: UploadSnapshot) => ProcessingMode;
  readonly #cancel: (id: string) => void;
  /** True while the host still has chosen files to hand over: an empty queue then is not complete yet. */
  readonly #moreComing: () => boolean;

  constructor(host: HTMLElement, frame: FrameThrottle, onStored: (upload: UploadSnapshot) => ProcessingMode, cancel: (id: string) => void,
    moreComing: () => boolean) {
    this.#host = host;
    this.#frame = frame;
    this.#onStored = onStored;
    this.#cancel = cancel;
    this.#moreComing = moreComing;
  }

  /** Asks the page whether a file may start (the cancelable cos-upload-start). */
  beforeStart(upload: UploadSnapshot): boolean {
    this.#vetoAsked.add(upload.id);
    return this.#host.dispatchEvent(new CosUploadStartEvent({ upload, file: upload.file, key: upload.key }));
  }

  /** The host handed over its last files: a completion held back meanwhile is sent now if nothing runs. */
  moreDone(uploads: readonly UploadSnapshot[]): void {
    if (!this.#heldComplete || uploads.some(isActive)) return;
    this.#heldComplete = false;
    this.relay({ type: 'complete', uploads });
  }

  /** Sends every file's pending progress (on a redraw). */
  flushProgress(): void {
    for (const id of [...this.#progress.keys()]) this.#dispatchProgress(id);
  }

  relay(event: UploadEvent): void {
    if (event.type === 'complete') {
      this.#heldComplete = this.#moreComing();
      if (this.#heldComplete) return;
      this.#frame.flush();
      const failed = event.uploads.filter((u) => u.status === 'failed').length;
      const succeeded = event.uploads.filter((u) => u.status === 'done').length;
      this.#host.dispatchEvent(new CosQueueCompleteEvent({ uploads: event.uploads, succeeded, failed }));
      return;
    }
    const { upload } = event;
    const base = { upload, file: upload.file, key: upload.key };
    if (event.type === 'warning') {
      this.#host.dispatchEvent(new CosUploadWarningEvent({ ...base, warning: event.warning }));
      return;
    }
    if (event.type === 'progress') {
      this.#progress.set(upload.id, upload);
      this.#frame.schedule();
      return;
    }
    this.#dispatchProgress(upload.id);
    if (event.type === 'added') this.#host.dispatchEvent(new CosFileAddedEvent(base));
    else if (event.type === 'start') this.#startedWithoutVeto(upload);
    else if (event.type === 'skipped') this.#vetoAsked.delete(upload.id);
    else if (event.type === 'cancelled' || event.type === 'stored') {
      this.#vetoAsked.delete(upload.id);
      const stored = event.type === 'stored' && upload.result ? { etag: upload.result.etag, location: upload.result.location } : undefined;
      this.#host.dispatchEvent(new CosUploadCancelEvent({ ...base, stored, error: upload.error }));
    }
    else if (event.type === 'success' && upload.result) {
      const { etag, location, uploadResult } = upload.result;
      const processing = this.#onStored(upload);
      this.#host.dispatchEvent(new CosUploadSuccessEvent({ ...base, etag, location, uploadResult, processing }));
    } else if (event.type === 'error') {
      const error = upload.error ?? { code: 'UnknownError', message: 'The upload failed.', status: 0 };
      this.#host.dispatchEvent(new CosUploadErrorEvent({ ...base, error }));
    }
    this.#frame.schedule();
  }

  /** A manager built without our hooks still gets cos-upload-start; a veto then cancels the file at once. */
  #startedWithoutVeto(upload: UploadSnapshot): void {
    if (this.#vetoAsked.delete(upload.id)) return;
    if (!this.beforeStart(upload)) this.#cancel(upload.id);
    this.#vetoAsked.delete(upload.id);
  }

  /** Sends a file's pending progress now, so it always precedes that file's success or error. */
  #dispatchProgress(id: string): void {
    const upload = this.#progress.get(id);
    if (!upload) return;
    this.#progress.delete(id);
    const detail = { upload, file: upload.file, key: upload.key, loaded: upload.loaded, total: upload.total };
    this.#host.dispatchEvent(new CosUploadProgressEvent(detail));
  }
}
