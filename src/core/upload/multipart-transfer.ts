import type { ObjectClient, UploadOutcome } from '../types.js';
import type { TransferRun } from './attempt.js';
import type { MultipartSteps } from './multipart-steps.js';
import { PartTracker } from './parts.js';
import { RequestPriority } from './queue.js';
import { choosePartSize, defaultPartSize, planParts } from './plan.js';
import type { ResumeKeeper } from './resume-keeper.js';
import type { CompletedObject } from './stored-check.js';
import { clientXml } from '../lazy-client-xml.js';
import { lazyImport } from '../lazy-import.js';

export interface MultipartTransferInit {
  file: Blob;
  key: string;
  /** Preferred part size (default by file size); grown when the file would need more than 10,000 parts. */
  partSize?: number;
  client: ObjectClient;
  /** Content-Type and the page's headers, sent with Initiate. */
  headers: Record<string, string>;
  picOperations?: string;
  keeper: ResumeKeeper;
  now: () => number;
  /** Runs the opening steps of one file at a time, so files start in the order they were added. */
  inTurn?: <T>(step: () => Promise<T>) => Promise<T>;
  /** CRC-64 checking of parts and of the Complete answer; absent: off. */
  integrity?: { unchecked(): void };
}

const importSteps = lazyImport('the multipart upload code', () => import('./multipart-steps.js').then((m) => m.MultipartSteps));

/** The requests' code, imported once when the first large file sends one; a failed import is tried again next time. */
function loadSteps(): Promise<typeof MultipartSteps> {
  // Its first request (Initiate or ListParts) reads XML: ask for the client's XML calls now, in parallel, not after.
  clientXml().catch(() => undefined);
  return importSteps();
}

/**
 * The multipart side of one upload. Its parts are planned at once (rows and snapshots show them from the start);
 * the requests (`MultipartSteps`: Initiate or resume, parts, Complete, abort) load with the first of them, so a
 * page that only uploads small files never fetches them (docs/bundle-size.md#what-waits-for-its-first-use).
 */
export class MultipartTransfer {
  readonly tracker: PartTracker;
  readonly partSize: number;
  readonly #init: MultipartTransferInit;
  #steps?: MultipartSteps;

  /** Throws a RangeError when the file is beyond COS's limits. */
  constructor(init: MultipartTransferInit) {
    this.#init = init;
    this.partSize = choosePartSize(init.file.size, init.partSize ?? defaultPartSize(init.file.size));
    this.tracker = new PartTracker(planParts(init.file.size, { partSize: this.partSize }));
  }

  get uploadId(): string | undefined {
    return this.#steps?.uploadId;
  }

  get resumedParts(): number {
    return this.#steps?.resumedParts ?? 0;
  }

  /** The header sent with Complete (a paused upload's edit: FileUpload.setPicOperations). */
  setPicOperations(header: string | undefined): void {
    this.#init.picOperations = header;
  }

  /** Resolves with the outcome, or undefined when the run was superseded (paused, cancelled). */
  run(run: TransferRun): Promise<UploadOutcome | undefined> {
    if (this.#steps) return this.#steps.run(run);
    // A chunk that did not arrive is fetched again through the queue and its retries, like a failed COS request,
    // instead of failing the file (the first try stays outside the queue: the file is still queued until it sends).
    return loadSteps()
      .catch(() => run.send(RequestPriority.start, () => loadSteps()))
      .then((Steps) => this.#stepsOf(Steps).run(run));
  }

  /** See MultipartSteps.abortOnServer. */
  abortOnServer(send: TransferRun['send']): Promise<'aborted' | 'gone' | 'none'> {
    return this.#withSteps((steps) => steps.abortOnServer(send));
  }

  cancelDuringComplete(send: TransferRun['send']): Promise<CompletedObject | undefined> {
    return this.#withSteps((steps) => steps.cancelDuringComplete(send));
  }

  deleteStored(send: TransferRun['send']): Promise<void> {
    return this.#withSteps((steps) => steps.deleteStored(send));
  }

  /** Once loaded, a call reaches the steps synchronously (an abort marks the upload closed at once, as before). */
  #withSteps<T>(use: (steps: MultipartSteps) => Promise<T>): Promise<T> {
    if (this.#steps) return use(this.#steps);
    return loadSteps().then((Steps) => use(this.#stepsOf(Steps)));
  }

  #stepsOf(Steps: typeof MultipartSteps): MultipartSteps {
    return (this.#steps ??= new Steps(this.#init, this.tracker, this.partSize));
  }
}
