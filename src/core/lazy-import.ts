import { CosError } from './http/errors.js';

/**
 * A chunk imported once, on first use (docs/bundle-size.md#what-waits-for-its-first-use). When the import fails —
 * the page's own server did not deliver the chunk: a network blip, offline, a page older than a redeploy — the next
 * call tries again, and the failure is a retryable network error, so an upload that needed the chunk waits and
 * retries like after any other failed request instead of failing at once with a bare TypeError.
 */
export function lazyImport<T>(what: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (loading) return loading;
    const attempt: Promise<T> = load().catch((cause: unknown) => {
      if (loading === attempt) loading = undefined;
      throw chunkLoadError(what, cause);
    });
    loading = attempt;
    return attempt;
  };
}

function chunkLoadError(what: string, cause: unknown): CosError {
  if (cause instanceof CosError) return cause;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new CosError({
    code: 'ChunkLoadFailed',
    message: `Could not load ${what} from the page's server: ${detail}`,
    status: 0,
    source: 'network',
    retryable: true,
    cause,
  });
}
