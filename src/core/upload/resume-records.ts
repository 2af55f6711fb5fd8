import { CosError } from '../http/errors.js';
import type { ObjectClient, ResumeRecord, ResumeStore } from '../types.js';

/** How long a resume record (and its file handle) is kept without progress: 7 days (docs/resume.md#expiry). */
export const DEFAULT_RESUME_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface InterruptedUploadsOptions {
  store: ResumeStore;
  client: Pick<ObjectClient, 'abortMultipartUpload'>;
  /** Records idle longer than this expire. */
  maxAgeMs: number;
  now: number;
  /** True for a record an upload of this page holds (it is running, not interrupted). */
  busy?: (fingerprint: string) => boolean;
}

/**
 * The uploads an earlier page left unfinished, oldest first. Expired records go on the way: their multipart
 * upload is aborted on COS (unfinished parts are billed) and the record deleted. A store that cannot list,
 * or fails to, gives none: resuming is a convenience, never a reason to fail the page.
 */
export async function interruptedUploads(options: InterruptedUploadsOptions): Promise<ResumeRecord[]> {
  const { store, client, maxAgeMs, now, busy } = options;
  const records = (await store.list?.().catch(() => undefined)) ?? [];
  const fresh: ResumeRecord[] = [];
  const expired: ResumeRecord[] = [];
  for (const record of records) {
    if (busy?.(record.fingerprint)) continue;
    (now - record.updatedAt > maxAgeMs ? expired : fresh).push(record);
  }
  await Promise.all(expired.map((record) => discardUpload(store, client, record)));
  return fresh.sort((a, b) => a.updatedAt - b.updatedAt);
}

/**
 * Aborts a recorded upload on COS and deletes its record. Best effort: when COS cannot be reached (a
 * network error, a 5xx) the record stays so the next page tries again; any other answer settles it.
 * Resolves with whether the upload is known gone from COS.
 */
export async function discardUpload(store: ResumeStore, client: Pick<ObjectClient, 'abortMultipartUpload'>, record: ResumeRecord): Promise<boolean> {
  try {
    await client.abortMultipartUpload(record.key, record.uploadId);
  } catch (err) {
    const settled = err instanceof CosError && !err.retryable;
    if (!settled) return false;
    if (err.code !== 'NoSuchUpload') {
      await store.delete(record.fingerprint).catch(() => undefined);
      return false;
    }
  }
  await store.delete(record.fingerprint).catch(() => undefined);
  return true;
}
