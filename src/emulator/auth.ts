import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { computeSignature } from '../core/auth/sign.js';
import { cosUrlEncode } from '../core/auth/canonical.js';
import { nodeHash } from '../node/node-hash.js';
import { safeDecode, type QueryParam } from './address.js';
import { cosError } from './errors.js';
import { openToken, type StsGrant } from './sts.js';

/** The seven `q-*` fields of a COS signature (docs/protocol.md#signature). */
export interface ParsedAuthorization {
  secretId: string;
  signTime: string;
  keyTime: string;
  headerList: string[];
  urlParamList: string[];
  signature: string;
  /** Where the signature came from: the Authorization header or a pre-signed URL. */
  transport: 'header' | 'query';
}

const REQUIRED = ['q-sign-algorithm', 'q-ak', 'q-sign-time', 'q-key-time', 'q-header-list', 'q-url-param-list', 'q-signature'];

function fromFields(fields: Map<string, string>, transport: 'header' | 'query'): ParsedAuthorization {
  for (const name of REQUIRED) {
    if (!fields.has(name)) throw cosError('AccessDenied', `Invalid Authorization: missing ${name}.`);
  }
  if (fields.get('q-sign-algorithm')!.toLowerCase() !== 'sha1') {
    throw cosError('AccessDenied', 'Invalid Authorization: q-sign-algorithm must be sha1.');
  }
  const list = (v: string) => v.split(';').map((e) => e.trim()).filter(Boolean);
  return {
    secretId: fields.get('q-ak')!,
    signTime: fields.get('q-sign-time')!,
    keyTime: fields.get('q-key-time')!,
    headerList: list(fields.get('q-header-list')!),
    urlParamList: list(fields.get('q-url-param-list')!),
    signature: fields.get('q-signature')!.toLowerCase(),
    transport,
  };
}

/** Finds the signature: `Authorization` header first, else the `q-*` params of a pre-signed URL; none → anonymous. */
export function parseAuthorization(headers: IncomingHttpHeaders, query: QueryParam[]): ParsedAuthorization | undefined {
  const header = headers.authorization;
  if (header) {
    const fields = new Map<string, string>();
    for (const part of header.trim().split('&')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    return fromFields(fields, 'header');
  }
  if (!query.some((p) => p.name === 'q-signature')) return undefined;
  const fields = new Map<string, string>();
  for (const p of query) if (p.name.startsWith('q-') && !fields.has(p.name)) fields.set(p.name, p.value);
  return fromFields(fields, 'query');
}

/** docs/protocol.md#verifying-a-signature `norm`: list entries may arrive raw, encoded, or (pre-signed URLs) double-encoded. */
const norm = (name: string) => cosUrlEncode(safeDecode(name)).toLowerCase();

export interface VerifyInput {
  auth: ParsedAuthorization;
  method: string;
  /** Candidate decoded paths (`/key`); the first one whose signature matches wins. */
  pathnames: string[];
  query: QueryParam[];
  headers: IncomingHttpHeaders;
  nowSec: number;
  maxSkewSeconds: number;
  secretId: string;
  secretKey: string;
}

/** Who made a verified request: the permanent key, or a temporary key with its grant. */
export interface Principal {
  secretId: string;
  grant?: StsGrant;
}

function parseKeyTime(value: string): [number, number] {
  const m = /^(\d+);(\d+)$/.exec(value);
  if (!m) throw cosError('AccessDenied', 'Invalid Authorization: q-sign-time must be "<start>;<end>".');
  return [Number(m[1]), Number(m[2])];
}

function securityToken(headers: IncomingHttpHeaders, query: QueryParam[]): string | undefined {
  const header = headers['x-cos-security-token'] ?? headers['x-ci-security-token'];
  if (typeof header === 'string' && header) return header;
  return query.find((p) => p.name === 'x-cos-security-token' || p.name === 'x-ci-security-token')?.value || undefined;
}

/**
 * Verifies a signature the way docs/protocol.md#verifying-a-signature describes: only the listed headers and params count, values are the
 * received ones (Host and Content-Length included), and the core signer recomputes the signature.
 */
export async function verifySignature(input: VerifyInput): Promise<Principal> {
  const { auth, nowSec } = input;
  let secretKey: string;
  let grant: StsGrant | undefined;
  if (auth.secretId === input.secretId) {
    secretKey = input.secretKey;
  } else {
    const token = securityToken(input.headers, input.query);
    if (!token || !auth.secretId.startsWith('AKIDtmp')) throw cosError('InvalidAccessKeyId');
    const opened = openToken(token, auth.secretId, input.secretKey);
    secretKey = opened.tmpSecretKey;
    grant = opened.grant;
  }
  const [start, end] = parseKeyTime(auth.signTime);
  if (nowSec > end) throw cosError('AccessDenied', 'Request has expired');
  if (start > nowSec + input.maxSkewSeconds) throw cosError('RequestTimeTooSkewed');
  if (auth.keyTime !== auth.signTime) {
    throw cosError('SignatureDoesNotMatch', 'The Signature you specified is invalid: q-key-time differs from q-sign-time.');
  }

  const query: Record<string, string> = {};
  for (const entry of auth.urlParamList) {
    const wanted = norm(entry);
    const param = input.query.find((p) => norm(p.name) === wanted);
    query[param ? param.name : safeDecode(entry)] = param?.value ?? '';
  }
  const headers: Record<string, string> = {};
  for (const entry of auth.headerList) {
    const name = safeDecode(entry).toLowerCase();
    const value = input.headers[name];
    headers[name] = (Array.isArray(value) ? value.join(',') : value ?? '').trim();
  }
  const given = Buffer.from(auth.signature);
  for (const pathname of input.pathnames) {
    const parts = await computeSignature(secretKey, input.method, pathname, query, headers, auth.keyTime, nodeHash);
    const expected = Buffer.from(parts.signature);
    if (expected.length === given.length && timingSafeEqual(expected, given)) {
      if (grant && nowSec > grant.expiredTime) throw cosError('ExpiredToken', 'The provided token has expired.');
      return { secretId: auth.secretId, grant };
    }
  }
  throw cosError('SignatureDoesNotMatch');
}
