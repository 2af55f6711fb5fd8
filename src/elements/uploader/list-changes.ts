import type { UploadSnapshot } from '../../core/types.js';
import { ProgressAnnouncer } from './announcer.js';
import type { UploaderStrings } from './strings.js';
import { summarize, type ListSummary } from './summary.js';

/**
 * What changed in the list between two renders, found by identity: snapshots are immutable and
 * replaced when their upload changes, so an unchanged upload keeps the same object. With the same
 * uploads in the same order this is one pointer comparison per row.
 */
export class ListChanges {
  #previous: readonly UploadSnapshot[] = [];

  next(list: readonly UploadSnapshot[]): { changed: UploadSnapshot[]; removed: string[] } {
    const previous = this.#previous;
    this.#previous = list;
    if (list === previous) return { changed: [], removed: [] };
    if (list.length === previous.length) {
      const changed: UploadSnapshot[] = [];
      let sameOrder = true;
      for (let i = 0; i < list.length && sameOrder; i += 1) {
        if (list[i] === previous[i]) continue;
        if (list[i].id === previous[i].id) changed.push(list[i]);
        else sameOrder = false;
      }
      if (sameOrder) return { changed, removed: [] };
    }
    const before = new Map(previous.map((u) => [u.id, u]));
    const changed: UploadSnapshot[] = [];
    for (const upload of list) {
      if (before.get(upload.id) !== upload) changed.push(upload);
      before.delete(upload.id);
    }
    return { changed, removed: [...before.keys()] };
  }
}

/** Per render: the counts and total for the summary header, and what the live region should say. */
export class ListStatus {
  readonly #changes = new ListChanges();
  readonly #announcer = new ProgressAnnouncer();

  update(uploads: readonly UploadSnapshot[], strings: UploaderStrings): { summary: ListSummary; said?: string } {
    const summary = summarize(uploads);
    const { changed, removed } = this.#changes.next(uploads);
    return { summary, said: this.#announcer.next(changed, removed, summary.counts, strings) };
  }
}
