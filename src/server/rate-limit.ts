import type { RateLimitCount, RateLimitStore } from './types.js';

/**
 * Fixed-window counters in this process's memory. Fine for one process; several processes behind a
 * load balancer each count on their own, so give them a shared store instead. At most `maxKeys`
 * counters are kept: expired windows are dropped first, then the oldest.
 */
export function createMemoryRateLimitStore(maxKeys = 10_000): RateLimitStore {
  const windows = new Map<string, RateLimitCount>();
  const prune = (now: number) => {
    for (const [key, entry] of windows) if (entry.resetAt <= now) windows.delete(key);
    while (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
  };
  return {
    hit(key, windowMs, now) {
      let entry = windows.get(key);
      if (!entry || entry.resetAt <= now) {
        if (windows.size >= maxKeys) prune(now);
        windows.delete(key);
        entry = { count: 0, resetAt: now - (now % windowMs) + windowMs };
        windows.set(key, entry);
      }
      entry.count += 1;
      return { ...entry };
    },
  };
}
