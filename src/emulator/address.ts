import { cosError } from './errors.js';
import { MAX_KEY_BYTES } from '../core/limits.js';

/** One query parameter, decoded; a bare `?uploads` has value ''. Order as received. */
export interface QueryParam {
  name: string;
  value: string;
}

/** Percent-decoding that keeps '+' (COS encodes space as %20) and reports bad escapes as InvalidURI. */
export function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw cosError('InvalidURI', `Could not parse the specified URI: ${value}`);
  }
}

/** Lenient variant for q-url-param-list entries, which may or may not be (double-)encoded (docs/protocol.md#pre-signed-urls). */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function parseQuery(raw: string): QueryParam[] {
  if (!raw) return [];
  return raw.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0
      ? { name: decodeComponent(pair), value: '' }
      : { name: decodeComponent(pair.slice(0, eq)), value: decodeComponent(pair.slice(eq + 1)) };
  });
}

export function queryValue(query: QueryParam[], name: string): string | undefined {
  return query.find((p) => p.name === name)?.value;
}

export function hasQuery(query: QueryParam[], name: string): boolean {
  return query.some((p) => p.name === name);
}

const BUCKET_NAME = /^[a-z\d-]+-\d+$/;

/** How the bucket was named: in the Host, as the first path segment, or not at all (the default bucket). */
export type AddressStyle = 'virtual-host' | 'path' | 'fixed-host';

export type Address =
  | { kind: 'object'; bucket: string; key: string; style: AddressStyle; region?: string }
  | { kind: 'ci'; bucket: string; path: string; style: AddressStyle; region?: string }
  | { kind: 'service'; path: string };

/**
 * Where a request goes (docs/protocol.md#addressing-and-keys):
 * virtual host `<bucket>.cos.<region>.<anything>` (or `.ci.` for picture jobs) → the whole path is the key;
 * otherwise path style `/<bucket>/<key>`, with `/-/…`, `/sts`, `/sign` and `/ci/<bucket>/…` as emulator
 * services; a first segment that is not a bucket name addresses the default bucket (a fixed-host `Domain`).
 */
export function resolveAddress(rawPath: string, host: string, defaultBucket: string): Address {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  const vhost = /^([a-z\d-]+-\d+)\.(cos|ci)\.([a-z\d-]+)\./.exec(hostname);
  if (vhost) {
    const [, bucket, service, region] = vhost;
    if (service === 'ci') return { kind: 'ci', bucket, path: rawPath, style: 'virtual-host', region };
    return { kind: 'object', bucket, key: decodeComponent(rawPath.slice(1)), style: 'virtual-host', region };
  }
  if (rawPath.startsWith('/-/') || rawPath === '/sts' || rawPath === '/sign') return { kind: 'service', path: rawPath };
  const ci = /^\/ci\/([a-z\d-]+-\d+)(\/.*)$/.exec(rawPath);
  if (ci) return { kind: 'ci', bucket: ci[1], path: ci[2], style: 'path' };
  const slash = rawPath.indexOf('/', 1);
  const first = decodeComponent(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
  if (BUCKET_NAME.test(first)) {
    return { kind: 'object', bucket: first, key: slash < 0 ? '' : decodeComponent(rawPath.slice(slash + 1)), style: 'path' };
  }
  return { kind: 'object', bucket: defaultBucket, key: decodeComponent(rawPath.slice(1)), style: 'fixed-host' };
}

/** COS key rules (docs/protocol.md#addressing-and-keys, docs/protocol.md#limits): 1–850 UTF-8 bytes, no leading `/` or `\`, no control characters 24–27. */
export function validateKey(key: string): void {
  if (!key) throw cosError('InvalidURI', 'The object key must not be empty.');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw cosError('KeyTooLong', `Your key is too long (the limit is ${MAX_KEY_BYTES} bytes).`);
  if ([...key].some((c) => c.charCodeAt(0) >= 24 && c.charCodeAt(0) <= 27)) throw cosError('InvalidURI', 'The object key contains a forbidden control character (CAN, EM, SUB or ESC).');
  if (key.startsWith('/') || key.startsWith('\\')) throw cosError('InvalidURI', 'The object key must not start with "/" or "\\".');
}
