import type { ListedPart, PartPlan, PartSnapshot, PartStatus } from '../types.js';

export interface PartState {
  readonly partNumber: number;
  readonly start: number;
  readonly end: number;
  readonly size: number;
  status: PartStatus;
  loaded: number;
  etag?: string;
  /** CRC-64 of the part's bytes as read from the file, once sent and checked. */
  crc64?: string;
}

/** ETags arrive quoted from headers and XML, and sometimes unquoted (docs/protocol.md#multipart-upload). */
export function sameEtag(a: string, b: string): boolean {
  const bare = (etag: string) => etag.trim().replace(/^"|"$/g, '').toLowerCase();
  return bare(a) === bare(b);
}

/** One multipart upload's parts: their state, the byte total, and cached immutable snapshots. */
export class PartTracker {
  readonly parts: readonly PartState[];
  #loaded = 0;
  readonly #snapshots: PartSnapshot[];
  #list?: readonly PartSnapshot[];

  constructor(plan: readonly PartPlan[]) {
    this.parts = plan.map((p) => ({ ...p, size: p.end - p.start, status: 'pending' as PartStatus, loaded: 0 }));
    this.#snapshots = this.parts.map((p) => PartTracker.#freeze(p));
  }

  static #freeze(part: PartState): PartSnapshot {
    return Object.freeze({ partNumber: part.partNumber, size: part.size, loaded: part.loaded, status: part.status });
  }

  /** Bytes of finished parts plus bytes in flight. */
  get loaded(): number {
    return this.#loaded;
  }

  get doneCount(): number {
    return this.parts.filter((p) => p.status === 'done').length;
  }

  missing(): PartState[] {
    return this.parts.filter((p) => p.status !== 'done');
  }

  update(part: PartState, status: PartStatus, loaded: number, etag?: string): void {
    this.#loaded += loaded - part.loaded;
    part.status = status;
    part.loaded = loaded;
    if (etag !== undefined) part.etag = etag;
    this.#snapshots[part.partNumber - 1] = PartTracker.#freeze(part);
    this.#list = undefined;
  }

  /** Parts cut short by a pause or failure go back to pending, their bytes subtracted. */
  resetInFlight(): void {
    for (const part of this.parts) if (part.status === 'uploading') this.update(part, 'pending', 0);
  }

  /** Every part pending again: the upload they belonged to is gone. */
  reset(): void {
    for (const part of this.parts) if (part.status !== 'pending' || part.loaded !== 0) this.update(part, 'pending', 0);
    for (const part of this.parts) {
      part.etag = undefined;
      part.crc64 = undefined;
    }
  }

  /** Failed parts become pending again (a retry of the file). */
  resetFailed(): void {
    for (const part of this.parts) if (part.status === 'failed') this.update(part, 'pending', 0);
  }

  /**
   * Marks as done the parts the server lists with the planned size and, where the record knows the
   * part's ETag, the same ETag. Returns how many were accepted.
   */
  applyListed(listed: readonly ListedPart[], known: Readonly<Record<number, string>>): number {
    let accepted = 0;
    for (const item of listed) {
      const part = this.parts[item.partNumber - 1];
      if (!part || part.partNumber !== item.partNumber || part.status === 'done' || item.size !== part.size) continue;
      const recorded = known[item.partNumber];
      if (recorded !== undefined && !sameEtag(recorded, item.etag)) continue;
      this.update(part, 'done', part.size, item.etag);
      accepted++;
    }
    return accepted;
  }

  /** partNumber → ETag of every finished part (the resume record's `parts`). */
  doneEtags(): Record<number, string> {
    const out: Record<number, string> = {};
    for (const part of this.parts) if (part.status === 'done' && part.etag !== undefined) out[part.partNumber] = part.etag;
    return out;
  }

  /** The part list CompleteMultipartUpload needs: every part, ascending. */
  completionList(): { partNumber: number; etag: string }[] {
    return this.parts.map((p) => {
      if (p.etag === undefined) throw new Error(`Part ${p.partNumber} has no ETag`);
      return { partNumber: p.partNumber, etag: p.etag };
    });
  }

  snapshot(): readonly PartSnapshot[] {
    this.#list ??= Object.freeze(this.#snapshots.slice());
    return this.#list;
  }
}
