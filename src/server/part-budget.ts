import { deny } from './respond.js';

/**
 * Each signed part is at most maxObjectSize, but many parts could add up to far more. This remembers the
 * sizes signed per multipart upload (a re-signed part replaces its earlier size) and refuses a part
 * that would take the upload's total over the limit. In memory, at most `maxUploads` uploads (oldest
 * dropped first): a process restart forgets, so treat it as a bound on honest mistakes and casual abuse,
 * not a hard quota (docs/security.md).
 */
export class PartBudget {
  readonly #uploads = new Map<string, Map<number, number>>();

  constructor(readonly maxObjectSize: number, readonly maxUploads = 10_000) {}

  admit(key: string, uploadId: string, partNumber: number, size: number): void {
    const id = `${key}\n${uploadId}`;
    let parts = this.#uploads.get(id);
    if (!parts) {
      if (this.#uploads.size >= this.maxUploads) this.#uploads.delete(this.#uploads.keys().next().value as string);
      parts = new Map();
      this.#uploads.set(id, parts);
    }
    let total = size;
    for (const [number, bytes] of parts) if (number !== partNumber) total += bytes;
    if (total > this.maxObjectSize) {
      throw deny('EntityTooLarge', `The parts of this upload would add up to ${total} bytes; this backend allows at most ${this.maxObjectSize} per object.`);
    }
    parts.set(partNumber, size);
  }
}
