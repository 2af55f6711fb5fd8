// Runs the real core (served by Vite from src/) in Chromium: one file through a CosClient and an
// UploadManager set up by the test, returning what the manager reported. Used by the network tests.
import type { Page } from 'playwright';

export interface PageUploadOptions {
  /** Endpoint template, e.g. `${proxy.url}/cos/{Bucket}`. */
  endpoint: string;
  key: string;
  size: number;
  seed: number;
  client?: Record<string, unknown>;
  manager?: Record<string, unknown>;
  /** The manager is told the network is always up (its queue never pauses): only the client's offline handling acts. */
  managerIgnoresOffline?: boolean;
}

export interface PageUploadResult {
  status: string;
  error?: { code: string; message: string };
  /** Codes of the retry notices the rows would have shown, in order. */
  retries: string[];
  elapsedMs: number;
}

/** Starts the upload and leaves it running; `window.__upload` resolves with the result. */
export async function startPageUpload(page: Page, options: PageUploadOptions): Promise<void> {
  await page.evaluate(async (o) => {
    const core = await import('/src/core/index.ts' as string);
    const { bytesOf } = await import('/test/shared/bytes.ts' as string);
    const info = await (await fetch('/cos/-/info')).json();
    const client = new core.CosClient({
      bucket: info.bucket, region: info.region, endpoint: o.endpoint,
      tokenProvider: core.createStsTokenProvider({ url: `${location.origin}/cos/sts` }),
      backoff: { baseMs: 50, maxMs: 200 },
      ...o.client,
    });
    const network = o.managerIgnoresOffline ? new core.ManualNetworkStatus(true) : undefined;
    // These tests time PUTs through a proxy that matches them by method and key; POST Object (the small-file
    // default with temporary keys) would go to the bucket's root instead.
    const manager = new core.UploadManager({ client, resumeStore: new core.MemoryResumeStore(), keyFor: () => o.key, network, postObject: false, ...o.manager });
    const retries: string[] = [];
    let lastRetry: unknown;
    manager.subscribe((uploads: { retry?: { code: string } }[]) => {
      const retry = uploads[0]?.retry;
      if (retry && retry !== lastRetry) retries.push(retry.code);
      lastRetry = retry;
    });
    const started = performance.now();
    const w = window as unknown as Record<string, unknown>;
    w.__manager = manager;
    manager.add([new File([bytesOf(o.size, o.seed)], o.key)]);
    w.__upload = manager.idle().then(() => {
      const [upload] = manager.snapshot();
      return { status: upload.status, error: upload.error, retries, elapsedMs: performance.now() - started };
    });
  }, options);
}

/**
 * Runs the upload to its end. An upload still unsettled after `limitMs` comes back as status 'unsettled' with the
 * manager's snapshot in `error.message` (status, parts, retry), so a hang fails with where it stood, not a bare
 * test timeout.
 */
export async function pageUpload(page: Page, options: PageUploadOptions, limitMs = 120_000): Promise<PageUploadResult> {
  await startPageUpload(page, options);
  return page.evaluate((limit) => {
    const w = window as unknown as { __upload: Promise<PageUploadResult>; __manager: { snapshot(): unknown[] } };
    const unsettled = new Promise<PageUploadResult>((resolve) => setTimeout(() => resolve({
      status: 'unsettled',
      error: { code: 'Unsettled', message: JSON.stringify(w.__manager.snapshot(), (k, v) => (k === 'file' ? undefined : v)) },
      retries: [],
      elapsedMs: limit,
    }), limit));
    return Promise.race([w.__upload, unsettled]);
  }, limitMs);
}
