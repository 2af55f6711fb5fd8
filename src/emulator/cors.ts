import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchRule, wildcardMatch, type CorsConfig, type CorsRule } from './cors-rules.js';

/** Methods of the bucket rule the SDK demo recommends (docs/protocol.md#cors). */
const ALLOWED_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

/**
 * Headers a browser client must be able to read: ETag (multipart, POST results), Date (clock-skew
 * correction), x-cos-request-id, x-cos-hash-crc64ecma (end-to-end check) and the rest of the list in docs/protocol.md#cors.
 */
export const EXPOSED_HEADERS = [
  'ETag', 'Date', 'Content-Length', 'Content-Range', 'Location', 'x-cos-request-id', 'x-cos-hash-crc64ecma',
  'x-cos-version-id', 'x-cos-acl', 'x-cos-delete-marker', 'x-cos-server-side-encryption', 'x-cos-trace-id',
  'x-cos-bucket-region',
].join(',');

const MAX_AGE_SECONDS = 600;

/** `*`, an exact origin, or one `*` wildcard inside a value (`http://*.example.com`), as COS rules allow. */
export function originAllowed(origin: string, allowed: string[]): boolean {
  return allowed.some((rule) => wildcardMatch(origin, rule));
}

/** The permissive default: the origins of the emulator's options, every method and header, everything exposed. */
function defaultRule(allowedOrigins: string[]): CorsRule {
  return {
    allowedOrigins,
    allowedMethods: ALLOWED_METHODS,
    allowedHeaders: ['*'],
    exposeHeaders: EXPOSED_HEADERS.split(','),
    maxAgeSeconds: MAX_AGE_SECONDS,
  };
}

function rulesOf(config: CorsConfig, allowedOrigins: string[]): CorsRule[] {
  return config.kind === 'default' ? [defaultRule(allowedOrigins)] : config.rules;
}

/**
 * CORS headers on an actual (non-preflight) response, from the first rule matching its origin and method;
 * browsers read exposure from this response, so a rule without ETag hides ETag here.
 */
export function applyCorsHeaders(req: IncomingMessage, res: ServerResponse, config: CorsConfig, allowedOrigins: string[]): void {
  const origin = req.headers.origin;
  if (!origin) return;
  const rule = matchRule(rulesOf(config, allowedOrigins), origin, (req.method ?? 'GET').toUpperCase());
  if (config.kind === 'default' || config.responseVary) res.setHeader('Vary', 'Origin');
  if (!rule) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  if (rule.exposeHeaders.length) res.setHeader('Access-Control-Expose-Headers', rule.exposeHeaders.join(','));
}

export type PreflightResult = { ok: true } | { ok: false; message: string };

/**
 * Answers an OPTIONS preflight from the first rule allowing the origin, the method and every requested
 * header (docs/protocol.md#cors, docs/doctor.md): echo the requested headers, list the rule's methods and
 * exposed headers. Preflights are never signed. A non-matching request is refused with 403 AccessForbidden by the caller.
 */
export function preflight(req: IncomingMessage, res: ServerResponse, config: CorsConfig, allowedOrigins: string[]): PreflightResult {
  const origin = req.headers.origin;
  const method = String(req.headers['access-control-request-method'] ?? '').toUpperCase();
  if (!origin || !method) return { ok: false, message: 'Insufficient information. Origin and Access-Control-Request-Method are required.' };
  const requested = String(req.headers['access-control-request-headers'] ?? '');
  const headers = requested.split(',').map((h) => h.trim()).filter(Boolean);
  const rules = rulesOf(config, allowedOrigins);
  const rule = matchRule(rules, origin, method, headers);
  if (!rule) {
    if (!rules.some((r) => originAllowed(origin, r.allowedOrigins))) return { ok: false, message: `CORSResponse: origin ${origin} is not allowed.` };
    return { ok: false, message: `CORSResponse: no rule allows ${method} with headers [${headers.join(', ')}] from ${origin}.` };
  }
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', rule.allowedMethods.join(','));
  if (requested) res.setHeader('Access-Control-Allow-Headers', requested);
  if (rule.exposeHeaders.length) res.setHeader('Access-Control-Expose-Headers', rule.exposeHeaders.join(','));
  if (rule.maxAgeSeconds !== undefined) res.setHeader('Access-Control-Max-Age', String(rule.maxAgeSeconds));
  res.setHeader('Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
  return { ok: true };
}
