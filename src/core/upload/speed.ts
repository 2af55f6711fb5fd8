/** Upload speed over a sliding window of (time, bytes) samples; ETA from it. */
export class SpeedMeter {
  readonly #windowMs: number;
  readonly #now: () => number;
  #samples: { at: number; loaded: number }[] = [];

  constructor(options: { windowMs?: number; now?: () => number } = {}) {
    this.#windowMs = options.windowMs ?? 5000;
    this.#now = options.now ?? Date.now;
  }

  /** Records the byte count now; a drop (a failed attempt subtracted) restarts the window. */
  sample(loaded: number): void {
    const at = this.#now();
    const last = this.#samples.at(-1);
    if (last && loaded < last.loaded) this.#samples = [];
    this.#samples.push({ at, loaded });
    this.#trim(at);
  }

  /** Milliseconds since the last sample (0 before any). */
  quietFor(): number {
    const last = this.#samples.at(-1);
    return last ? this.#now() - last.at : 0;
  }

  reset(): void {
    this.#samples = [];
  }

  /** Bytes per second over the window; 0 until two samples are at least 100 ms apart. */
  speed(): number {
    const now = this.#now();
    this.#trim(now);
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (!first || !last) return 0;
    // Measure up to now, not the last sample, so a stalled upload's speed decays.
    const elapsed = now - first.at;
    if (elapsed < 100) return 0;
    return Math.max(0, ((last.loaded - first.loaded) * 1000) / elapsed);
  }

  /** Seconds left for `remaining` bytes at the current speed; undefined while the speed is unknown. */
  eta(remaining: number): number | undefined {
    const speed = this.speed();
    return speed > 0 ? Math.max(0, remaining) / speed : undefined;
  }

  /** Keeps the newest sample at or before the window start, so the window stays fully measured. */
  #trim(now: number): void {
    const windowStart = now - this.#windowMs;
    let drop = 0;
    while (drop + 1 < this.#samples.length && this.#samples[drop + 1].at <= windowStart) drop++;
    if (drop > 0) this.#samples.splice(0, drop);
  }
}
