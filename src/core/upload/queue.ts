/**
 * Request priorities: finishing a file (complete/abort) goes first, then parts of
 * files already started, then requests that start new files, so a started file finishes before new ones begin.
 */
export const RequestPriority = { start: 0, part: 1, finish: 2 } as const;

export interface QueueTaskOptions {
  /** Higher runs first; equal priorities run in the order they were queued. Default 0. */
  priority?: number;
  /** Aborting drops a waiting task (its promise rejects with `signal.reason`); a running task gets it to honour. */
  signal?: AbortSignal;
}

interface Entry {
  start: () => void;
  drop: (reason: unknown) => void;
  settled: boolean;
}

/** FIFO of one priority: an array with a moving head, compacted now and then. */
class Lane {
  items: Entry[] = [];
  head = 0;
  shift(): Entry | undefined {
    while (this.head < this.items.length) {
      const entry = this.items[this.head++];
      if (this.head === this.items.length) {
        // Drained: let go of the entries taken (each holds its task's closures until the array is dropped).
        this.items = [];
        this.head = 0;
      } else if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      if (!entry.settled) return entry;
    }
    return undefined;
  }
}

/** Runs async tasks with a concurrency limit and priorities; can be paused (running tasks finish). */
export class RequestQueue {
  #limit: number;
  #running = 0;
  #waiting = 0;
  #paused = false;
  readonly #lanes = new Map<number, Lane>();
  #priorities: number[] = [];
  /** One abort listener per signal, however many of its tasks wait (a big file queues thousands of parts). */
  readonly #watched = new Map<AbortSignal, { entries: Set<Entry>; onAbort: () => void }>();

  constructor(options: { concurrency?: number } = {}) {
    this.#limit = RequestQueue.#checkLimit(options.concurrency ?? 4);
  }

  static #checkLimit(limit: number): number {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Queue concurrency must be a whole number ≥ 1, got ${limit}`);
    return limit;
  }

  get concurrency(): number {
    return this.#limit;
  }

  set concurrency(limit: number) {
    this.#limit = RequestQueue.#checkLimit(limit);
    this.#pump();
  }

  /** Tasks currently running. */
  get running(): number {
    return this.#running;
  }

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.#waiting;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Queues `task`; resolves or rejects with its outcome. A slot stays taken until the task settles. */
  run<T>(task: () => Promise<T>, options: QueueTaskOptions = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        settled: false,
        drop: (reason) => {
          if (entry.settled) return;
          entry.settled = true;
          this.#waiting--;
          if (signal) this.#unwatch(signal, entry);
          reject(reason);
        },
        start: () => {
          entry.settled = true;
          this.#waiting--;
          if (signal) this.#unwatch(signal, entry);
          this.#running++;
          let outcome: Promise<T>;
          try {
            outcome = Promise.resolve(task());
          } catch (err) {
            outcome = Promise.reject(err);
          }
          outcome.then(resolve, reject).finally(() => {
            this.#running--;
            this.#pump();
          });
        },
      };
      if (signal) this.#watch(signal, entry);
      this.#lane(options.priority ?? 0).items.push(entry);
      this.#waiting++;
      this.#pump();
    });
  }

  /** Stops starting tasks; running ones go on. */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.#pump();
  }

  #watch(signal: AbortSignal, entry: Entry): void {
    let watch = this.#watched.get(signal);
    if (!watch) {
      const entries = new Set<Entry>();
      const onAbort = () => {
        this.#watched.delete(signal);
        for (const waiting of entries) waiting.drop(signal.reason);
      };
      watch = { entries, onAbort };
      this.#watched.set(signal, watch);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    watch.entries.add(entry);
  }

  #unwatch(signal: AbortSignal, entry: Entry): void {
    const watch = this.#watched.get(signal);
    if (!watch) return;
    watch.entries.delete(entry);
    if (watch.entries.size > 0) return;
    signal.removeEventListener('abort', watch.onAbort);
    this.#watched.delete(signal);
  }

  #lane(priority: number): Lane {
    let lane = this.#lanes.get(priority);
    if (!lane) {
      lane = new Lane();
      this.#lanes.set(priority, lane);
      this.#priorities = [...this.#lanes.keys()].sort((a, b) => b - a);
    }
    return lane;
  }

  #next(): Entry | undefined {
    for (const priority of this.#priorities) {
      const entry = this.#lanes.get(priority)?.shift();
      if (entry) return entry;
    }
    return undefined;
  }

  #pump(): void {
    while (!this.#paused && this.#running < this.#limit) {
      const entry = this.#next();
      if (!entry) return;
      entry.start();
    }
  }
}
