export type InterruptReason = 'pause' | 'cancel' | 'failed';

/**
 * The abort reason the engine gives its own requests on pause, cancel or a sibling part's failure.
 * Named AbortError so every layer treats it as an abort; it is never reported as an upload error.
 */
export class UploadInterrupted extends Error {
  readonly reason: InterruptReason;

  constructor(reason: InterruptReason) {
    super(`Upload ${reason === 'failed' ? 'stopped after a failure' : reason === 'pause' ? 'paused' : 'cancelled'}`);
    this.name = 'AbortError';
    this.reason = reason;
  }
}

/** Waits `ms`; rejects with the signal's reason when aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
