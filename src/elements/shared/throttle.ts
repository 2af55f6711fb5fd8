/** A callback run at most once per animation frame; `schedule()` coalesces calls until it runs. */
export interface FrameThrottle {
  schedule(): void;
  /** Runs a pending call now (before an event that must see the latest state). */
  flush(): void;
  cancel(): void;
}

/**
 * Runs `callback` on the next animation frame, or after `fallbackMs` when frames do not come
 * (a background tab pauses requestAnimationFrame while uploads keep going).
 */
export function frameThrottle(callback: () => void, fallbackMs = 100): FrameThrottle {
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clear = () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
  };
  const run = () => {
    clear();
    callback();
  };
  return {
    schedule() {
      if (frame !== undefined || timer !== undefined) return;
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, fallbackMs);
    },
    flush() {
      if (frame !== undefined || timer !== undefined) run();
    },
    cancel: clear,
  };
}
