import { validateKey } from '../core/client-validate.js';
import type { HttpMethod } from '../core/types.js';
import { Denial, deny } from './respond.js';
import type { UploadAction } from './types.js';

/** The body `<cos-uploader sign-url>` POSTs (see docs/security.md). */
export interface SignRequestBody {
  method: HttpMethod;
  pathname: string;
  key: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  bucket?: string;
  region?: string;
  expires?: number;
}

const METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

const bad = (message: string) => new Denial(400, 'InvalidArgument', message);

function stringRecord(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw bad(`${what} must be an object of strings.`);
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') throw bad(`${what}.${name} must be a string.`);
    const lower = name.toLowerCase();
    // Two spellings of one name could be signed one way and read another.
    if (seen.has(lower)) throw bad(`${what} names "${lower}" twice.`);
    seen.add(lower);
    out[lower] = String(raw);
  }
  return out;
}

/** Checks the JSON shape; names of query params and headers come back lower-cased. */
export function parseSignBody(raw: unknown): SignRequestBody {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('Body must be {method, pathname, key, query, headers, bucket, region}.');
  const body = raw as Record<string, unknown>;
  const method = typeof body.method === 'string' ? body.method.toUpperCase() : '';
  if (!METHODS.includes(method as HttpMethod)) throw bad(`method must be one of ${METHODS.join(', ')}.`);
  if (typeof body.pathname !== 'string') throw bad('pathname must be a string.');
  const key = body.key ?? body.pathname.replace(/^\//, '');
  if (typeof key !== 'string') throw bad('key must be a string.');
  for (const field of ['bucket', 'region'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') throw bad(`${field} must be a string.`);
  }
  if (body.expires !== undefined && (typeof body.expires !== 'number' || !Number.isFinite(body.expires))) throw bad('expires must be a number of seconds.');
  return {
    method: method as HttpMethod,
    pathname: body.pathname,
    key,
    query: stringRecord(body.query, 'query'),
    headers: stringRecord(body.headers, 'headers'),
    bucket: body.bucket as string | undefined,
    region: body.region as string | undefined,
    expires: body.expires as number | undefined,
  };
}

/** Query params each action may carry; anything else (`?acl`, `?tagging`, `?append`…) is another API and is refused. */
const PARAMS: Record<string, { required: string[]; optional: string[] }> = {
  PutObject: { required: [], optional: [] },
  UploadPart: { required: ['partnumber', 'uploadid'], optional: [] },
  InitiateMultipartUpload: { required: ['uploads'], optional: [] },
  CompleteMultipartUpload: { required: ['uploadid'], optional: [] },
  AbortMultipartUpload: { required: ['uploadid'], optional: [] },
  ListParts: { required: ['uploadid'], optional: ['max-parts', 'part-number-marker', 'encoding-type'] },
  ListMultipartUploads: { required: ['uploads', 'prefix'], optional: ['max-uploads', 'key-marker', 'upload-id-marker', 'encoding-type', 'delimiter'] },
  ImageProcess: { required: ['image_process'], optional: [] },
  HeadObject: { required: [], optional: [] },
  GetObject: { required: [], optional: [] },
  DeleteObject: { required: [], optional: [] },
};

/** The COS API a request calls, told from its method, key and action params. */
export function detectAction(method: HttpMethod, key: string, query: Record<string, string>): UploadAction | undefined {
  const has = (name: string) => name in query;
  if (!key) return method === 'GET' && has('uploads') ? 'ListMultipartUploads' : undefined;
  switch (method) {
    case 'PUT': return has('partnumber') || has('uploadid') ? 'UploadPart' : 'PutObject';
    case 'POST':
      if (has('uploads')) return 'InitiateMultipartUpload';
      if (has('uploadid')) return 'CompleteMultipartUpload';
      return has('image_process') ? 'ImageProcess' : undefined;
    case 'GET': return has('uploadid') ? 'ListParts' : 'GetObject';
    case 'HEAD': return 'HeadObject';
    case 'DELETE': return has('uploadid') ? 'AbortMultipartUpload' : 'DeleteObject';
  }
  return undefined;
}

export function checkParams(action: UploadAction, query: Record<string, string>): void {
  const allowed = PARAMS[action];
  for (const name of allowed.required) {
    if (!(name in query)) throw deny('AccessDenied', `${action} needs the "${name}" parameter.`);
  }
  for (const name of Object.keys(query)) {
    const ok = allowed.required.includes(name) || allowed.optional.includes(name) || (action === 'GetObject' && name.startsWith('response-'));
    if (!ok) throw deny('AccessDenied', `This backend does not sign "${name}" on ${action}: only upload requests are signed.`);
  }
  if (action === 'UploadPart' && !/^(?:[1-9]\d{0,3}|10000)$/.test(query.partnumber)) {
    throw deny('InvalidArgument', `partNumber must be 1-10000, got "${query.partnumber}".`);
  }
}

/** The key must be a valid COS key strictly inside the user's prefix, and the path the one COS will see. */
export function checkObjectKey(key: string, pathname: string, prefix: string): void {
  if (pathname !== '/' + key) throw deny('AccessDenied', `pathname ${JSON.stringify(pathname)} does not match key ${JSON.stringify(key)}.`);
  try {
    validateKey(key);
  } catch (err) {
    throw deny('InvalidKey', (err as Error).message);
  }
  if (!key.startsWith(prefix) || key.length === prefix.length) {
    throw deny('AccessDenied', `Key ${JSON.stringify(key)} is outside your prefix "${prefix}".`);
  }
}

/** Headers that would change who can read the object or copy someone else's into it. */
const FORBIDDEN_HEADER = /^(x-cos-acl|x-cos-grant-.*|x-cos-copy-source.*|x-cos-metadata-directive|x-cos-security-token|x-ci-security-token)$/;

export function checkHeaders(headers: Record<string, string>): void {
  for (const name of Object.keys(headers)) {
    if (FORBIDDEN_HEADER.test(name)) throw deny('AccessDenied', `This backend does not sign the "${name}" header.`);
  }
}

/** A signed body length bounds what COS accepts: it refuses a body whose length differs from the signed one. */
export function checkBodyLength(action: UploadAction, headers: Record<string, string>, maxObjectSize: number): number | undefined {
  if (action !== 'PutObject' && action !== 'UploadPart') return undefined;
  const value = headers['content-length'];
  if (value === undefined || !/^\d{1,16}$/.test(value)) {
    throw deny('AccessDenied', `${action} must be signed with its content-length so its size can be bounded.`);
  }
  const length = Number(value);
  if (length > maxObjectSize) {
    throw deny('EntityTooLarge', `The body is ${length} bytes; this backend signs at most ${maxObjectSize} bytes per object.`);
  }
  return length;
}
