import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CosClient } from '../../core/client.js';
import type { UploadEvent, UploadManagerApi, UploadManagerOptions, UploadSnapshot } from '../../core/types.js';
import { CosFileAddedEvent } from '../../events/file-added.js';
import { CosQueueCompleteEvent } from '../../events/queue-complete.js';
import { CosUploadCancelEvent } from '../../events/upload-cancel.js';
import { CosUploadErrorEvent } from '../../events/upload-error.js';
import { CosUploadProgressEvent } from '../../events/upload-progress.js';
import { CosUploadStartEvent } from '../../events/upload-start.js';
import { CosUploadSuccessEvent } from '../../events/upload-success.js';
import { CosUploadWarningEvent } from '../../events/upload-warning.js';
import type { ProcessingMode } from '../../events/processing-complete.js';
import { frameThrottle } from '../shared/throttle.js';
import { loadEngine, loadedEngine, type Engine } from './engine-loader.js';
import { loadFilesView } from './files-view-loader.js';
import { fetchKeysAtIntent, preloadUploads } from './warm-up.js';
import { browserNetworkStatus } from '../../core/http/network.js';
import { hasTokenSource } from '../../core/auth/token-source.js';
import type { UploaderSettings } from './settings.js';

export { SETTINGS, settingsOf, type UploaderSettings } from './settings.js';
export { preloadUploads } from './warm-up.js';

/** The per-file callbacks the element gives any manager: key naming, Pic-Operations, the start veto. */
export type ManagerHooks = Pick<UploadManagerOptions, 'keyFor' | 'picOperationsFor' | 'headersFor' | 'beforeStart'>;

/** The settings are incomplete: no request can be made. */
export class UploaderConfigError extends Error {
  override name = 'UploaderConfigError';
}

const ACTIVE: ReadonlySet<UploadSnapshot['status']> = new Set(['queued', 'uploading', 'paused', 'completing']);

/** Whether an upload still has work to do (paused ones included: their bytes are not stored yet). */
export function isActive(upload: UploadSnapshot): boolean {
  return ACTIVE.has(upload.status);
}

/**
 * Connects an element to an upload manager: builds the CosClient and the
 * UploadManager from the element's settings on first use (or takes an injected manager; where the
 * engine is a lazy chunk its loading starts when the element connects and the first file awaits it), renders
 * the host at most once per frame whatever the number of changes, and turns the manager's events
 * into the element's DOM events. Disconnecting pauses running uploads; reconnecting resumes them.
 */
export class UploadController implements ReactiveController {
  /** The client built from the settings (undefined with an injected manager). */
  client?: CosClient;

  #manager?: UploadManagerApi;
  #stale = false;
  #connected = false;
  #detach?: () => void;
  #progress = new Map<string, UploadSnapshot>();
  #vetoAsked = new Set<string>();
  #pausedByDisconnect: string[] = [];
  #waiting = 0;
  #intake: Promise<unknown> = Promise.resolve();
  #frame = frameThrottle(() => this.#onFrame());
  #network = browserNetworkStatus();
  #unwatchNetwork?: () => void;
  #tick?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: () => UploaderSettings,
    private readonly hooks: ManagerHooks,
    /** Told of each stored file before cos-upload-success goes out; says how its rules run. */
    private readonly onStored: (upload: UploadSnapshot) => ProcessingMode = () => 'none',
  ) {
    host.addController(this);
  }

  get manager(): UploadManagerApi | undefined {
    return this.#manager;
  }

  /** The manager's current list (cached by the manager between changes, so cheap to ask every frame). */
  get uploads(): readonly UploadSnapshot[] {
    return this.#manager?.snapshot() ?? [];
  }

  /** False while the browser reports no network: uploads wait instead of failing (docs/networks.md). */
  get online(): boolean {
    return this.#network.online;
  }

  /** Uses a manager built elsewhere (a test's fake, or one shared by the page); undefined goes back to building one. */
  use(manager: UploadManagerApi | undefined): void {
    if (manager === this.#manager) return;
    this.#detach?.();
    this.#detach = undefined;
    this.#manager = manager;
    this.client = undefined;
    if (this.#connected && manager) this.#attach(manager);
    this.host.requestUpdate();
  }

  /** Cancels unfinished uploads (nothing is left on the server) and empties the list, in one notification. */
  async clear(): Promise<void> {
    const manager = this.#manager;
    if (!manager) return;
    const unfinished = new Set(manager.snapshot().filter(isActive).map((upload) => upload.id));
    await manager.cancelAll();
    // One COS stored before the cancel took effect is deleted too: a reset leaves nothing behind.
    const stored = manager.snapshot().filter((upload) => upload.status === 'stored' && unfinished.has(upload.id));
    await Promise.all(stored.map((upload) => manager.deleteStored?.(upload.id)));
    const ids = manager.snapshot().map((u) => u.id);
    if (manager.removeMany) manager.removeMany(ids);
    else for (const id of ids) manager.remove(id);
  }

  /** The settings changed: a self-built manager is rebuilt once its list is empty. */
  settingsChanged(): void {
    if (this.#manager && this.client) this.#stale = true;
  }

  /**
   * The manager, built from the settings on first use, without waiting: undefined while the engine
   * module has not loaded yet (then use `ensureManager`). Throws UploaderConfigError when the settings are incomplete.
   */
  managerNow(): UploadManagerApi | undefined {
    if (this.#manager && !(this.#stale && this.#manager.snapshot().length === 0)) return this.#manager;
    const settings = this.settings();
    if (!settings.bucket || !settings.region || !hasTokenSource(settings)) {
      throw new UploaderConfigError('missing bucket, region or token provider');
    }
    const engine = loadedEngine();
    return engine && this.#build(engine, settings);
  }

  /** The manager, loading the engine first when needed (standalone pages load it lazily). */
  async ensureManager(): Promise<UploadManagerApi> {
    const ready = this.managerNow();
    if (ready) return ready;
    // The rows' chunk is asked for too, but the first request does not wait for it: the list renders when it
    // arrives, and the host's updateComplete waits for it (files-view-loader.ts; docs/cold-start.md).
    loadFilesView().catch(() => undefined);
    await loadEngine();
    return this.managerNow()!;
  }

  /**
   * Hands the manager to `take`: at once when it can be built without waiting, else once the engine has
   * loaded and after any files still waiting, so arrival order holds. `refuse` gets why there is none.
   */
  withManager(take: (manager: UploadManagerApi) => void, refuse: (err: unknown) => void): void {
    try {
      const ready = this.#waiting ? undefined : this.managerNow();
      if (ready) return take(ready);
    } catch (err) {
      return refuse(err);
    }
    // A file arrived before the engine: its keys are fetched while the engine loads, not after.
    this.warmUp();
    this.#waiting += 1;
    const next = async () => {
      const manager = await this.ensureManager().catch((err: unknown) => void refuse(err));
      this.#waiting -= 1;
      if (!manager) return;
      take(manager);
      // The host may have left while the engine loaded: its new files wait paused, as running ones do.
      this.#pauseIfDisconnected();
    };
    this.#intake = this.#intake.then(next, next);
  }

  #warmed = false;

  /**
   * The user means to upload (a drag over the element, a press on it, a file): fetch credentials and build the
   * manager now, so the first file's request goes out without those round trips (docs/cold-start.md). Problems
   * surface on the first file.
   */
  warmUp(): void {
    if (this.#warmed) return;
    this.#warmed = true;
    preloadUploads();
    if (!this.#manager && !loadedEngine()) fetchKeysAtIntent(this.settings());
    // The engine's provider adopts keys fetched above, so this prefetch makes no second request.
    loadEngine()
      .then(() => (this.managerNow(), this.client?.prefetchCredentials()))
      .catch(() => {
        this.#warmed = false;
      });
  }

  #build(engine: Engine, settings: UploaderSettings): UploadManagerApi {
    const { bucket, region } = settings;
    const tokenProvider = engine.tokenProviderFor(settings)!;
    const client = new engine.CosClient({
      bucket: bucket!, region: region!, endpoint: settings.endpoint || undefined, ciEndpoint: settings.ciEndpoint || undefined, tokenProvider,
      stallTimeoutMs: msOf(settings.stallTimeout), responseTimeoutMs: msOf(settings.responseTimeout),
    });
    const manager = new engine.UploadManager({
      client,
      multipartThreshold: settings.multipartThreshold,
      partSize: settings.partSize,
      concurrency: settings.concurrency,
      strictCancel: settings.strictCancel,
      ...this.hooks,
    });
    this.use(manager);
    this.client = client;
    this.#stale = false;
    return manager;
  }

  /** Asks the page whether a file may start (the cancelable cos-upload-start). */
  beforeStart(upload: UploadSnapshot): boolean {
    this.#vetoAsked.add(upload.id);
    return this.host.dispatchEvent(new CosUploadStartEvent({ upload, file: upload.file, key: upload.key }));
  }

  hostConnected(): void {
    this.#connected = true;
    this.#unwatchNetwork ??= this.#network.subscribe(() => this.host.requestUpdate());
    // Fetched at once (a dynamic import blocks nothing): a drop on a freshly loaded page must not wait for it.
    if (!this.#manager && !loadedEngine()) preloadUploads();
    if (this.#manager && !this.#detach) this.#attach(this.#manager);
    for (const id of this.#pausedByDisconnect.splice(0)) this.#manager?.resume(id);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unwatchNetwork?.();
    this.#unwatchNetwork = undefined;
    clearTimeout(this.#tick);
    this.#tick = undefined;
    this.#detach?.();
    this.#detach = undefined;
    this.#frame.cancel();
    this.#pausedByDisconnect = [];
    this.#pauseIfDisconnected();
  }

  /** Pauses running uploads while the host is out of the document, to resume them when it is back. */
  #pauseIfDisconnected(): void {
    if (this.#connected) return;
    const running = this.#manager?.snapshot().filter((u) => u.status === 'queued' || u.status === 'uploading') ?? [];
    for (const upload of running) this.#manager?.pause(upload.id);
    this.#pausedByDisconnect.push(...running.map((u) => u.id));
  }

  /** Any change only schedules a frame; the host reads the list when it renders (docs/many-files.md). */
  #attach(manager: UploadManagerApi): void {
    const schedule = () => this.#frame.schedule();
    const unsubscribe = manager.watch ? manager.watch(schedule) : manager.subscribe(schedule);
    const off = manager.on((event) => this.#onEvent(event));
    this.#detach = () => {
      unsubscribe();
      off();
    };
  }

  /** True while the host still has chosen files to hand over: an empty queue then is not complete yet. */
  moreComing: () => boolean = () => false;
  #heldComplete = false;

  /** The host handed over its last files: a completion held back meanwhile is sent now if nothing runs. */
  moreDone(): void {
    const uploads = this.#manager?.snapshot() ?? [];
    if (!this.#heldComplete || uploads.some(isActive)) return;
    this.#heldComplete = false;
    this.#onEvent({ type: 'complete', uploads });
  }

  #onEvent(event: UploadEvent): void {
    if (event.type === 'complete') {
      this.#heldComplete = this.moreComing();
      if (this.#heldComplete) return;
      this.#frame.flush();
      const failed = event.uploads.filter((u) => u.status === 'failed').length;
      const succeeded = event.uploads.filter((u) => u.status === 'done').length;
      this.host.dispatchEvent(new CosQueueCompleteEvent({ uploads: event.uploads, succeeded, failed }));
      return;
    }
    const { upload } = event;
    const base = { upload, file: upload.file, key: upload.key };
    if (event.type === 'warning') {
      this.host.dispatchEvent(new CosUploadWarningEvent({ ...base, warning: event.warning }));
      return;
    }
    if (event.type === 'progress') {
      this.#progress.set(upload.id, upload);
      this.#frame.schedule();
      return;
    }
    this.#dispatchProgress(upload.id);
    if (event.type === 'added') this.host.dispatchEvent(new CosFileAddedEvent(base));
    else if (event.type === 'start') this.#startedWithoutVeto(upload);
    else if (event.type === 'skipped') this.#vetoAsked.delete(upload.id);
    else if (event.type === 'cancelled' || event.type === 'stored') {
      this.#vetoAsked.delete(upload.id);
      const stored = event.type === 'stored' && upload.result ? { etag: upload.result.etag, location: upload.result.location } : undefined;
      this.host.dispatchEvent(new CosUploadCancelEvent({ ...base, stored, error: upload.error }));
    }
    else if (event.type === 'success' && upload.result) {
      const { etag, location, uploadResult } = upload.result;
      const processing = this.onStored(upload);
      this.host.dispatchEvent(new CosUploadSuccessEvent({ ...base, etag, location, uploadResult, processing }));
    } else if (event.type === 'error') {
      const error = upload.error ?? { code: 'UnknownError', message: 'The upload failed.', status: 0 };
      this.host.dispatchEvent(new CosUploadErrorEvent({ ...base, error }));
    }
    this.#frame.schedule();
  }

  /** A manager built without our hooks still gets cos-upload-start; a veto then cancels the file at once. */
  #startedWithoutVeto(upload: UploadSnapshot): void {
    if (this.#vetoAsked.delete(upload.id)) return;
    if (!this.beforeStart(upload)) void this.#manager?.cancel(upload.id);
    this.#vetoAsked.delete(upload.id);
  }

  #onFrame(): void {
    for (const id of [...this.#progress.keys()]) this.#dispatchProgress(id);
    this.host.requestUpdate();
    this.#tickWhileRetrying();
  }

  /** A row counting down to a retry is redrawn every second until the retry goes out. */
  #tickWhileRetrying(): void {
    if (this.#tick !== undefined || !this.uploads.some((u) => u.retry)) return;
    this.#tick = setTimeout(() => {
      this.#tick = undefined;
      this.host.requestUpdate();
      if (this.#connected) this.#tickWhileRetrying();
    }, 1000);
  }

  /** Sends a file's pending progress now, so it always precedes that file's success or error. */
  #dispatchProgress(id: string): void {
    const upload = this.#progress.get(id);
    if (!upload) return;
    this.#progress.delete(id);
    const detail = { upload, file: upload.file, key: upload.key, loaded: upload.loaded, total: upload.total };
    this.host.dispatchEvent(new CosUploadProgressEvent(detail));
  }
}

/** An attribute in seconds as the client's milliseconds; unset or unreadable keeps the client's default. */
function msOf(seconds: number | undefined): number | undefined {
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
