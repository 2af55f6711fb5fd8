import { crc64 } from './crc64.js';

/** Files read together: a group's bytes and count stay small, so a read is short and its buffer soon dropped. */
const GROUP_BYTES = 512 * 1024;
const GROUP_FILES = 64;
/** Larger files are read on their own, as they are sent. */
export const READ_AHEAD_MAX_BYTES = 64 * 1024;

interface Entry {
  file: Blob;
  stillWanted: () => boolean;
  /** Set once its group was read. */
  crc?: string;
}

/**
 * CRC-64s of small files read ahead, many files per read (docs/many-files-throughput.md#small-files-read-together).
 * Each `Blob.arrayBuffer()` of a picked file is a round trip through the browser process; one read of a Blob made
 * of 64 files costs about what one file's does. Groups are read one after another, in the order files were added.
 * A file never waits for the reader: one whose turn comes before its group was read reads itself (uploads outrun
 * the reader only when answers come faster than files can be read). A file no longer wanted (cancelled, paused,
 * removed) is skipped. A failed group read leaves each of its files to read itself, so one unreadable file fails
 * alone. Only the CRC strings are kept, never the bytes.
 */
export class CrcReadAhead {
  readonly #waiting: Entry[] = [];
  readonly #byFile = new WeakMap<Blob, Entry>();
  #next = 0;
  #reading = false;

  /** Queues `file` (at most READ_AHEAD_MAX_BYTES) to be hashed with its neighbours. */
  add(file: Blob, stillWanted: () => boolean): void {
    if (file.size > READ_AHEAD_MAX_BYTES || this.#byFile.has(file)) return;
    const entry: Entry = { file, stillWanted };
    this.#byFile.set(file, entry);
    this.#waiting.push(entry);
    if (!this.#reading) {
      this.#reading = true;
      queueMicrotask(() => void this.#drain());
    }
  }

  /** The file's CRC-64 when its group was read (handed out once), else undefined: read it alone. Forgets the file. */
  take(file: Blob): Promise<string> | undefined {
    const entry = this.#byFile.get(file);
    if (!entry) return undefined;
    this.#byFile.delete(file);
    return entry.crc === undefined ? undefined : Promise.resolve(entry.crc);
  }

  async #drain(): Promise<void> {
    try {
      for (let group = this.#nextGroup(); group.length; group = this.#nextGroup()) await this.#read(group);
    } finally {
      this.#reading = false;
    }
  }

  #nextGroup(): Entry[] {
    const group: Entry[] = [];
    let bytes = 0;
    while (this.#next < this.#waiting.length && group.length < GROUP_FILES) {
      const entry = this.#waiting[this.#next];
      if (group.length && bytes + entry.file.size > GROUP_BYTES) break;
      this.#next += 1;
      // Taken already (it read itself) or no longer wanted.
      if (this.#byFile.get(entry.file) !== entry) continue;
      if (!entry.stillWanted()) {
        this.#byFile.delete(entry.file);
        continue;
      }
      group.push(entry);
      bytes += entry.file.size;
    }
    if (this.#next === this.#waiting.length) {
      this.#waiting.length = 0;
      this.#next = 0;
    }
    return group;
  }

  async #read(group: Entry[]): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await new Blob(group.map((e) => e.file)).arrayBuffer());
    } catch {
      // Each reads itself when its turn comes, so an unreadable file fails with its own error.
      for (const entry of group) if (this.#byFile.get(entry.file) === entry) this.#byFile.delete(entry.file);
      return;
    }
    let offset = 0;
    for (const entry of group) {
      const end = offset + entry.file.size;
      entry.crc = crc64(bytes.subarray(offset, end));
      offset = end;
    }
  }
}
