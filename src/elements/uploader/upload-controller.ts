import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CosClient } from '../../core/client.js';
import type { UploadManagerApi, UploadManagerOptions, UploadSnapshot } from '../../core/types.js';
import type { ProcessingMode } from '../../events/processing-complete.js';
import { frameThrottle } from '../shared/throttle.js';
import { UploadEventRelay, isActive } from './upload-events.js';
import { loadEngine, loadedEngine, type Engine } from './engine-loader.js';
import { loadFilesView } from './files-view-loader.js';
import { fetchKeysAtIntent, preloadUploads } from './warm-up.js';
import { browserNetworkStatus } from '../../core/http/network.js';
import { hasTokenSource } from '../../core/auth/token-source.js';
import type { UploaderSettings } from './settings.js';

export { SETTINGS, settingsOf, type UploaderSettings } from './settings.js';
export { isActive } from './upload-events.js';
export { preloadUploads } from './warm-up.js';

/** The per-file callbacks the element gives any manager: key naming, Pic-Operations, the start veto. */
export type ManagerHooks = Pick<UploadManagerOptions, 'keyFor' | 'picOperationsFor' | 'headersFor' | 'beforeStart'>;

/** The settings are incomplete: no request can be made. */
export class UploaderConfigError extends Error {
  override name = 'UploaderConfigError';
}

/**
 * From this many files on, changes are drawn at most every SPACED_REDRAW_MS instead of every frame: each redraw
 * of a big list costs the same whatever changed, and thousands of small files would otherwise keep the page drawing
 * at 60 frames a second beside their requests (docs/many-files-throughput.md#redraws-of-big-lists).
 */
export const SPACED_FROM = 1000;
export const SPACED_REDRAW_MS = 250;

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
  #pausedByDisconnect: string[] = [];
  #waiting = 0;
  #intake: Promise<unknown> = Promise.resolve();
  #frame = frameThrottle(() => this.#onFrame(), 100, () => this.#redrawSpacing());
  readonly #events: UploadEventRelay;
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
    this.#events = new UploadEventRelay(host, this.#frame, onStored, (id) => void this.#manager?.cancel(id), () => this.moreComing());
  }

  get manager(): UploadManagerApi | undefined {
    return this.#manager;
  }

  /** The manager's current list (cached by the manager between changes, so cheap to ask every frame). */
  get uploads(): readonly UploadSnapshot[] {
    return this.#manager?.snapshot() ?? [];
  }

  /** Resolves once a redraw already scheduled (spaced out for big lists) has been asked for; at once when none is. */
  redrawn(): Promise<void> {
    return this.#frame.ran();
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
      wasmChecksum: settings.wasmChecksum,
      ...this.hooks,
    });
    this.use(manager);
    this.client = client;
    this.#stale = false;
    return manager;
  }

  /** Asks the page whether a file may start (the cancelable cos-upload-start). */
  beforeStart(upload: UploadSnapshot): boolean {
    return this.#events.beforeStart(upload);
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
    const off = manager.on((event) => this.#events.relay(event));
    this.#detach = () => {
      unsubscribe();
      off();
    };
  }

  /** True while the host still has chosen files to hand over: an empty queue then is not complete yet. */
  moreComing: () => boolean = () => false;

  /** The host handed over its last files: a completion held back meanwhile is sent now if nothing runs. */
  moreDone(): void {
    this.#events.moreDone(this.#manager?.snapshot() ?? []);
  }

  #redrawSpacing(): number {
    const manager = this.#manager;
    const total = manager?.counts ? manager.counts().total : (manager?.snapshot().length ?? 0);
    return total >= SPACED_FROM ? SPACED_REDRAW_MS : 0;
  }

  #onFrame(): void {
    this.#events.flushProgress();
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
}

/** An attribute in seconds as the client's milliseconds; unset or unreadable keeps the client's default. */
function msOf(seconds: number | undefined): number | undefined {
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
