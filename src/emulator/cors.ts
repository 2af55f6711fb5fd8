import type { IncomingMessage, ServerResponse } from 'node:http';

/** Methods of the bucket rule the SDK demo recommends (docs/protocol.md#cors). */
const ALLOWED_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

/**
 * Headers a browser client must be able to read: ETag (multipart, POST results), Date (clock-skew
 * correction), x-cos-request-id, x-cos-hash-crc64ecma (end-to-end check) and the rest of the list in docs/protocol.md#cors.
 */
export const EXPOSED_HEADERS = [
  'ETag', 'Date', 'Content-Length', 'Content-Range', 'Location', 'x-cos-request-id', 'x-cos-hash-crc64ecma',
  'x-cos-version-id', 'x-cos-acl', 'x-cos-delete-marker', 'x-cos-server-side-encryption', 'x-cos-trace-id',
].join(',');

const MAX_AGE_SECONDS = 600;

/** `*`, an exact origin, or one `*` wildcard inside a value (`http://*.example.com`), as COS rules allow. */
export function originAllowed(origin: string, allowed: string[]): boolean {
  return allowed.some((rule) => {
    if (rule === '*' || rule === origin) return true;
    const star = rule.indexOf('*');
    if (star < 0) return false;
    const head = rule.slice(0, star);
    const tail = rule.slice(star + 1);
    return origin.length >= head.length + tail.length && origin.startsWith(head) && origin.endsWith(tail);
  });
}

/** CORS headers on an actual (non-preflight) response; browsers read exposure from this response. */
export function applyCorsHeaders(req: IncomingMessage, res: ServerResponse, allowed: string[]): void {
  const origin = req.headers.origin;
  if (!origin || !originAllowed(origin, allowed)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  res.setHeader('Vary', 'Origin');
}

export type PreflightResult = { ok: true } | { ok: false; message: string };

/**
 * Answers an OPTIONS preflight like a bucket with the rule of docs/protocol.md#cors (AllowedHeader `*`): echo the requested
 * headers, list the methods. Preflights are never signed. A non-matching request is refused with
 * 403 AccessForbidden by the caller.
 */
export function preflight(req: IncomingMessage, res: ServerResponse, allowed: string[]): PreflightResult {
  const origin = req.headers.origin;
  const method = String(req.headers['access-control-request-method'] ?? '').toUpperCase();
  if (!origin || !method) return { ok: false, message: 'Insufficient information. Origin and Access-Control-Request-Method are required.' };
  if (!originAllowed(origin, allowed)) return { ok: false, message: `CORSResponse: origin ${origin} is not allowed.` };
  if (!ALLOWED_METHODS.includes(method)) return { ok: false, message: `CORSResponse: method ${method} is not allowed.` };
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS.join(','));
  const requested = req.headers['access-control-request-headers'];
  if (requested) res.setHeader('Access-Control-Allow-Headers', requested);
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  res.setHeader('Access-Control-Max-Age', String(MAX_AGE_SECONDS));
  res.setHeader('Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
  return { ok: true };
}
