import type { UploadSnapshot, UploadStatus } from '../types.js';

/** What the manager asks of each listed upload, live or finished. */
export interface ListedUpload {
  readonly id: string;
  readonly status: UploadStatus;
  /** Queued, running or completing. */
  readonly active: boolean;
  snapshot(): UploadSnapshot;
  pause(): void;
  resume(): void;
  retry(): void;
  cancel(): Promise<void>;
  deleteStored(): Promise<void>;
  setPicOperations(header: string | undefined): boolean;
}

/**
 * A done upload as the manager keeps it: its frozen snapshot, nothing else. Nothing is ever sent for a done file
 * again (retry is for failed ones, Delete for `stored` ones), so the FileUpload and what it held can go: a page
 * that uploads tens of thousands of files keeps one small object per file besides its snapshot
 * (docs/many-files-throughput.md#what-a-finished-file-keeps).
 */
export class FinishedUpload implements ListedUpload {
  readonly #snapshot: UploadSnapshot;

  constructor(snapshot: UploadSnapshot) {
    this.#snapshot = snapshot;
  }

  get id(): string {
    return this.#snapshot.id;
  }

  get status(): UploadStatus {
    return this.#snapshot.status;
  }

  get active(): boolean {
    return false;
  }

  snapshot(): UploadSnapshot {
    return this.#snapshot;
  }

  pause(): void {}
  resume(): void {}
  retry(): void {}

  cancel(): Promise<void> {
    return Promise.resolve();
  }

  deleteStored(): Promise<void> {
    return Promise.resolve();
  }

  setPicOperations(): boolean {
    return false;
  }
}
