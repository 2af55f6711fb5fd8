import type { RetryNotice, UploadSnapshot } from '../types.js';

/**
 * The row's "retrying in N s (k/m)" while the engine waits to retry a request: set from the notice, and gone once
 * more bytes are loaded than when it came (the retry got through) or the attempt ends.
 */
export class RetryNoticeState {
  #notice?: UploadSnapshot['retry'];
  #loadedAt = 0;

  get notice(): UploadSnapshot['retry'] {
    return this.#notice;
  }

  set(notice: RetryNotice, loaded: number, now: number): void {
    const { code, status, host, attempt, maxRetries, delayMs } = notice;
    this.#notice = Object.freeze({ code, status, host, attempt, maxRetries, retryAt: now + delayMs });
    this.#loadedAt = loaded;
  }

  progressed(loaded: number): void {
    if (this.#notice && loaded > this.#loadedAt) this.#notice = undefined;
  }

  clear(): void {
    this.#notice = undefined;
  }
}
