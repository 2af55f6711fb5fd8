import { CosError } from '../http/errors.js';
import { combinedCrc64, crc64OfBlob, integrityError, sendVerified } from '../integrity/verify.js';
import type { ResumeRecord, UploadOutcome } from '../types.js';
import type { TransferRun } from './attempt.js';
import type { PartState, PartTracker } from './parts.js';
import { RequestPriority } from './queue.js';
import { handleOf } from './file-handles.js';
import type { MultipartTransferInit } from './multipart-transfer.js';
import { checkCompleted, processedKeys, type CompletedObject } from './stored-check.js';

/** Headers the official SDK repeats on CompleteMultipartUpload (docs/protocol.md#what-each-request-carries). */
const COMPLETE_HEADER = /^(x-cos-meta-|x-cos-forbid-overwrite$|x-cos-callback|x-cos-return-body$)/i;

/**
 * The requests of a multipart upload: Initiate (or resume a recorded upload after ListParts), the missing
 * parts in parallel through the shared queue, then Complete with the Pic-Operations. Loaded by
 * `MultipartTransfer` when its first request is due: a page uploading small files never needs it.
 */
export class MultipartSteps {
  readonly tracker: PartTracker;
  readonly partSize: number;
  readonly #init: MultipartTransferInit;
  #uploadId?: string;
  #initiating?: Promise<string | undefined>;
  #resumedParts = 0;
  #closed = false;
  /** Local time the last Complete was sent: an object older than that is not this upload's. */
  #completeSentAt?: number;

  /** `init` is the transfer's own: a Pic-Operations edit made there reaches Complete. */
  constructor(init: MultipartTransferInit, tracker: PartTracker, partSize: number) {
    this.#init = init;
    this.tracker = tracker;
    this.partSize = partSize;
  }

  get uploadId(): string | undefined {
    return this.#uploadId;
  }

  get resumedParts(): number {
    return this.#resumedParts;
  }

  /** Resolves with the outcome, or undefined when the run was superseded (paused, cancelled). */
  async run(run: TransferRun): Promise<UploadOutcome | undefined> {
    const { client, key, headers } = this.#init;
    // A paused attempt's Initiate may still be in flight: reuse its upload, never start a second one.
    if (!this.#uploadId && this.#initiating) await this.#initiating;
    if (!run.isCurrent()) return undefined;
    if (!this.#uploadId) await this.#open(run);
    const uploadId = this.#uploadId;
    if (!run.isCurrent() || !uploadId) return undefined;
    let done;
    let completing = false;
    try {
      await Promise.all(this.tracker.missing().map((part) => this.#sendPart(run, uploadId, part)));
      if (!run.isCurrent()) return undefined;
      run.completing();
      completing = true;
      this.#completeSentAt = this.#init.now();
      const completeHeaders = Object.fromEntries(Object.entries(headers).filter(([name]) => COMPLETE_HEADER.test(name)));
      done = await run.send(RequestPriority.finish, (onRetry) =>
        client.completeMultipartUpload(key, uploadId, this.tracker.completionList(), { signal: run.signal, onRetry, picOperations: this.#init.picOperations, headers: completeHeaders }),
      );
    } catch (err) {
      const gone = err instanceof CosError && err.code === 'NoSuchUpload';
      // A retried Complete whose first answer was lost finds the upload gone because it already completed.
      const stored = gone && completing && run.isCurrent() ? await this.#completedObject(run) : undefined;
      if (stored) done = stored;
      else {
        // Aborted elsewhere (another tab, a lifecycle rule): the file fails, and a retry starts a new upload.
        if (run.isCurrent() && gone) this.#discard();
        throw err;
      }
    }
    if (!run.isCurrent()) return undefined;
    await this.#checkCompleted(run, done.crc64);
    if (!run.isCurrent()) return undefined;
    this.#closed = true;
    this.#init.keeper.forget();
    return { key: done.key || key, etag: done.etag, location: done.location, uploadResult: done.uploadResult };
  }

  /**
   * Aborts the upload on the server, after any Initiate in flight has answered (so no upload is left
   * behind), then deletes the record. If the abort fails for good it rejects and the record stays.
   * Says whether COS still had the upload (`aborted`), no longer had it (`gone`), or none was opened.
   */
  async abortOnServer(send: TransferRun['send']): Promise<'aborted' | 'gone' | 'none'> {
    this.#closed = true;
    const uploadId = this.#uploadId ?? (await this.#initiating);
    let outcome: 'aborted' | 'gone' | 'none' = 'none';
    if (uploadId) {
      try {
        await send(RequestPriority.finish, () => this.#init.client.abortMultipartUpload(this.#init.key, uploadId));
        outcome = 'aborted';
      } catch (err) {
        if (!(err instanceof CosError && err.code === 'NoSuchUpload')) throw err;
        outcome = 'gone';
      }
    }
    this.#init.keeper.forget();
    await this.#init.keeper.settled();
    return outcome;
  }

  /**
   * A cancel that interrupted Complete (docs/edge-cases.md): the abort decides. Accepted means COS had
   * not completed the upload and nothing is stored; NoSuchUpload means it had, and HEAD shows whether
   * the object at the key is this file. Resolves with the stored object, or undefined when none is.
   */
  async cancelDuringComplete(send: TransferRun['send']): Promise<CompletedObject | undefined> {
    if ((await this.abortOnServer(send)) !== 'gone') return undefined;
    const { client, key, file } = this.#init;
    const check = await send(RequestPriority.finish, () =>
      checkCompleted({ client, key, size: file.size, parts: this.tracker.completionList().length, sentAt: this.#completeSentAt }));
    if (check.state === 'stored') return check.object;
    if (check.state === 'absent') return undefined;
    throw new CosError({
      code: 'CancelUnconfirmed',
      message: `COS had finished or dropped the upload when the cancel reached it, and the object now at "${key}" is not this file as sent; it was left alone`,
      source: 'client',
      retryable: false,
    });
  }

  /** Deletes what a completed upload stored: the object and the outputs of its Pic-Operations rules. */
  async deleteStored(send: TransferRun['send']): Promise<void> {
    const { client, key, picOperations } = this.#init;
    if (!client.deleteObject) throw new CosError({ code: 'Unsupported', message: 'The client cannot delete objects', source: 'client', retryable: false });
    for (const stored of [key, ...processedKeys(key, picOperations)]) {
      await send(RequestPriority.finish, () => client.deleteObject!(stored));
    }
  }

  /** The object a retried Complete whose first answer was lost stored; its Pic-Operations result cannot be recovered. */
  async #completedObject(run: TransferRun): Promise<CompletedObject | undefined> {
    const { client, key, file } = this.#init;
    try {
      const check = await run.send(RequestPriority.finish, () =>
        checkCompleted({ client, key, size: file.size, parts: this.tracker.completionList().length, sentAt: this.#completeSentAt, signal: run.signal }));
      return check.state === 'stored' ? check.object : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The Complete answer's CRC against the parts' CRCs combined (parts resumed from an earlier page are
   * hashed from the file now). A mismatch fails the file and forgets the upload: a retry sends it all again.
   */
  async #checkCompleted(run: TransferRun, reported: string | undefined): Promise<void> {
    const { integrity, file } = this.#init;
    if (!integrity) return;
    if (reported === undefined) {
      integrity.unchecked();
      return;
    }
    for (const part of this.tracker.parts) {
      part.crc64 ??= await crc64OfBlob(file.slice(part.start, part.end), run.signal);
    }
    const expected = combinedCrc64(this.tracker.parts.map((p) => ({ crc64: p.crc64!, size: p.size })));
    if (expected === reported || !run.isCurrent()) return;
    this.#discard();
    throw integrityError('The completed object', expected, reported, false);
  }

  #discard(): void {
    this.#uploadId = undefined;
    this.#initiating = undefined;
    this.#resumedParts = 0;
    this.tracker.reset();
    this.#init.keeper.forget();
  }

  /** Resumes a recorded upload the server still has, else initiates a new one. */
  async #open(run: TransferRun): Promise<void> {
    const { file, key, client, headers, keeper } = this.#init;
    // Hashing the fingerprint and reading the resume record take a varying time per file; taking turns
    // keeps the add order, which the queue's priorities rely on (a started file finishes first).
    const inTurn = this.#init.inTurn ?? ((step) => step());
    const record = await inTurn(async () => {
      await keeper.identify({ file, key, partSize: this.partSize });
      return keeper.load();
    });
    if (!run.isCurrent() || (await this.#resume(run, record)) || !run.isCurrent()) return;
    // Sent without the signal: once sent, an Initiate must answer so a cancel can abort what it created.
    // The uploadId is stored before anyone awaiting #initiating (a resumed run, a cancel) goes on.
    const initiating = run.send(RequestPriority.start, (onRetry) => client.initiateMultipartUpload(key, { headers, onRetry })).then(({ uploadId }) => {
      if (!this.#closed) {
        this.#uploadId = uploadId;
        this.#save();
      }
      return uploadId;
    });
    this.#initiating = initiating.catch(() => undefined);
    await initiating;
    if (run.isCurrent()) run.changed();
  }

  async #resume(run: TransferRun, record: ResumeRecord | undefined): Promise<boolean> {
    const { file, key, client } = this.#init;
    if (!run.isCurrent() || !record?.uploadId) return false;
    if (record.key !== key || record.size !== file.size || record.partSize !== this.partSize) return false;
    let listed;
    try {
      listed = await run.send(RequestPriority.start, () => client.listParts(key, record.uploadId, { signal: run.signal }));
    } catch (err) {
      // Completed or aborted elsewhere: start a new upload (its record replaces this one).
      if (run.isCurrent() && err instanceof CosError && err.code === 'NoSuchUpload') return false;
      throw err;
    }
    if (!run.isCurrent()) return false;
    this.#uploadId = record.uploadId;
    this.#resumedParts = this.tracker.applyListed(listed, record.parts);
    this.#save();
    run.progressed();
    return true;
  }

  async #sendPart(run: TransferRun, uploadId: string, part: PartState): Promise<void> {
    const { file, key, client } = this.#init;
    const request = async (onRetry: Parameters<Parameters<TransferRun['send']>[1]>[0]) => {
      this.tracker.update(part, 'uploading', 0);
      run.changed();
      // Sliced right before sending: the file is never read into memory as a whole.
      const body = file.slice(part.start, part.end);
      const sendOnce = () => client.uploadPart(key, uploadId, part.partNumber, body, {
        signal: run.signal,
        onRetry,
        onProgress: (loaded) => {
          if (!run.isCurrent() || part.status !== 'uploading') return;
          this.tracker.update(part, 'uploading', Math.min(loaded, part.size));
          run.progressed();
        },
      });
      const { integrity } = this.#init;
      const { etag, localCrc64 } = integrity
        ? await sendVerified({
          what: `Part ${part.partNumber}`, body, signal: run.signal, send: sendOnce,
          onResend: () => {
            if (!run.isCurrent()) return;
            this.tracker.update(part, 'uploading', 0);
            run.progressed();
          },
          onUnchecked: () => integrity.unchecked(),
        })
        : { ...(await sendOnce()), localCrc64: undefined };
      // Marked done inside the queue slot, so no snapshot shows more parts uploading than the concurrency.
      if (!run.isCurrent()) return;
      part.crc64 = localCrc64;
      this.tracker.update(part, 'done', part.size, etag);
      this.#save();
      run.progressed();
    };
    const failedAttempt = () => {
      this.tracker.update(part, 'failed', 0);
      run.progressed();
    };
    await run.send(RequestPriority.part, request, failedAttempt);
  }

  #save(): void {
    this.#init.keeper.save((fingerprint) => {
      if (this.#closed || !this.#uploadId) return undefined;
      const { file, key, now } = this.#init;
      const { name, lastModified, type, size } = file as Blob & { name?: string; lastModified?: number };
      const record: ResumeRecord = { fingerprint, key, uploadId: this.#uploadId, partSize: this.partSize, size, parts: this.tracker.doneEtags(), updatedAt: now(), name, lastModified, type };
      // Read at each write: a dropped file's handle may arrive just after the file itself.
      const handle = handleOf(file);
      if (handle !== undefined) record.handle = handle;
      return record;
    });
  }
}
