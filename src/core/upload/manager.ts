import type { ObjectClient, ResumeRecord, ResumeStore, UploadChange, UploadCounts, UploadEvent, UploadManagerApi, UploadManagerOptions, UploadSnapshot } from '../types.js';
import { ChangeFeed } from './change-feed.js';
import type { FileUpload, UploadEventType, UploadFile } from './file-upload.js';
import { FinishedUpload, type ListedUpload } from './finished-upload.js';
import { DEFAULT_THRESHOLD, UploadFactory } from './upload-factory.js';
import { DEFAULT_CONCURRENCY, DEFAULT_PART_SIZE, DEFAULT_SMALL_FILE_CONCURRENCY, MAX_PART_SIZE, MIN_PART_SIZE } from './plan.js';
import { RequestQueue } from './queue.js';
import { defaultResumeStore } from './resume-store.js';
import { DEFAULT_RESUME_MAX_AGE_MS, discardUpload, interruptedUploads } from './resume-records.js';
import { browserNetworkStatus, type NetworkStatus } from '../http/network.js';

/** Engine settings beyond the shared contract, for tests and tuning. */
export interface UploadEngineOptions extends UploadManagerOptions {
  /**
   * Waits (ms) before the engine re-sends a request the client already gave up on (after its own
   * retries of network errors, 5xx and SlowDown); the length is how many times. Default [1000, 3000, 5000].
   */
  retryDelays?: readonly number[];
  /** Clock for speed and record times; default Date.now. */
  now?: () => number;
  /**
   * Default: the browser's online/offline events. While offline no new request starts; requests in
   * flight that fail wait for the network (the client's `network`) and resume at once when it is back.
   */
  network?: NetworkStatus;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`UploadManager: ${message}`);
}

/** Many files over one request queue: concurrency is shared, and a started file finishes before new ones start. */
export class UploadManager implements UploadManagerApi {
  readonly #options: UploadEngineOptions;
  readonly #queue: RequestQueue;
  /** Single-request uploads: latency-bound, so more of them may be in flight (docs/integrity-and-wan.md). */
  readonly #smallQueue: RequestQueue;
  readonly #store: ResumeStore;
  readonly #uploads = new ChangeFeed<ListedUpload>((err) => this.#report(err));
  readonly #eventListeners = new Set<(event: UploadEvent) => void>();
  readonly #network: NetworkStatus;
  #unwatchNetwork?: () => void;
  #idleWaiters: (() => void)[] = [];
  #batchOpen = false;
  #warnedUnchecked = false;
  readonly #factory: UploadFactory;

  constructor(options: UploadEngineOptions) {
    check(typeof options?.client === 'object' && options.client !== null, 'options.client (an ObjectClient) is required');
    const threshold = options.multipartThreshold ?? DEFAULT_THRESHOLD;
    const partSize = options.partSize ?? DEFAULT_PART_SIZE;
    check(Number.isSafeInteger(threshold) && threshold >= 0, `multipartThreshold must be a whole number of bytes ≥ 0, got ${threshold}`);
    check(Number.isSafeInteger(partSize) && partSize >= MIN_PART_SIZE && partSize <= MAX_PART_SIZE,
      `partSize must be a whole number of bytes from 1 MiB to 5 GiB, got ${partSize}`);
    check((options.retryDelays ?? []).every((d) => Number.isFinite(d) && d >= 0), 'retryDelays must be delays in ms ≥ 0');
    this.#options = options;
    this.#queue = new RequestQueue({ concurrency: options.concurrency ?? DEFAULT_CONCURRENCY });
    this.#smallQueue = new RequestQueue({ concurrency: options.smallFileConcurrency ?? options.concurrency ?? DEFAULT_SMALL_FILE_CONCURRENCY });
    this.#store = options.resumeStore ?? defaultResumeStore();
    this.#network = options.network ?? browserNetworkStatus();
    this.#factory = new UploadFactory({ ...options, store: this.#store, queues: { large: this.#queue, small: this.#smallQueue } }, {
      onChange: (upload, event) => this.#onUploadChange(upload, event),
      mayStart: (upload) => !this.#vetoed(upload),
      unchecked: (upload) => this.#integrityUnchecked(upload),
    });
  }

  /** The client the uploads go through (a row edit of an uploaded file runs `image_process` with it). */
  get client(): ObjectClient {
    return this.#options.client;
  }

  /** False while the device is offline: uploads wait for the network instead of failing. */
  get online(): boolean {
    return this.#network.online;
  }

  /**
   * Adds files and starts them; throws before adding any when one is invalid. Listeners hear of the
   * whole batch once; each file asks beforeStart when it gets its first request slot.
   */
  add(files: readonly UploadFile[]): UploadSnapshot[] {
    if (!Array.isArray(files)) throw new TypeError('UploadManager.add expects an array of Blobs or Files');
    const entries = files.map((file, index) => ({ file, key: this.#factory.keyFor(file, index) }));
    const added = entries.map(({ file, key }) => this.#factory.create(file, key));
    // Follow the network before anything is queued, so nothing starts while offline.
    if (added.length > 0) this.#watchNetwork(true);
    for (const upload of added) {
      this.#uploads.add(upload);
      this.#emit(upload, 'added');
    }
    if (added.length > 0) this.#batchOpen = true;
    for (const upload of added) {
      if (upload.status === 'failed') this.#emit(upload, 'error');
      else upload.start();
    }
    this.#changed();
    return added.map((upload) => upload.snapshot());
  }

  pause(id: string): void {
    this.#uploads.get(id)?.pause();
  }

  resume(id: string): void {
    this.#uploads.get(id)?.resume();
  }

  cancel(id: string): Promise<void> {
    return this.#uploads.get(id)?.cancel() ?? Promise.resolve();
  }

  deleteStored(id: string): Promise<void> {
    return this.#uploads.get(id)?.deleteStored() ?? Promise.resolve();
  }

  retry(id: string): void {
    this.#uploads.get(id)?.retry();
  }

  setPicOperations(id: string, header: string | undefined): boolean {
    return this.#uploads.get(id)?.setPicOperations(header) ?? false;
  }

  /** Drops an upload from the list; one not yet done is cancelled first (nothing left on the server). */
  remove(id: string): void {
    this.removeMany([id]);
  }

  removeMany(ids: Iterable<string>): void {
    for (const id of ids) {
      const upload = this.#uploads.delete(id);
      if (upload && (upload.active || upload.status === 'paused' || upload.status === 'failed')) void upload.cancel().catch(() => undefined);
    }
    this.#changed();
  }

  async cancelMany(ids: Iterable<string>): Promise<void> {
    await Promise.all([...ids].map((id) => this.cancel(id)));
  }

  retryMany(ids: Iterable<string>): void {
    for (const id of ids) this.#uploads.get(id)?.retry();
  }

  clearFinished(): void {
    const finished: string[] = [];
    for (const u of this.#uploads.values()) if (u.status === 'done' || u.status === 'failed' || u.status === 'cancelled' || u.status === 'stored') finished.push(u.id);
    this.removeMany(finished);
  }

  pauseAll(): void {
    for (const upload of this.#uploads.values()) upload.pause();
  }

  resumeAll(): void {
    for (const upload of this.#uploads.values()) upload.resume();
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.#uploads.values()].map((upload) => upload.cancel()));
  }

  /** Uploads an earlier page left unfinished; older ones expire, aborted on COS (docs/resume.md). */
  interruptedUploads(maxAgeMs = DEFAULT_RESUME_MAX_AGE_MS): Promise<ResumeRecord[]> {
    const { client, now = Date.now } = this.#options;
    return interruptedUploads({ store: this.#store, client, maxAgeMs, now: now(), busy: (fingerprint) => this.#factory.claims.has(fingerprint) });
  }

  /** Gives up an interrupted upload: aborted on COS (best effort) and its record deleted. */
  async discardInterrupted(record: ResumeRecord): Promise<void> {
    await discardUpload(this.#store, this.#options.client, record);
  }

  snapshot(): readonly UploadSnapshot[] {
    return this.#uploads.list();
  }

  counts(): UploadCounts {
    return this.#uploads.counts();
  }

  /** The full list after every batch of changes (at most once per microtask batch). */
  subscribe(listener: (uploads: readonly UploadSnapshot[]) => void): () => void {
    return this.#uploads.listen(() => listener(this.snapshot()));
  }

  watch(listener: (change: UploadChange) => void): () => void {
    return this.#uploads.listen(listener);
  }

  on(listener: (event: UploadEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  idle(): Promise<void> {
    if (!this.#uploads.busy) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Once per manager: answers without a readable CRC header (CORS does not expose it) cannot be checked. */
  #integrityUnchecked(upload: FileUpload): void {
    if (this.#warnedUnchecked) return;
    this.#warnedUnchecked = true;
    const message = 'Uploads work, but their integrity cannot be checked: COS\'s x-cos-hash-crc64ecma header is not readable. ' +
      'Add it to ExposeHeaders in the bucket\'s CORS rule.';
    const event: UploadEvent = { type: 'warning', upload: upload.snapshot(), warning: { code: 'IntegrityUnchecked', message } };
    for (const listener of this.#eventListeners) this.#safely(() => listener(event));
  }

  /** beforeStart returning false skips the file; one that throws skips it too, and its error is reported. */
  #vetoed(upload: FileUpload): boolean {
    try {
      return this.#options.beforeStart?.(upload.snapshot()) === false;
    } catch (err) {
      this.#safely(() => {
        throw err;
      });
      return true;
    }
  }

  #onUploadChange(upload: FileUpload, event?: UploadEventType): void {
    if (!this.#uploads.has(upload.id)) {
      if (event) this.#emit(upload, event);
      return;
    }
    // A done file is kept as its snapshot: the FileUpload and its request state can be collected.
    if (upload.status === 'done') this.#uploads.replace(new FinishedUpload(upload.snapshot()));
    else this.#uploads.touch(upload);
    if (event) this.#emit(upload, event);
    this.#changed();
  }

  /** O(1): the counters say whether anything is left to do. */
  #changed(): void {
    const busy = this.#uploads.busy;
    this.#watchNetwork(busy);
    if (busy) {
      this.#batchOpen = true;
      return;
    }
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
    if (this.#batchOpen && this.#uploads.settled) {
      this.#batchOpen = false;
      // Listeners see the final states before the completion.
      this.#uploads.flush();
      const uploads = this.snapshot();
      for (const listener of this.#eventListeners) this.#safely(() => listener({ type: 'complete', uploads }));
    }
  }

  /**
   * While uploads run, an outage pauses the queue and the network's return resumes it at once. Watched
   * only while busy, so a manager left idle (an element rebuilt with new settings) holds no listener.
   */
  #watchNetwork(busy: boolean): void {
    if (busy && !this.#unwatchNetwork) {
      const follow = (online: boolean) => {
        for (const queue of [this.#queue, this.#smallQueue]) {
          if (online) queue.resume();
          else queue.pause();
        }
      };
      follow(this.#network.online);
      this.#unwatchNetwork = this.#network.subscribe((online) => {
        follow(online);
        // Nothing in a snapshot changed, but listeners show the network state: tell them.
        this.#uploads.nudge();
        this.#changed();
      });
    } else if (!busy && this.#unwatchNetwork) {
      this.#unwatchNetwork();
      this.#unwatchNetwork = undefined;
    }
  }

  #emit(upload: FileUpload, type: UploadEventType): void {
    const event: UploadEvent = { type, upload: upload.snapshot() };
    for (const listener of this.#eventListeners) this.#safely(() => listener(event));
  }

  /** A throwing listener must not break the engine; its error is reported, not swallowed. */
  #safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.#report(err);
    }
  }

  #report(err: unknown): void {
    const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
    if (report) report(err);
    else console.error(err);
  }
}
