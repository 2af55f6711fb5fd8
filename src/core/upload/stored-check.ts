import { CosError } from '../http/errors.js';
import { decodeFileId, resolveFileId } from '../rules/file-id.js';
import type { ObjectClient } from '../types.js';

/**
 * COS refuses a signature whose time is more than about 15 minutes off its clock, so any clock the
 * client signs with is within that of the server's: an object older than this before the Complete is not ours.
 */
const CLOCK_SLACK_MS = 15 * 60 * 1000;

export interface CompletedCheck {
  client: ObjectClient;
  key: string;
  size: number;
  parts: number;
  /** Local time the Complete was sent; a Last-Modified well before it means an older object. */
  sentAt?: number;
  signal?: AbortSignal;
}

export type CompletedObject = { key: string; etag: string; location: string; uploadResult?: undefined; crc64?: string };

/**
 * What HEAD says is at the key: `stored` when it is this upload's object (same size, a multipart ETag
 * `"<hex>-N"` of as many parts (docs/protocol.md#etags), not older than the Complete), `absent` on 404,
 * `other` for any other object.
 * Other failures (no HEAD permission, network) reject: the caller must not guess.
 */
export async function checkCompleted(check: CompletedCheck): Promise<{ state: 'stored'; object: CompletedObject } | { state: 'absent' | 'other' }> {
  const { client, key } = check;
  if (!client.headObject) throw new CosError({ code: 'Unsupported', message: 'The client cannot HEAD objects', source: 'client', retryable: false });
  let head;
  try {
    head = await client.headObject(key, { signal: check.signal });
  } catch (err) {
    if (err instanceof CosError && (err.status === 404 || err.code === 'NoSuchKey')) return { state: 'absent' };
    throw err;
  }
  const parts = Number(/-(\d+)"?$/.exec(head.etag ?? '')?.[1]);
  const modified = Date.parse(head.lastModified ?? '');
  const fresh = check.sentAt === undefined || Number.isNaN(modified) || modified >= check.sentAt - CLOCK_SLACK_MS;
  if (head.size !== check.size || parts !== check.parts || !fresh || !head.etag) return { state: 'other' };
  return { state: 'stored', object: { key, etag: head.etag, location: client.location?.(key) ?? '', ...(head.crc64 ? { crc64: head.crc64 } : {}) } };
}

/**
 * Keys the Pic-Operations rules write beside the original (fileids resolved against `key`). Rules that
 * name a bucket are left out: this client only reaches its own bucket.
 */
export function processedKeys(key: string, picOperations: string | undefined): string[] {
  if (!picOperations) return [];
  try {
    const value = JSON.parse(picOperations) as { rules?: { fileid?: unknown; bucket?: unknown }[] };
    const rules = Array.isArray(value.rules) ? value.rules : [];
    const keys = rules
      .filter((rule) => typeof rule?.fileid === 'string' && rule.bucket === undefined)
      .map((rule) => resolveFileId(key, decodeFileId(rule.fileid as string)));
    return [...new Set(keys)].filter((output) => output !== key);
  } catch {
    return [];
  }
}
