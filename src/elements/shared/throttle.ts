/** A callback run at most once per animation frame; `schedule()` coalesces calls until it runs. */
export interface FrameThrottle {
  schedule(): void;
  /** Runs a pending call now (before an event that must see the latest state). */
  flush(): void;
  cancel(): void;
  /** Resolves once the call pending now has run or was cancelled (at once when none is pending). */
  ran(): Promise<void>;
}

/**
 * Runs `callback` on the next animation frame, or after `fallbackMs` when frames do not come
 * (a background tab pauses requestAnimationFrame while uploads keep going). `spacingMs()` (default 0)
 * is the least time between two runs: a call scheduled sooner waits on a timer for the rest, then for a frame.
 * `flush()` always runs a pending call at once, spacing or not.
 */
export function frameThrottle(callback: () => void, fallbackMs = 100, spacingMs: () => number = () => 0): FrameThrottle {
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = -Infinity;
  let waiters: (() => void)[] = [];
  const clear = () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  const run = () => {
    const done = waiters;
    waiters = [];
    clear();
    lastRun = performance.now();
    try {
      callback();
    } finally {
      for (const resolve of done) resolve();
    }
  };
  /** The frame request itself; `timer` doubles as the "scheduled" flag while a spaced wait runs. */
  const requestFrame = () => {
    frame = requestAnimationFrame(run);
    timer = setTimeout(run, fallbackMs);
  };
  return {
    schedule() {
      if (frame !== undefined || timer !== undefined) return;
      const wait = lastRun + spacingMs() - performance.now();
      if (wait > 0) {
        timer = setTimeout(() => {
          timer = undefined;
          requestFrame();
        }, wait);
      } else {
        requestFrame();
      }
    },
    flush() {
      if (frame !== undefined || timer !== undefined) run();
    },
    cancel: clear,
    ran() {
      if (frame === undefined && timer === undefined) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
