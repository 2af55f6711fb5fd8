import { CosError } from '../http/errors.js';
import { mapInitiateMultipartUpload, readXmlResponse } from '../xml/responses.js';
import type { CosClient } from '../client.js';
import type { HttpResponse } from '../types.js';
import { stsFix, stsResource } from './fixes.js';
import type { Finding } from './types.js';

export interface AccessContext {
  client: CosClient;
  bucket: string;
  region: string;
  prefix: string;
  /** Folder (with trailing slash) for probe objects: `<prefix>.cos-uploader-check/`. */
  probeDir: string;
  /** Unique per run, so parallel checks never collide. */
  stamp: string;
  processing: boolean;
  /** Set by checkScope: the keys may not write under the prefix at all. */
  scopeDenied?: boolean;
}

/** A COS answer, or the CosError it failed with. */
type Outcome = { response: HttpResponse } | { error: CosError };

async function attempt(run: () => Promise<HttpResponse>): Promise<Outcome> {
  try {
    return { response: await run() };
  } catch (err) {
    if (err instanceof CosError) return { error: err };
    throw err;
  }
}

const describe = (e: CosError) => `${e.code}${e.status ? ` (HTTP ${e.status})` : ''}${e.requestId ? `, request id ${e.requestId}` : ''}: ${e.message.replace(/\.$/, '')}`;

/** What a failed request says about the keys rather than about the feature under test; undefined when nothing. */
export function credentialFinding(error: CosError, ctx: AccessContext): Finding | undefined {
  if (error.code === 'ExpiredToken' || /expired/i.test(error.message) && error.code === 'AccessDenied') {
    return {
      code: 'token-expired', severity: 'error',
      message: `COS says the keys have expired: ${describe(error)}.`,
      fix: 'Make the token backend return fresh keys (do not cache them past ExpiredTime) and keep its clock right (NTP).',
    };
  }
  if (error.code === 'RequestTimeTooSkewed') {
    return {
      code: 'clock-skew', severity: 'error',
      message: `COS refused the signature's time: ${describe(error)}.`,
      fix: 'Set the clock of this device (and of a signing backend) automatically (NTP), and expose Date in CORS so the widget can correct the rest.',
    };
  }
  if (error.code === 'SignatureDoesNotMatch' || error.code === 'InvalidAccessKeyId') {
    return {
      code: 'sts-scope', severity: 'error',
      message: `COS does not accept these keys' signature for ${ctx.bucket}: ${describe(error)}.`,
      fix: 'Issue keys of the account owning the bucket; a signing backend must sign exactly the method, path, query and headers it is shown (Host included).',
    };
  }
  return undefined;
}

/** bucket-missing and region-mismatch, from a signed HEAD Bucket. False when the bucket is not there (stop). */
export async function checkBucket(ctx: AccessContext, findings: Finding[]): Promise<{ exists: boolean; response?: HttpResponse }> {
  const outcome = await attempt(() => ctx.client.request({ method: 'HEAD' }));
  if ('error' in outcome) {
    const e = outcome.error;
    if (e.status === 404 || e.code === 'NoSuchBucket') {
      findings.push({
        code: 'bucket-missing', severity: 'error',
        message: `COS has no bucket "${ctx.bucket}" in ${ctx.region} (${e.code}).`,
        fix: `Copy the bucket name (BucketName-APPID) and its region exactly as COS console → Bucket List shows them; create the bucket if it does not exist.`,
      });
      return { exists: false };
    }
    // Blocked by CORS (reported there), or a signing backend that will not sign bucket-level calls: nothing learnt.
    if (e.code === 'NetworkError' || e.source === 'provider') return { exists: true };
    const keyProblem = credentialFinding(e, ctx);
    if (keyProblem) findings.push(keyProblem);
    else findings.push({ code: 'bucket-missing', severity: 'ok', message: `${ctx.bucket} exists (HEAD Bucket answered ${e.code}; the region could not be read).`, fix: '' });
    return { exists: true };
  }
  findings.push({ code: 'bucket-missing', severity: 'ok', message: `${ctx.bucket} exists.`, fix: '' });
  const actual = outcome.response.headers['x-cos-bucket-region'];
  if (actual && actual !== ctx.region) {
    findings.push({
      code: 'region-mismatch', severity: 'error',
      message: `${ctx.bucket} is in ${actual}, not ${ctx.region}: signatures, STS policies and result URLs name the wrong region.`,
      fix: `Set region="${actual}" on <cos-uploader> (and --region ${actual}); issue STS keys for ${stsResource(ctx.bucket, actual, ctx.prefix)}.`,
    });
  } else if (actual) {
    findings.push({ code: 'region-mismatch', severity: 'ok', message: `The bucket is in ${actual}, as configured.`, fix: '' });
  }
  return { exists: true, response: outcome.response };
}

/** sts-scope: a small object written and deleted under the prefix. Returns the PUT answer for exposure checks. */
export async function checkScope(ctx: AccessContext, findings: Finding[]): Promise<HttpResponse | undefined> {
  const key = `${ctx.probeDir}${ctx.stamp}.txt`;
  const put = await attempt(() => ctx.client.request({ method: 'PUT', key, body: 'cos-uploader setup check', headers: { 'Content-Type': 'text/plain' } }));
  if ('error' in put) {
    if (put.error.code === 'NetworkError') return undefined;
    ctx.scopeDenied = put.error.code === 'AccessDenied';
    findings.push(credentialFinding(put.error, ctx) ?? {
      code: 'sts-scope', severity: 'error',
      message: `The keys cannot write under "${ctx.prefix}" (PUT ${key}: ${describe(put.error)}).`,
      fix: stsFix(ctx.bucket, ctx.region, ctx.prefix, `Allow name/cos:PutObject on ${stsResource(ctx.bucket, ctx.region, ctx.prefix)} (the prefix the uploader writes to, without a leading slash).`),
    });
    return undefined;
  }
  const removed = await attempt(() => ctx.client.request({ method: 'DELETE', key }));
  const note = 'error' in removed ? ` The probe ${key} stays behind (DeleteObject not granted, which uploads do not need).` : '';
  findings.push({ code: 'sts-scope', severity: 'ok', message: `The keys can write under "${ctx.prefix}".${note}`, fix: '' });
  return put.response;
}

/**
 * sts-multipart: Initiate, one tiny part, ListParts and Abort on a probe key. When nothing can be written
 * under the prefix at all (`scopeDenied`) and Initiate is denied too, sts-scope's policy already covers it.
 */
export async function checkMultipart(ctx: AccessContext, findings: Finding[], scopeDenied: boolean): Promise<void> {
  const key = `${ctx.probeDir}${ctx.stamp}-multipart.bin`;
  const denied: string[] = [];
  let detail = '';
  const initiated = await attempt(() => ctx.client.request({ method: 'POST', key, params: { uploads: '' } }));
  if ('error' in initiated) {
    if (initiated.error.code === 'NetworkError' || credentialFinding(initiated.error, ctx)) return;
    if (scopeDenied && initiated.error.code === 'AccessDenied') return;
    denied.push('InitiateMultipartUpload');
    detail = describe(initiated.error);
  } else {
    const { uploadId } = await readXmlResponse(initiated.response, 'InitiateMultipartUploadResult', mapInitiateMultipartUpload);
    const steps: [string, () => Promise<HttpResponse>][] = [
      ['UploadPart', () => ctx.client.request({ method: 'PUT', key, params: { partNumber: '1', uploadId }, body: 'part' })],
      ['ListParts', () => ctx.client.request({ method: 'GET', key, params: { uploadId } })],
      ['AbortMultipartUpload', () => ctx.client.request({ method: 'DELETE', key, params: { uploadId } })],
    ];
    for (const [action, run] of steps) {
      const outcome = await attempt(run);
      if ('error' in outcome) {
        denied.push(action);
        detail ||= describe(outcome.error);
      }
    }
  }
  if (!denied.length) {
    findings.push({ code: 'sts-multipart', severity: 'ok', message: 'The keys allow multipart uploads (initiate, upload a part, list parts, abort).', fix: '' });
    return;
  }
  findings.push({
    code: 'sts-multipart', severity: 'error',
    message: `The keys deny ${denied.join(', ')}: files above the multipart threshold fail${denied.includes('AbortMultipartUpload') ? ', and cancelled uploads leave billed parts behind' : ''} (${detail}).`,
    fix: stsFix(ctx.bucket, ctx.region, ctx.prefix, `Add ${denied.map((a) => `name/cos:${a}`).join(', ')} to the policy's actions.`),
  });
}

/** A 1×1 PNG: the smallest image Cloud Infinite will process. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function tinyPng(): Uint8Array {
  return Uint8Array.from(atob(TINY_PNG), (c) => c.charCodeAt(0));
}

/** ci-disabled: a tiny image PUT with a Pic-Operations rule must come back processed. */
export async function checkProcessing(ctx: AccessContext, findings: Finding[]): Promise<void> {
  const name = `${ctx.stamp}-ci`;
  const key = `${ctx.probeDir}${name}.png`;
  const output = `${ctx.probeDir}${name}-out.png`;
  const picOperations = JSON.stringify({ is_pic_info: 0, rules: [{ fileid: `${name}-out.png`, rule: 'imageMogr2/thumbnail/1x1' }] });
  const put = await attempt(() => ctx.client.request({ method: 'PUT', key, body: tinyPng(), headers: { 'Content-Type': 'image/png', 'Pic-Operations': picOperations } }));
  if ('error' in put && put.error.code === 'NetworkError') return;
  for (const leftover of [key, output]) await attempt(() => ctx.client.request({ method: 'DELETE', key: leftover }));
  const severity = ctx.processing ? 'error' : 'warning';
  const fix = `Bind Cloud Infinite to the bucket: Cloud Infinite console → Bucket Management → Bind Bucket → ${ctx.bucket} (${ctx.region}). Without it, remove pic-operations / rules from the uploader.`;
  if ('error' in put) {
    if (put.error.code === 'AccessDenied' || credentialFinding(put.error, ctx)) return; // sts-scope already says why
    findings.push({ code: 'ci-disabled', severity, message: `An image upload with a processing rule was refused: ${describe(put.error)}. Uploads with rules will fail.`, fix });
    return;
  }
  if (!/<ProcessResults>[\s\S]*<Object>/.test(put.response.text)) {
    findings.push({ code: 'ci-disabled', severity, message: 'An image upload with a processing rule was stored but not processed: Cloud Infinite ignored the rule.', fix });
    return;
  }
  findings.push({ code: 'ci-disabled', severity: 'ok', message: 'Cloud Infinite processes images uploaded with Pic-Operations.', fix: '' });
}
