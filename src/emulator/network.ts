import type { IncomingMessage } from 'node:http';

/**
 * Simulated network conditions (docs/integrity-and-wan.md): a fixed latency before every answer and one
 * token bucket that all request bodies share, as if every upload went through the same WAN link.
 */
export class TokenBucket {
  readonly bytesPerSecond: number;
  readonly #burst: number;
  #tokens: number;
  #last = performance.now();
  #turn: Promise<void> = Promise.resolve();

  constructor(bytesPerSecond: number) {
    if (!(Number.isFinite(bytesPerSecond) && bytesPerSecond > 0)) throw new TypeError(`bandwidth must be bytes per second > 0, got ${bytesPerSecond}`);
    this.bytesPerSecond = bytesPerSecond;
    // A few ms worth of bytes: enough to absorb timer jitter, too little to let a burst through.
    this.#burst = Math.max(16 * 1024, bytesPerSecond / 100);
    this.#tokens = this.#burst;
  }

  /** Waits until `bytes` may pass. Callers are served in arrival order, so bodies share the link fairly by chunk. */
  take(bytes: number): Promise<void> {
    const turn = this.#turn.then(() => this.#spend(bytes));
    this.#turn = turn;
    return turn;
  }

  async #spend(bytes: number): Promise<void> {
    const now = performance.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.bytesPerSecond);
    this.#last = now;
    this.#tokens -= bytes;
    // In debt: wait until the refill pays it back; the next caller's refill then starts from about zero.
    if (this.#tokens < 0) await new Promise((resolve) => setTimeout(resolve, (-this.#tokens / this.bytesPerSecond) * 1000));
  }
}

const buckets = new WeakMap<IncomingMessage, TokenBucket>();

/** Every body read of this request (bodyChunks) goes through `bucket`. */
export function throttleBody(req: IncomingMessage, bucket: TokenBucket | undefined): void {
  if (bucket) buckets.set(req, bucket);
}

export function bodyThrottle(req: IncomingMessage): TokenBucket | undefined {
  return buckets.get(req);
}

export function checkLatency(ms: number | undefined): number {
  if (ms === undefined) return 0;
  if (!(Number.isFinite(ms) && ms >= 0)) throw new TypeError(`latency must be milliseconds ≥ 0, got ${ms}`);
  return ms;
}
