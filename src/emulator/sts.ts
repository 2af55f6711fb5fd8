import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cosError } from './errors.js';

/** Actions a temporary key may be scoped to (names as in cam policies, without `name/cos:`). */
export const SCOPABLE_ACTIONS = [
  'PutObject', 'PostObject', 'InitiateMultipartUpload', 'ListMultipartUploads', 'ListParts', 'UploadPart',
  'CompleteMultipartUpload', 'AbortMultipartUpload', 'GetObject', 'HeadObject', 'ImageProcess', 'DeleteObject',
  'PicJobs', 'ListObjects',
] as const;

/** The STS defaults for an upload widget (docs/protocol.md#credentials: multipart actions included, ListMultipartUploads too). */
export const DEFAULT_UPLOAD_ACTIONS = [
  'PutObject', 'PostObject', 'InitiateMultipartUpload', 'ListMultipartUploads', 'ListParts', 'UploadPart',
  'CompleteMultipartUpload', 'AbortMultipartUpload', 'GetObject', 'HeadObject', 'ImageProcess',
  // Rules of images over 32 MB run as picture jobs after the upload (docs/processing-jobs.md).
  'PicJobs',
];

export interface StsGrant {
  tmpSecretId: string;
  bucket: string;
  prefix: string;
  actions: string[];
  startTime: number;
  expiredTime: number;
  /** Largest Content-Length a PUT or UploadPart may send (the `cos:content-length` condition of a real policy). */
  maxContentLength?: number;
}

export interface StsRequest {
  prefix?: string;
  actions?: string[] | string;
  duration?: number | string;
  maxContentLength?: number | string;
}

/** Actions whose request body is the object's data, so a content-length ceiling applies to them. */
const BODY_ACTIONS = new Set(['PutObject', 'UploadPart']);

export interface StsResponse {
  Credentials: { TmpSecretId: string; TmpSecretKey: string; Token: string };
  StartTime: number;
  ExpiredTime: number;
  Expiration: string;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest();

/** The temporary secret key is derived from the permanent one, so tokens stay valid across restarts. */
function tmpSecretKeyFor(secretKey: string, tmpSecretId: string): string {
  return mac(secretKey, `tmp-secret-key:${tmpSecretId}`).toString('base64url').slice(0, 32);
}

export function normaliseAction(action: string): string {
  return action.trim().replace(/^name\/cos:/, '');
}

/** Validates an STS request and issues a stateless, HMAC-protected token that names its own scope. */
export function issueCredentials(req: StsRequest, bucket: string, secretKey: string, nowSec: number): StsResponse {
  const duration = req.duration === undefined || req.duration === '' ? 1800 : Number(req.duration);
  if (!Number.isInteger(duration) || duration < 1 || duration > 7200) {
    throw cosError('InvalidArgument', 'duration must be an integer number of seconds between 1 and 7200.');
  }
  const rawActions = typeof req.actions === 'string' ? req.actions.split(',') : req.actions;
  const actions = (rawActions?.length ? rawActions : DEFAULT_UPLOAD_ACTIONS).map(normaliseAction).filter(Boolean);
  for (const action of actions) {
    if (action !== '*' && !(SCOPABLE_ACTIONS as readonly string[]).includes(action)) {
      throw cosError('InvalidArgument', `Unknown action "${action}"; known: ${SCOPABLE_ACTIONS.join(', ')}.`);
    }
  }
  const prefix = (req.prefix ?? '').replace(/^\/+/, '');
  const ceiling = req.maxContentLength === undefined || req.maxContentLength === '' ? undefined : Number(req.maxContentLength);
  if (ceiling !== undefined && (!Number.isSafeInteger(ceiling) || ceiling < 0)) {
    throw cosError('InvalidArgument', 'maxContentLength must be a non-negative integer number of bytes.');
  }
  const grant: StsGrant = {
    tmpSecretId: 'AKIDtmp' + randomBytes(16).toString('hex'),
    bucket,
    prefix,
    actions,
    startTime: nowSec,
    expiredTime: nowSec + duration,
    ...(ceiling === undefined ? {} : { maxContentLength: ceiling }),
  };
  const payload = b64url(JSON.stringify(grant));
  const token = `${payload}.${b64url(mac(secretKey, payload))}`;
  return {
    Credentials: { TmpSecretId: grant.tmpSecretId, TmpSecretKey: tmpSecretKeyFor(secretKey, grant.tmpSecretId), Token: token },
    StartTime: grant.startTime,
    ExpiredTime: grant.expiredTime,
    Expiration: new Date(grant.expiredTime * 1000).toISOString(),
  };
}

/** Checks a token's integrity and that it belongs to `tmpSecretId`; returns its grant and secret key. */
export function openToken(token: string, tmpSecretId: string, secretKey: string): { grant: StsGrant; tmpSecretKey: string } {
  const [payload, signature] = token.split('.');
  const expected = payload ? mac(secretKey, payload) : Buffer.alloc(0);
  const given = Buffer.from(signature ?? '', 'base64url');
  if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw cosError('InvalidAccessKeyId', 'The x-cos-security-token is not valid.');
  }
  const grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as StsGrant;
  if (grant.tmpSecretId !== tmpSecretId) {
    throw cosError('InvalidAccessKeyId', 'The x-cos-security-token does not belong to this SecretId.');
  }
  return { grant, tmpSecretKey: tmpSecretKeyFor(secretKey, tmpSecretId) };
}

/**
 * Scope check of a temporary key: the action must be granted, the key (or, for ListMultipartUploads,
 * the listed prefix) must lie under the granted prefix, and a body must respect the grant's size ceiling.
 */
export function checkScope(
  grant: StsGrant, bucket: string, action: string, key: string, listPrefix?: string, contentLength?: string,
): void {
  if (grant.bucket !== bucket) throw cosError('AccessDenied', 'The temporary key is not valid for this bucket.');
  if (!grant.actions.includes('*') && !grant.actions.includes(action)) {
    throw cosError('AccessDenied', `Access Denied: the temporary key does not allow ${action}.`);
  }
  // Picture jobs are granted on the whole bucket, as CI's ci:CreateMediaJobs is (docs/processing-jobs.md).
  if (action === 'PicJobs') return;
  const target = action === 'ListMultipartUploads' || action === 'ListObjects' ? listPrefix ?? '' : key;
  if (!target.startsWith(grant.prefix)) {
    throw cosError('AccessDenied', `Access Denied: "${target}" is outside the temporary key's prefix "${grant.prefix}".`);
  }
  if (grant.maxContentLength !== undefined && BODY_ACTIONS.has(action)) {
    const length = Number(contentLength ?? NaN);
    if (!Number.isFinite(length) || length > grant.maxContentLength) {
      throw cosError('AccessDenied', `Access Denied: the temporary key allows bodies of at most ${grant.maxContentLength} bytes` +
        (Number.isFinite(length) ? `, this one has ${length}.` : ' and this request has no Content-Length.'));
    }
  }
}
