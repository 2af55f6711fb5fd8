/**
 * Whether the device is online, as the browser reports it (`navigator.onLine` and the window's
 * `online` / `offline` events). Where there are no such events (Node, workers without them) the
 * device always counts as online. docs/networks.md
 */
export interface NetworkStatus {
  readonly online: boolean;
  /** Goes up each time the device goes offline: an attempt that saw it change met an outage. */
  readonly outages: number;
  /** Called on every change; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

interface EventSource {
  addEventListener(type: string, listener: () => void): void;
}

/** A status driven by hand: tests, and pages that know better than the browser (a captive portal check). */
export class ManualNetworkStatus implements NetworkStatus {
  #online: boolean;
  #outages = 0;
  readonly #listeners = new Set<(online: boolean) => void>();

  constructor(online = true) {
    this.#online = online;
  }

  get online(): boolean {
    return this.#online;
  }

  get outages(): number {
    return this.#outages;
  }

  set(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    if (!online) this.#outages += 1;
    for (const listener of [...this.#listeners]) listener(online);
  }

  subscribe(listener: (online: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

let browserStatus: ManualNetworkStatus | undefined;

/** The page's network status, one per page, following the window's online/offline events. */
export function browserNetworkStatus(): NetworkStatus {
  if (browserStatus) return browserStatus;
  const scope = globalThis as unknown as Partial<EventSource> & { navigator?: { onLine?: boolean } };
  browserStatus = new ManualNetworkStatus(scope.navigator?.onLine !== false);
  if (typeof scope.addEventListener === 'function') {
    const status = browserStatus;
    scope.addEventListener('online', () => status.set(true));
    scope.addEventListener('offline', () => status.set(false));
  }
  return browserStatus;
}

/** Resolves when the status is online (at once if it is); an abort rejects with the signal's reason. */
export function whenOnline(status: NetworkStatus, signal?: AbortSignal): Promise<void> {
  if (status.online) return Promise.resolve();
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const done = () => {
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(signal?.reason);
    };
    const unsubscribe = status.subscribe((online) => {
      if (!online) return;
      done();
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
