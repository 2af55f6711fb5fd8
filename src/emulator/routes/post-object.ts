import { timingSafeEqual } from 'node:crypto';
import { encodeKeyPath } from '../../core/auth/canonical.js';
import { nodeHash } from '../../node/node-hash.js';
import { validateKey } from '../address.js';
import { bodyChunks, HashingFileWriter, type WrittenFile } from '../body.js';
import { sendEmpty, sendXml, type RequestContext } from '../context.js';
import { cosError } from '../errors.js';
import { boundaryOf, parseForm } from '../form-data.js';
import { storedHeadersFrom } from '../object-headers.js';
import { checkScope, openToken, type StsGrant } from '../sts.js';
import { xmlDocument } from '../xml.js';
import { answeredCrc, MAX_SINGLE_UPLOAD_BYTES } from './params.js';

type Fields = Map<string, string>;

const policyFailure = (why: string) => cosError('AccessDenied', `Invalid according to Policy: ${why}`);

function fieldValue(fields: Fields, name: string): string | undefined {
  return fields.get(name.toLowerCase());
}

/** Verifies the form's policy signature (docs/protocol.md#form-upload-policy) and returns the parsed policy conditions. */
async function verifyPolicy(ctx: RequestContext, fields: Fields, nowSec: number): Promise<{ conditions: unknown[]; grant?: StsGrant }> {
  const { state } = ctx;
  const policyB64 = fieldValue(fields, 'policy');
  const signature = fieldValue(fields, 'q-signature');
  const secretId = fieldValue(fields, 'q-ak');
  const keyTime = fieldValue(fields, 'q-key-time') ?? fieldValue(fields, 'q-sign-time');
  if (!policyB64 || !signature || !secretId || !keyTime) throw cosError('AccessDenied', 'Access Denied. The form needs policy, q-ak, q-key-time and q-signature.');
  if ((fieldValue(fields, 'q-sign-algorithm') ?? 'sha1').toLowerCase() !== 'sha1') throw cosError('AccessDenied', 'q-sign-algorithm must be sha1.');
  let secretKey = state.secretKey;
  let grant: StsGrant | undefined;
  if (secretId !== state.secretId) {
    const token = fieldValue(fields, 'x-cos-security-token');
    if (!token) throw cosError('InvalidAccessKeyId');
    const opened = openToken(token, secretId, state.secretKey);
    secretKey = opened.tmpSecretKey;
    grant = opened.grant;
    if (nowSec > grant.expiredTime) throw cosError('ExpiredToken', 'The provided token has expired.');
  }
  const m = /^(\d+);(\d+)$/.exec(keyTime);
  if (!m) throw cosError('AccessDenied', 'q-key-time must be "<start>;<end>".');
  if (nowSec > Number(m[2])) throw cosError('AccessDenied', 'Request has expired');
  if (Number(m[1]) > nowSec + state.maxSkewSeconds) throw cosError('RequestTimeTooSkewed');
  const policyText = Buffer.from(policyB64, 'base64').toString('utf8');
  const signKey = await nodeHash.hmacSha1Hex(secretKey, keyTime);
  const expected = Buffer.from(await nodeHash.hmacSha1Hex(signKey, await nodeHash.sha1Hex(policyText)));
  const given = Buffer.from(signature.toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw cosError('SignatureDoesNotMatch');
  let policy: { expiration?: string; conditions?: unknown[] };
  try {
    policy = JSON.parse(policyText);
  } catch {
    throw cosError('InvalidPolicyDocument', 'Invalid Policy: the policy is not valid JSON.');
  }
  if (!Array.isArray(policy.conditions)) throw cosError('InvalidPolicyDocument', 'Invalid Policy: conditions must be an array.');
  const expiration = Date.parse(policy.expiration ?? '');
  if (Number.isNaN(expiration)) throw cosError('InvalidPolicyDocument', 'Invalid Policy: expiration is missing or not a date.');
  if (expiration < nowSec * 1000) throw policyFailure('Policy expired.');
  return { conditions: policy.conditions, grant };
}

/** Every condition must hold; returns the content-length-range to check once the file arrived. */
function checkConditions(ctx: RequestContext, fields: Fields, conditions: unknown[]): [number, number] | undefined {
  let lengthRange: [number, number] | undefined;
  const valueOf = (name: string) => {
    const lower = name.replace(/^\$/, '').toLowerCase();
    if (lower === 'bucket') return ctx.bucket;
    // The policy names `q-sign-time`, the form carries `q-key-time` (docs/protocol.md#form-upload-policy).
    if (lower === 'q-sign-time') return fieldValue(fields, 'q-sign-time') ?? fieldValue(fields, 'q-key-time');
    return fieldValue(fields, lower);
  };
  for (const condition of conditions) {
    if (Array.isArray(condition)) {
      const [op, a, b] = condition as [string, unknown, unknown];
      const kind = String(op).toLowerCase();
      if (kind === 'content-length-range') {
        lengthRange = [Number(a), Number(b)];
        continue;
      }
      const actual = valueOf(String(a));
      if (actual === undefined) throw policyFailure(`Condition field ${a} is missing from the form.`);
      if (kind === 'eq' && actual !== String(b)) throw policyFailure(`Policy Condition failed: ["eq", "${a}", "${b}"]`);
      if (kind === 'starts-with' && !actual.startsWith(String(b))) throw policyFailure(`Policy Condition failed: ["starts-with", "${a}", "${b}"]`);
      if (kind !== 'eq' && kind !== 'starts-with') throw cosError('InvalidPolicyDocument', `Invalid Policy: unknown condition ${op}.`);
    } else if (condition && typeof condition === 'object') {
      for (const [name, expected] of Object.entries(condition)) {
        const actual = valueOf(name);
        if (actual === undefined) throw policyFailure(`Condition field ${name} is missing from the form.`);
        if (actual !== String(expected)) throw policyFailure(`Policy Condition failed: {"${name}": "${expected}"}`);
      }
    } else {
      throw cosError('InvalidPolicyDocument', 'Invalid Policy: a condition must be an object or an array.');
    }
  }
  return lengthRange;
}

/** POST Object, the HTML form upload (docs/protocol.md#post-object): policy-checked, file streamed to disk, 204/200/201/303. */
export async function postObject(ctx: RequestContext): Promise<void> {
  const { req, state } = ctx;
  const boundary = boundaryOf(req.headers['content-type']);
  const fields: Fields = new Map();
  let key = '';
  let writer: HashingFileWriter | undefined;
  let lengthRange: [number, number] | undefined;
  let file: WrittenFile | undefined;
  try {
    const { files } = await parseForm(bodyChunks(req), boundary, {
      field: (name, value) => fields.set(name.toLowerCase(), value),
      fileStart: async (_name, filename) => {
        key = (fieldValue(fields, 'key') ?? '').replace(/\$\{filename\}/g, filename);
        if (!key) throw cosError('MalformedPOSTRequest', 'The form needs a key field before the file.');
        validateKey(key);
        fields.set('key', key);
        const { conditions, grant } = await verifyPolicy(ctx, fields, Math.floor(state.now() / 1000));
        if (grant) checkScope(grant, ctx.bucket, 'PostObject', key);
        lengthRange = checkConditions(ctx, fields, conditions);
        // A `stored` corruption fault flips the first byte of the file (its length is not known up front).
        writer = new HashingFileWriter(state.objects.tmpDir, ctx.corrupt === 'stored' ? 0 : undefined);
      },
      fileData: async (chunk) => {
        await writer!.write(chunk);
        if (writer!.size > MAX_SINGLE_UPLOAD_BYTES) throw cosError('EntityTooLarge');
      },
      fileEnd: async () => {
        file = await writer!.finish();
      },
    });
    if (files !== 1 || !file) throw cosError('IncorrectNumberOfFilesInPostRequest', 'POST requires exactly one file upload per request.');
    if (lengthRange && (file.size < lengthRange[0] || file.size > lengthRange[1])) {
      throw cosError(file.size < lengthRange[0] ? 'EntityTooSmall' : 'EntityTooLarge', `The file size ${file.size} is outside the policy's content-length-range.`);
    }
  } catch (err) {
    await writer?.abort();
    throw err;
  }
  ctx.key = key;
  const headers = storedHeadersFrom(Object.fromEntries(fields));
  const meta = await state.objects.commit(key, file, { contentType: fieldValue(fields, 'content-type') || 'application/octet-stream', headers });
  const location = ctx.baseUrl + encodeKeyPath(key);
  const responseHeaders = { ETag: meta.etag, Location: location, 'x-cos-hash-crc64ecma': answeredCrc(ctx, meta.crc64) };
  const redirect = fieldValue(fields, 'success_action_redirect');
  if (redirect) {
    const sep = redirect.includes('?') ? '&' : '?';
    const target = `${redirect}${sep}bucket=${encodeURIComponent(ctx.bucket)}&key=${encodeURIComponent(key)}&etag=${encodeURIComponent(meta.etag)}`;
    sendEmpty(ctx.res, 303, { ...responseHeaders, Location: target });
    return;
  }
  const status = fieldValue(fields, 'success_action_status');
  if (status === '201') {
    sendXml(ctx.res, 201, xmlDocument('PostResponse', { Location: location, Bucket: ctx.bucket, Key: key, ETag: meta.etag }), responseHeaders);
  } else {
    sendEmpty(ctx.res, status === '200' ? 200 : 204, responseHeaders);
  }
}
