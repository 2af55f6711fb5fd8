import type { ObjectClient, PutObjectOptions, ResumeStore, RetryNotice, UploadEvent, UploadOutcome, UploadSnapshot, UploadStatus } from '../types.js';
import { CosError } from '../http/errors.js';
import { sendVerified } from '../integrity/verify.js';
import { describeError, sendWithRetries, type TransferRun } from './attempt.js';
import { UploadInterrupted, type InterruptReason } from './interrupt.js';
import { MultipartTransfer } from './multipart-transfer.js';
import { PartTracker } from './parts.js';
import { MAX_SIMPLE_PUT_SIZE } from './plan.js';
import { RequestPriority, type RequestQueue } from './queue.js';
import { ResumeKeeper, type FingerprintClaims } from './resume-keeper.js';
import { SpeedMeter } from './speed.js';

export type UploadEventType = Exclude<UploadEvent['type'], 'complete' | 'warning'>;
export type UploadFile = Blob & { name?: string; lastModified?: number };

/** What a FileUpload needs from its manager. */
export interface FileUploadSettings {
  client: ObjectClient;
  queue: RequestQueue;
  store: ResumeStore;
  claims: FingerprintClaims;
  multipartThreshold: number;
  /** The page's part size; undefined picks one by file size (defaultPartSize). */
  partSize?: number;
  /** Waits before the engine's own retries of a request the client gave up on; the length is the retry count. */
  retryDelays: readonly number[];
  now: () => number;
  picOperations?: string;
  /** A cancel that finds the object already stored deletes it (UploadManagerOptions.strictCancel). */
  strictCancel?: boolean;
  /** Content-Type and the page's extra headers, for PUT and Initiate. */
  headers: Record<string, string>;
  onChange: (upload: FileUpload, event?: UploadEventType) => void;
  /** Asked once, when the file gets its first request slot; false skips the file (nothing is sent). */
  beforeStart?: (upload: FileUpload) => boolean;
  /** Serialises the files' opening steps (fingerprint, resume lookup) in add order. */
  inTurn?: <T>(step: () => Promise<T>) => Promise<T>;
  /** CRC-64 checking of every answer (docs/integrity-and-wan.md); absent: off. */
  integrity?: IntegrityHooks;
  /**
   * Simple uploads may use POST Object where it can carry the request (docs/integrity-and-wan.md). Shared by
   * the manager's files: the first POST refused with 403 (keys without PostObject) turns it off for all.
   */
  postObject?: { enabled: boolean };
}

/** Headers POST Object takes as form fields; anything else goes by PUT. */
const POSTABLE_HEADER = /^(content-type|cache-control|content-disposition|content-encoding|expires|x-cos-meta-[\w.-]+|x-cos-storage-class|x-cos-acl)$/i;

export interface IntegrityHooks {
  /** An answer carried no readable CRC header, so this file could not be checked. */
  unchecked(upload: FileUpload): void;
}

const NO_PARTS = new PartTracker([]);

/**
 * One file's upload: queued → uploading → completing → done, or paused / failed / cancelled.
 * Simple PUT up to the threshold (Pic-Operations on the PUT), multipart above it (on the Complete).
 */
export class FileUpload {
  readonly id: string;
  readonly file: UploadFile;
  readonly key: string;
  readonly multipart: boolean;
  readonly #s: FileUploadSettings;
  readonly #keeper: ResumeKeeper;
  readonly #speed: SpeedMeter;
  #transfer?: MultipartTransfer;
  #status: UploadStatus = 'queued';
  #generation = 0;
  /** The current generation's requests; dropped once the file is done (thousands of finished files hold none). */
  #controller?: AbortController;
  #announceStart = true;
  #startAsked = false;
  #simpleLoaded = 0;
  #error?: UploadSnapshot['error'];
  #retry?: UploadSnapshot['retry'];
  /** Bytes loaded when the retry notice came: it is cleared once more bytes than that are loaded. */
  #retryLoaded = 0;
  #result?: UploadOutcome;
  #snapshot?: UploadSnapshot;
  #cancelling?: Promise<void>;

  constructor(id: string, file: UploadFile, key: string, settings: FileUploadSettings) {
    this.id = id;
    this.file = file;
    this.key = key;
    this.#s = settings;
    this.#speed = new SpeedMeter({ now: settings.now });
    this.#keeper = new ResumeKeeper(settings.store, settings.claims, id);
    this.multipart = file.size > Math.min(settings.multipartThreshold, MAX_SIMPLE_PUT_SIZE);
    if (!this.multipart) return;
    try {
      const integrity = settings.integrity && { unchecked: () => settings.integrity!.unchecked(this) };
      this.#transfer = new MultipartTransfer({ ...settings, file, key, keeper: this.#keeper, integrity });
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
    this.#s.picOperations = header;
    this.#transfer?.setPicOperations(header);
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
      this.#keeper.release();
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
      this.#keeper.release();
    }
  }

  snapshot(): UploadSnapshot {
    if (this.#snapshot) return this.#snapshot;
    const total = this.file.size;
    const loaded = this.#loaded();
    const running = this.#status === 'uploading' || this.#status === 'completing';
    this.#snapshot = Object.freeze({
      id: this.id,
      file: this.file,
      name: this.file.name ?? this.key,
      size: total,
      type: this.file.type,
      key: this.key,
      status: this.#status,
      loaded,
      total,
      speed: running ? this.#speed.speed() : 0,
      eta: running ? this.#speed.eta(total - loaded) : undefined,
      multipart: this.multipart,
      uploadId: this.#transfer?.uploadId,
      parts: (this.#transfer?.tracker ?? NO_PARTS).snapshot(),
      resumedParts: this.#transfer?.resumedParts ?? 0,
      error: this.#error && Object.freeze({ ...this.#error }),
      retry: running ? this.#retry : undefined,
      result: this.#result,
    });
    return this.#snapshot;
  }

  #loaded(): number {
    return this.#transfer ? this.#transfer.tracker.loaded : this.#simpleLoaded;
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
          queue: this.#s.queue, priority, signal, retryDelays: this.#s.retryDelays, isCurrent, onStart: () => this.#markRunning(), onFailedAttempt,
          onRetryNotice: (notice) => this.#retrying(notice),
        },
        request,
      ),
      progressed: () => {
        const loaded = this.#loaded();
        if (this.#retry && loaded > this.#retryLoaded) this.#retry = undefined;
        this.#speed.sample(loaded);
        this.#changed('progress');
      },
      changed: () => this.#changed(),
      completing: () => this.#setStatus('completing'),
    };
  }

  async #execute(run: TransferRun): Promise<void> {
    try {
      const outcome = this.#transfer ? await this.#transfer.run(run) : await this.#putSimple(run);
      if (outcome && run.isCurrent()) this.#finish(outcome);
    } catch (err) {
      if (run.isCurrent()) this.#fail(err);
    }
  }

  async #putSimple(run: TransferRun): Promise<UploadOutcome | undefined> {
    const setLoaded = (loaded: number) => {
      this.#simpleLoaded = Math.min(loaded, this.file.size);
      run.progressed();
    };
    const options = {
      signal: run.signal,
      picOperations: this.#s.picOperations,
      headers: this.#s.headers,
      onProgress: (loaded: number) => run.isCurrent() && setLoaded(loaded),
    };
    const { client, integrity } = this.#s;
    let viaPost = false;
    const putOnce = async (opts: typeof options & PutObjectOptions) => {
      // Read when the request goes out: a row edit may have replaced it while the file waited for a slot.
      opts.picOperations = this.#s.picOperations;
      viaPost = this.#canPost();
      if (viaPost) {
        try {
          return await client.postObject!(this.key, this.file, opts);
        } catch (err) {
          if (!(err instanceof CosError && err.status === 403) || !this.#s.postObject) throw err;
          // The keys' policy does not allow PostObject (a backend granting PutObject only): PUT from now on.
          this.#s.postObject.enabled = false;
          viaPost = false;
          if (run.isCurrent()) setLoaded(0);
        }
      }
      return client.putObject(this.key, this.file, opts);
    };
    const put = await run.send(
      RequestPriority.start,
      (onRetry) => {
        const sendOnce = () => putOnce({ ...options, onRetry });
        return integrity
          ? sendVerified({
            what: 'The file', body: this.file, signal: run.signal, send: sendOnce,
            onResend: () => run.isCurrent() && setLoaded(0),
            // COS documents no CRC header on POST answers: its absence there says nothing about CORS.
            onUnchecked: () => viaPost || integrity.unchecked(this),
          })
          : sendOnce();
      },
      () => setLoaded(0),
    );
    if (!run.isCurrent()) return undefined;
    setLoaded(this.file.size);
    return { key: put.key || this.key, etag: put.etag, location: put.location, uploadResult: put.uploadResult };
  }

  /**
   * POST Object saves a small file one round trip (its URL never changes, so the browser's CORS preflight
   * is cached) but carries no Pic-Operations and only form-field headers.
   */
  #canPost(): boolean {
    const { client, picOperations, headers } = this.#s;
    return this.#s.postObject?.enabled === true && !picOperations && !!client.postObject && client.canPostObject?.() === true &&
      Object.keys(headers).every((name) => POSTABLE_HEADER.test(name)) && !this.key.includes('${filename}');
  }

  #retrying(notice: RetryNotice): void {
    const { code, status, host, attempt, maxRetries, delayMs } = notice;
    this.#retry = Object.freeze({ code, status, host, attempt, maxRetries, retryAt: this.#s.now() + delayMs });
    this.#retryLoaded = this.#loaded();
    this.#changed();
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
    this.#simpleLoaded = 0;
    this.#retry = undefined;
    this.#speed.reset();
  }

  #fail(err: unknown): void {
    this.#interrupt('failed');
    this.#error = describeError(err);
    this.#setStatus('failed', 'error');
  }

  #finish(outcome: UploadOutcome): void {
    this.#generation++;
    this.#result = Object.freeze(outcome);
    this.#keeper.release();
    this.#controller = undefined;
    this.#speed.reset();
    this.#setStatus('done', 'success');
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
