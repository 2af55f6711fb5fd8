import type { UploadOutcome, UploadSnapshot, UploadStatus } from '../types.js';
import { describeError, sendWithRetries, type TransferRun } from './attempt.js';
import { UploadInterrupted, type InterruptReason } from './interrupt.js';
import { MultipartTransfer } from './multipart-transfer.js';
import { MAX_SIMPLE_PUT_SIZE } from './plan.js';
import { ResumeKeeper } from './resume-keeper.js';
import type { FileUploadOwnSettings, FileUploadSettings, UploadEventType, UploadFile } from './file-upload-settings.js';
import type { RequestQueue } from './queue.js';
import { RetryNoticeState } from './retry-notice.js';
import { SimpleTransfer } from './simple-transfer.js';
import { SpeedMeter } from './speed.js';
import { freezeOutcome, freezeSnapshot } from './upload-snapshot.js';

/** How long without new bytes before the speed shown is measured again. */
const QUIET_MS = 1000;

export type { FileUploadOwnSettings, FileUploadSettings, IntegrityHooks, UploadEventType, UploadFile } from './file-upload-settings.js';

/**
 * One file's upload: queued → uploading → completing → done, or paused / failed / cancelled. Simple PUT up to the
 * threshold (Pic-Operations on the PUT), multipart above it (on the Complete). Request state is made when needed
 * and dropped once done (docs/many-files-throughput.md#what-a-finished-file-keeps).
 */
export class FileUpload {
  readonly id: string;
  readonly file: UploadFile;
  readonly key: string;
  readonly multipart: boolean;
  readonly #s: FileUploadSettings;
  readonly #queue: RequestQueue;
  /** Multipart only: the resume record. */
  readonly #keeper?: ResumeKeeper;
  #speed?: SpeedMeter;
  /** While the file sends: redraws a speed that no new bytes update (see #sampleSpeed). */
  #quietCheck?: ReturnType<typeof setInterval>;
  #transfer?: MultipartTransfer;
  #simple?: SimpleTransfer;
  #status: UploadStatus = 'queued';
  #generation = 0;
  /** The current generation's requests. */
  #controller?: AbortController;
  #announceStart = true;
  #startAsked = false;
  #error?: UploadSnapshot['error'];
  #retry?: RetryNoticeState;
  #result?: UploadOutcome;
  #snapshot?: UploadSnapshot;
  #cancelling?: Promise<void>;

  constructor(id: string, file: UploadFile, key: string, settings: FileUploadSettings, own: FileUploadOwnSettings) {
    this.id = id;
    this.file = file;
    this.key = key;
    this.#s = settings;
    this.#queue = own.queue;
    this.multipart = file.size > Math.min(settings.multipartThreshold, MAX_SIMPLE_PUT_SIZE);
    const hooks = settings.integrity;
    const integrity = hooks && { unchecked: () => hooks.unchecked(this), localCrc64: hooks.localCrc64, wasmChecksum: hooks.wasmChecksum };
    const { headers, picOperations } = own;
    if (!this.multipart) {
      this.#simple = new SimpleTransfer({ file, key, client: settings.client, headers, picOperations, integrity, postObject: settings.postObject });
      return;
    }
    this.#keeper = new ResumeKeeper(settings.store, settings.claims, id);
    try {
      this.#transfer = new MultipartTransfer({ ...settings, headers, picOperations, file, key, keeper: this.#keeper, integrity });
    } catch (err) {
      this.#status = 'failed';
      this.#error = { code: 'EntityTooLarge', message: (err as Error).message, status: 0 };
    }
  }

  get status(): UploadStatus {
    return this.#status;
  }

  /** Queued, running or completing. */
  get active(): boolean {
    return this.#status === 'queued' || this.#status === 'uploading' || this.#status === 'completing';
  }

  start(): void {
    if (this.#status === 'queued') this.#launch();
  }

  /** The beforeStart veto: the file never starts; it ends cancelled with a 'skipped' event. */
  skip(): void {
    if (this.#status !== 'queued') return;
    this.#interrupt('cancel');
    this.#setStatus('cancelled', 'skipped');
  }

  /** Aborts the requests in flight; finished parts are kept. Ignored while completing. */
  pause(): void {
    if (this.#status !== 'queued' && this.#status !== 'uploading') return;
    this.#interrupt('pause');
    this.#setStatus('paused', 'paused');
  }

  resume(): void {
    if (this.#status !== 'paused') return;
    this.#setStatus('queued', 'resumed');
    this.#launch();
  }

  /** New Pic-Operations for a file not sending yet (queued or paused); false otherwise (UploadManagerApi.setPicOperations). */
  setPicOperations(header: string | undefined): boolean {
    if (this.#status !== 'queued' && this.#status !== 'paused') return false;
    this.#transfer?.setPicOperations(header);
    this.#simple?.setPicOperations(header);
    return true;
  }

  /** Re-runs a failed upload, continuing from its finished parts. */
  retry(): void {
    if (this.#status !== 'failed' || (this.multipart && !this.#transfer)) return;
    this.#error = undefined;
    this.#transfer?.tracker.resetFailed();
    this.#announceStart = true;
    this.#setStatus('queued');
    this.#launch();
  }

  /**
   * Stops the upload and leaves nothing on the server (see MultipartTransfer.abortOnServer) — unless COS
   * was completing it and had stored the object: then it ends `stored`, or deleted with strictCancel.
   */
  cancel(): Promise<void> {
    if (this.#cancelling) return this.#cancelling;
    if (this.#status === 'done' || this.#status === 'cancelled' || this.#status === 'stored') return Promise.resolve();
    const completing = this.#status === 'completing' && this.#transfer !== undefined;
    this.#interrupt('cancel');
    this.#error = undefined;
    if (completing) {
      this.#cancelling = this.#cancelCompleting().finally(() => (this.#cancelling = undefined));
      return this.#cancelling;
    }
    this.#setStatus('cancelled', 'cancelled');
    return this.#abortOnServer();
  }

  /** The row's Delete for a `stored` upload: removes the object and its processed outputs; it ends `cancelled`. */
  async deleteStored(): Promise<void> {
    if (this.#status !== 'stored' || !this.#transfer || this.#cancelling) return this.#cancelling;
    const run = this.#newRun(new AbortController().signal);
    try {
      await this.#transfer.deleteStored((priority, request) => run.send(priority, request));
    } catch (err) {
      // Still stored: the row keeps its Delete, now with the reason it failed.
      this.#error = describeError(err);
      this.#changed();
      throw err;
    }
    this.#error = undefined;
    this.#result = undefined;
    this.#setStatus('cancelled', 'cancelled');
  }

  async #abortOnServer(): Promise<void> {
    try {
      const run = this.#newRun(new AbortController().signal);
      await this.#transfer?.abortOnServer((priority, request) => run.send(priority, request));
    } finally {
      this.#keeper?.release();
    }
  }

  /**
   * The status stays `completing` until the server's state is known (docs/edge-cases.md), so neither
   * the row nor the event claims "cancelled" for an object COS stored.
   */
  async #cancelCompleting(): Promise<void> {
    const transfer = this.#transfer!;
    const run = this.#newRun(new AbortController().signal);
    const send: TransferRun['send'] = (priority, request) => run.send(priority, request);
    this.#changed();
    let stored;
    try {
      stored = await transfer.cancelDuringComplete(send);
      if (stored && this.#s.strictCancel) {
        await transfer.deleteStored(send);
        stored = undefined;
      }
    } catch (err) {
      // Unknown (the check failed) or known stored but not deleted (strict delete refused): say which.
      this.#error = describeError(err);
      throw err;
    } finally {
      if (stored) this.#result = Object.freeze({ ...stored });
      this.#setStatus(stored ? 'stored' : 'cancelled', stored ? 'stored' : 'cancelled');
      this.#keeper?.release();
    }
  }

  snapshot(): UploadSnapshot {
    this.#snapshot ??= freezeSnapshot({
      id: this.id, file: this.file, key: this.key, multipart: this.multipart, status: this.#status, loaded: this.#loaded(),
      speed: this.#speed, transfer: this.#transfer, error: this.#error, retry: this.#retry?.notice, result: this.#result,
    });
    return this.#snapshot;
  }

  #loaded(): number {
    if (this.#status === 'done') return this.file.size;
    return this.#transfer?.tracker.loaded ?? this.#simple?.loaded ?? 0;
  }

  #launch(): void {
    this.#generation++;
    this.#controller = new AbortController();
    void this.#execute(this.#newRun(this.#controller.signal));
  }

  /** The callbacks a transfer gets for the current generation. */
  #newRun(signal: AbortSignal): TransferRun {
    const generation = this.#generation;
    const isCurrent = () => generation === this.#generation;
    return {
      signal,
      isCurrent,
      send: (priority, request, onFailedAttempt) => sendWithRetries(
        {
          queue: this.#queue, priority, signal, retryDelays: this.#s.retryDelays, isCurrent, onStart: () => this.#markRunning(), onFailedAttempt,
          onRetryNotice: (notice) => {
            (this.#retry ??= new RetryNoticeState()).set(notice, this.#loaded(), this.#s.now());
            this.#changed();
          },
        },
        request,
      ),
      progressed: () => {
        const loaded = this.#loaded();
        this.#retry?.progressed(loaded);
        this.#sampleSpeed(loaded);
        this.#changed('progress');
      },
      changed: () => this.#changed(),
      completing: () => this.#setStatus('completing'),
    };
  }

  async #execute(run: TransferRun): Promise<void> {
    try {
      const outcome = this.#transfer ? await this.#transfer.run(run) : await this.#simple?.run(run);
      if (outcome && run.isCurrent()) this.#finish(outcome);
    } catch (err) {
      if (run.isCurrent()) this.#fail(err);
    }
  }

  /** The first slot: the page may still veto the file (then nothing is sent and false stops the request). */
  #markRunning(): boolean {
    if (this.#status !== 'queued') return true;
    if (!this.#startAsked) {
      this.#startAsked = true;
      if (this.#s.beforeStart && !this.#s.beforeStart(this)) {
        this.skip();
        return false;
      }
    }
    const announce = this.#announceStart;
    this.#announceStart = false;
    this.#setStatus('uploading', announce ? 'start' : undefined);
    return true;
  }

  /** Ends the current generation: its requests abort, its callbacks are ignored, in-flight bytes are subtracted. */
  #interrupt(reason: InterruptReason): void {
    this.#generation++;
    this.#controller?.abort(new UploadInterrupted(reason));
    this.#transfer?.tracker.resetInFlight();
    // A part waiting to be retried when the user pauses is simply pending again.
    if (reason === 'pause') this.#transfer?.tracker.resetFailed();
    this.#simple?.resetLoaded();
    this.#retry = undefined;
    this.#dropSpeed();
  }

  #fail(err: unknown): void {
    this.#interrupt('failed');
    this.#error = describeError(err);
    this.#setStatus('failed', 'error');
  }

  #finish(outcome: UploadOutcome): void {
    this.#generation++;
    this.#result = freezeOutcome(outcome);
    this.#keeper?.release();
    this.#controller = undefined;
    this.#dropSpeed();
    // Nothing is sent for a done file again (retry is for failed ones): its request state can go.
    this.#simple = undefined;
    this.#setStatus('done', 'success');
  }

  /**
   * Snapshots are made again only on a change, so when bytes stop coming (a connection that waits, every part of
   * the file held) the last speed would stay on screen. Once a second, a shown speed with no sample for that long
   * is measured again: it decays toward 0, and the row stops showing it.
   */
  #sampleSpeed(loaded: number): void {
    const meter = (this.#speed ??= new SpeedMeter({ now: this.#s.now }));
    meter.sample(loaded);
    // No timer until a speed can be shown: a small file, sent and answered at once, never gets one.
    if (this.#quietCheck !== undefined || !(meter.speed() > 0)) return;
    this.#quietCheck = setInterval(() => {
      if (this.#status !== 'uploading') this.#stopQuietCheck();
      // Only a speed on show is stale: one not measurable yet (a burst under 100 ms) is left unshown.
      else if (this.#speed && this.#speed.quietFor() >= QUIET_MS && (this.#snapshot?.speed ?? 0) > 0) this.#changed();
    }, QUIET_MS);
    // A Node process is not kept alive by it.
    (this.#quietCheck as { unref?: () => void }).unref?.();
  }

  #stopQuietCheck(): void {
    clearInterval(this.#quietCheck);
    this.#quietCheck = undefined;
  }

  #dropSpeed(): void {
    this.#stopQuietCheck();
    this.#speed = undefined;
  }

  #setStatus(status: UploadStatus, event?: UploadEventType): void {
    this.#status = status;
    this.#changed(event);
  }

  #changed(event?: UploadEventType): void {
    this.#snapshot = undefined;
    this.#s.onChange(this, event);
  }
}
