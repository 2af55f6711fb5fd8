import { canonicalize, cosUrlEncode } from './canonical.js';
import { getDefaultHash, signKeyFor, type HashProvider } from './hash.js';

/**
 * Options of the official SDKs' static `COS.getAuthorization` (docs/protocol.md#credentials), same names.
 * `SignHeaders: 'all'` signs every header given, which the official doc vectors need (they sign `Date`,
 * which the SDKs' whitelist drops); the default mirrors cos-nodejs-sdk-v5's whitelist exactly.
 */
export interface AuthorizationOptions {
  SecretId: string;
  SecretKey: string;
  Method?: string;
  Key?: string;
  Pathname?: string;
  Query?: Record<string, unknown>;
  Headers?: Record<string, unknown>;
  /** Unix seconds; default now - 1 (as the SDKs do, to tolerate a slightly fast server). */
  StartTime?: number;
  /** Validity in seconds from StartTime; default 900. */
  Expires?: number;
  /** `start;end`; overrides StartTime/Expires. */
  KeyTime?: string;
  /** Milliseconds to add to the local clock (server time minus local time). */
  SystemClockOffset?: number;
  /** With Bucket and Region and no Host header, `Host: <bucket>.cos.<region>.myqcloud.com` is signed. */
  Bucket?: string;
  Region?: string;
  ForceSignHost?: boolean;
  SignHeaders?: 'sdk' | 'all';
}

/** Headers the official SDKs put into the signature besides `x-cos-*` / `x-ci-*` (docs/protocol.md#signed-headers-and-parameters). */
const SIGNABLE_HEADERS = new Set([
  'cache-control', 'content-disposition', 'content-encoding', 'content-length', 'content-md5',
  'content-type', 'expect', 'expires', 'host', 'if-match', 'if-modified-since', 'if-none-match',
  'if-unmodified-since', 'origin', 'range', 'transfer-encoding', 'pic-operations',
]);

export function isSignableHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.includes('x-cos-') || lower.includes('x-ci-') || SIGNABLE_HEADERS.has(lower);
}

export function keyTimeFor(opts: Pick<AuthorizationOptions, 'KeyTime' | 'StartTime' | 'Expires' | 'SystemClockOffset'>, nowMs = Date.now()): string {
  if (opts.KeyTime) return opts.KeyTime;
  const start = opts.StartTime ?? Math.round((nowMs + (opts.SystemClockOffset ?? 0)) / 1000) - 1;
  return `${start};${start + (opts.Expires ?? 900)}`;
}

export function pathnameFor(opts: Pick<AuthorizationOptions, 'Key' | 'Pathname'>): string {
  const path = opts.Pathname ?? opts.Key ?? '';
  return path.startsWith('/') ? path : '/' + path;
}

/** The pieces of a signature, exposed for tests and for the emulator's verifier. */
export interface SignatureParts {
  keyTime: string;
  headerList: string;
  urlParamList: string;
  httpString: string;
  signature: string;
}

export async function computeSignature(
  secretKey: string,
  method: string,
  pathname: string,
  query: Record<string, unknown> | undefined,
  headers: Record<string, unknown> | undefined,
  keyTime: string,
  hash: HashProvider = getDefaultHash(),
): Promise<SignatureParts> {
  const q = canonicalize(query);
  const h = canonicalize(headers);
  const httpString = [method.toLowerCase(), pathname, q.line, h.line, ''].join('\n');
  const stringToSign = ['sha1', keyTime, await hash.sha1Hex(httpString), ''].join('\n');
  const signKey = await signKeyFor(hash, secretKey, keyTime);
  const signature = await hash.hmacSha1Hex(signKey, stringToSign);
  return { keyTime, headerList: h.list, urlParamList: q.list, httpString, signature };
}

/**
 * Computes the `Authorization` value (q-sign-algorithm=sha1) exactly as the official SDKs'
 * `COS.getAuthorization` does (docs/protocol.md#signature). Async because WebCrypto is.
 */
export async function getAuthorization(opts: AuthorizationOptions, hash?: HashProvider): Promise<string> {
  if (!opts.SecretId) throw new TypeError('getAuthorization: missing SecretId');
  if (!opts.SecretKey) throw new TypeError('getAuthorization: missing SecretKey');
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(opts.Headers ?? {})) {
    if (opts.SignHeaders === 'all' || isSignableHeader(name)) headers[name] = value ?? '';
  }
  const hasHost = Object.keys(headers).some((n) => n.toLowerCase() === 'host');
  if (!hasHost && opts.Bucket && opts.Region && opts.ForceSignHost !== false) {
    headers.Host = `${opts.Bucket}.cos.${opts.Region}.myqcloud.com`;
  }
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(opts.Query ?? {})) query[name] = value ?? '';
  const parts = await computeSignature(
    opts.SecretKey,
    opts.Method ?? 'get',
    pathnameFor(opts),
    query,
    headers,
    keyTimeFor(opts),
    hash,
  );
  return formatAuthorization(opts.SecretId, parts);
}

export function formatAuthorization(secretId: string, p: SignatureParts): string {
  return (
    `q-sign-algorithm=sha1&q-ak=${secretId}&q-sign-time=${p.keyTime}&q-key-time=${p.keyTime}` +
    `&q-header-list=${p.headerList}&q-url-param-list=${p.urlParamList}&q-signature=${p.signature}`
  );
}

/**
 * Appends a signature (and the STS token) to a URL as query parameters: a pre-signed URL (docs/protocol.md#pre-signed-urls).
 * `;` is left literal as the SDKs emit it; the token is URL-encoded so `+` survives the query.
 */
export function appendAuthorizationToUrl(url: string, authorization: string, securityToken?: string): string {
  const sep = url.includes('?') ? '&' : '?';
  const token = securityToken ? `&x-cos-security-token=${cosUrlEncode(securityToken)}` : '';
  return url + sep + authorization + token;
}
