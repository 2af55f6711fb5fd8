import type { UploadChange, UploadCounts, UploadSnapshot, UploadStatus } from '../types.js';

/** What the feed needs from each upload: an id, a status and a (cached) snapshot. */
export interface FeedItem {
  readonly id: string;
  readonly status: UploadStatus;
  snapshot(): UploadSnapshot;
}

/** One listed item, the status it is counted under, and its place in the last built list. */
interface Entry<T> {
  item: T;
  status: UploadStatus;
  at: number;
}

const STATUSES: readonly UploadStatus[] = ['queued', 'uploading', 'paused', 'completing', 'done', 'failed', 'cancelled', 'stored'];

/**
 * The manager's list and its notifications, built so that many files cost O(1) per change
 * (docs/many-files.md): counts per state are kept as statuses move, the snapshot list is patched
 * only where uploads changed, and listeners hear at most once per microtask batch, with the ids.
 */
export class ChangeFeed<T extends FeedItem> {
  /** One map for item, counted status and position: thousands of files each cost one entry, not three. */
  readonly #items = new Map<string, Entry<T>>();
  readonly #counts: Record<UploadStatus, number> = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<UploadStatus, number>;
  readonly #listeners = new Set<(change: UploadChange) => void>();
  /** Ids changed since the last notification. */
  #pending = new Set<string>();
  #membership = false;
  #scheduled = false;
  #nudged = false;
  /** The last built list, its positions, and the ids that changed since it was built. */
  #list?: readonly UploadSnapshot[];
  #stale = new Set<string>();
  #listMembership = true;

  constructor(private readonly report: (err: unknown) => void) {}

  get(id: string): T | undefined {
    return this.#items.get(id)?.item;
  }

  has(id: string): boolean {
    return this.#items.has(id);
  }

  *values(): IterableIterator<T> {
    for (const entry of this.#items.values()) yield entry.item;
  }

  get size(): number {
    return this.#items.size;
  }

  add(item: T): void {
    this.#items.set(item.id, { item, status: item.status, at: -1 });
    this.#counts[item.status] += 1;
    this.#membershipChanged();
    this.touch(item);
  }

  delete(id: string): T | undefined {
    const entry = this.#items.get(id);
    if (!entry) return undefined;
    this.#items.delete(id);
    this.#counts[entry.status] -= 1;
    this.#pending.add(id);
    this.#membershipChanged();
    this.#schedule();
    return entry.item;
  }

  /** Puts `item` in the place of the listed item with its id (a leaner stand-in for a finished upload). */
  replace(item: T): void {
    const entry = this.#items.get(item.id);
    if (!entry) return;
    entry.item = item;
    this.touch(item);
  }

  /** An item's snapshot changed: counts follow its status, and a notification is scheduled. */
  touch(item: T): void {
    const entry = this.#items.get(item.id);
    if (entry === undefined) return;
    if (entry.status !== item.status) {
      this.#counts[entry.status] -= 1;
      this.#counts[item.status] += 1;
      entry.status = item.status;
    }
    this.#pending.add(item.id);
    this.#stale.add(item.id);
    this.#schedule();
  }

  counts(): UploadCounts {
    return Object.freeze({ ...this.#counts, total: this.#items.size });
  }

  /** Queued, running or completing. */
  get busy(): boolean {
    return this.#counts.queued + this.#counts.uploading + this.#counts.completing > 0;
  }

  /** Every upload done, failed or cancelled (a paused one is not settled). */
  get settled(): boolean {
    return !this.busy && this.#counts.paused === 0;
  }

  /** The list in add order; rebuilt when uploads join or leave, else patched where they changed. */
  list(): readonly UploadSnapshot[] {
    if (this.#list && !this.#listMembership && this.#stale.size === 0) return this.#list;
    if (!this.#list || this.#listMembership) {
      const list: UploadSnapshot[] = [];
      for (const entry of this.#items.values()) {
        entry.at = list.length;
        list.push(entry.item.snapshot());
      }
      this.#list = Object.freeze(list);
    } else {
      const list = this.#list.slice();
      for (const id of this.#stale) {
        const entry = this.#items.get(id);
        if (entry && entry.at >= 0) list[entry.at] = entry.item.snapshot();
      }
      this.#list = Object.freeze(list);
    }
    this.#stale.clear();
    this.#listMembership = false;
    return this.#list;
  }

  listen(listener: (change: UploadChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Something listeners show changed outside the snapshots (the network): notify even without changed ids. */
  nudge(): void {
    this.#nudged = true;
    this.#schedule();
  }

  /** Sends what is pending now (before an event that must see it, such as the queue's completion). */
  flush(): void {
    if (this.#pending.size === 0 && !this.#membership && !this.#nudged) return;
    this.#nudged = false;
    const change: UploadChange = { changed: this.#pending, membership: this.#membership, counts: this.counts() };
    this.#pending = new Set();
    this.#membership = false;
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (err) {
        this.report(err);
      }
    }
  }

  #membershipChanged(): void {
    this.#membership = true;
    this.#listMembership = true;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.flush();
    });
  }
}
