import type { ResumeRecord, ResumeStore } from '../types.js';
import { fingerprintFile, type FingerprintInput } from './fingerprint.js';

/** Lets one upload per fingerprint use the resume record (two uploads of the same file must not share one). */
export interface FingerprintClaims {
  claim(fingerprint: string, id: string): boolean;
  release(fingerprint: string, id: string): void;
}

/**
 * One upload's resume record. Store failures (private mode, quota) never fail the upload: they only
 * cost the ability to resume after a reload. Writes are chained so they land in order, and coalesced.
 */
export class ResumeKeeper {
  readonly #store: ResumeStore;
  readonly #claims: FingerprintClaims;
  readonly #id: string;
  #fingerprint?: string;
  #claimed = false;
  #chain: Promise<void> = Promise.resolve();
  #writeQueued = false;

  constructor(store: ResumeStore, claims: FingerprintClaims, id: string) {
    this.#store = store;
    this.#claims = claims;
    this.#id = id;
  }

  get identified(): boolean {
    return this.#fingerprint !== undefined;
  }

  /** Computes the file's fingerprint (reads 128 KiB; rejects when the file is unreadable) and claims it. */
  async identify(input: FingerprintInput): Promise<void> {
    if (this.#fingerprint !== undefined) return;
    const fingerprint = await fingerprintFile(input);
    if (this.#fingerprint !== undefined) return;
    this.#fingerprint = fingerprint;
    this.#claimed = this.#claims.claim(fingerprint, this.#id);
  }

  async load(): Promise<ResumeRecord | undefined> {
    if (!this.#claimed || !this.#fingerprint) return undefined;
    return this.#store.get(this.#fingerprint).catch(() => undefined);
  }

  /** Saves the record `build` returns when the write runs (undefined: nothing to save). */
  save(build: (fingerprint: string) => ResumeRecord | undefined): void {
    if (!this.#claimed || this.#writeQueued) return;
    this.#writeQueued = true;
    this.#chain = this.#chain.then(() => {
      this.#writeQueued = false;
      const record = this.#fingerprint === undefined ? undefined : build(this.#fingerprint);
      return record && this.#store.put(record);
    }).catch(() => undefined);
  }

  forget(): void {
    const fingerprint = this.#fingerprint;
    if (!this.#claimed || !fingerprint) return;
    this.#chain = this.#chain.then(() => this.#store.delete(fingerprint)).catch(() => undefined);
  }

  /** Gives the fingerprint back (the upload is done or cancelled). */
  release(): void {
    if (this.#claimed && this.#fingerprint) this.#claims.release(this.#fingerprint, this.#id);
  }

  /** Resolves when every queued write has landed. */
  settled(): Promise<void> {
    return this.#chain;
  }
}
