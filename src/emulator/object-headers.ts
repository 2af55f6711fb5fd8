import type { IncomingMessage } from 'node:http';
import { cosError } from './errors.js';
import type { ObjectMeta } from './object-store.js';

/** Standard headers a PUT / Initiate / POST form may store and HEAD/GET give back (docs/protocol.md#put-object, docs/protocol.md#head-and-get). */
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires', 'x-cos-storage-class'];
const META_LIMIT_BYTES = 2048;

/**
 * The headers to keep with an object. Empty values are dropped: the browser SDK sends an empty
 * `Cache-Control` on purpose (docs/protocol.md#put-object) and that must not end up stored.
 */
export function storedHeadersFrom(source: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  let metaBytes = 0;
  for (const [rawName, rawValue] of Object.entries(source)) {
    const name = rawName.toLowerCase();
    const value = (Array.isArray(rawValue) ? rawValue.join(',') : rawValue ?? '').trim();
    if (!value) continue;
    if (name.startsWith('x-cos-meta-')) {
      metaBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      out[name] = value;
    } else if (STORED_HEADERS.includes(name)) {
      if (name === 'x-cos-storage-class' && value.toUpperCase() === 'STANDARD') continue;
      out[name] = value;
    }
  }
  if (metaBytes > META_LIMIT_BYTES) throw cosError('InvalidArgument', 'The x-cos-meta-* headers exceed 2 KB in total.');
  return out;
}

export function contentTypeOf(req: IncomingMessage): string {
  return req.headers['content-type']?.trim() || 'application/octet-stream';
}

/** Response headers describing a stored object (HEAD/GET). */
export function objectResponseHeaders(meta: ObjectMeta): Record<string, string> {
  return {
    'Content-Type': meta.contentType,
    ETag: meta.etag,
    'Last-Modified': new Date(meta.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
    'x-cos-hash-crc64ecma': meta.crc64,
    'x-cos-object-type': meta.etag.includes('-') ? 'multipart' : 'normal',
    ...meta.headers,
  };
}

/** GET's `response-*` parameters override the matching response headers (docs/protocol.md#head-and-get). */
export const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-content-type': 'Content-Type',
  'response-content-language': 'Content-Language',
  'response-expires': 'Expires',
  'response-cache-control': 'Cache-Control',
  'response-content-disposition': 'Content-Disposition',
  'response-content-encoding': 'Content-Encoding',
};

const stripEtag = (v: string) => v.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

function etagMatches(header: string, etag: string): boolean {
  const bare = stripEtag(etag);
  return header.split(',').some((candidate) => candidate.trim() === '*' || stripEtag(candidate) === bare);
}

/** RFC 7232 evaluation order: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since. */
export function checkConditions(req: IncomingMessage, meta: ObjectMeta): 'ok' | 'not-modified' {
  const h = req.headers;
  const modifiedSec = Math.floor(meta.lastModified / 1000);
  const since = (v: string) => Math.floor(Date.parse(v) / 1000);
  if (h['if-match'] !== undefined) {
    if (!etagMatches(h['if-match'], meta.etag)) throw cosError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold.');
  } else if (h['if-unmodified-since'] !== undefined) {
    const t = since(h['if-unmodified-since']);
    if (!Number.isNaN(t) && modifiedSec > t) throw cosError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold.');
  }
  if (h['if-none-match'] !== undefined) {
    if (etagMatches(h['if-none-match'], meta.etag)) return 'not-modified';
  } else if (h['if-modified-since'] !== undefined) {
    const t = since(h['if-modified-since']);
    if (!Number.isNaN(t) && modifiedSec <= t) return 'not-modified';
  }
  return 'ok';
}

/** `Range: bytes=a-b | a- | -n` → inclusive range; undefined = whole object; multi-ranges are ignored (full body). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) throw cosError('InvalidRange', 'The requested range is not satisfiable.');
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
  }
  if (start >= size) throw cosError('InvalidRange', 'The requested range is not satisfiable.');
  return { start, end };
}
