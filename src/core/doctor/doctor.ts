import { lazySignerTokenProvider } from '../auth/lazy-signer.js';
import { createStsTokenProvider } from '../auth/credentials-sts.js';
import { encodeKeyPath } from '../auth/canonical.js';
import { tokenProviderFor } from '../auth/token-source.js';
import { CosClient } from '../client.js';
import { validateBucketLocation } from '../client-validate.js';
import type { HttpResponse, TokenProvider, Transport } from '../types.js';
import { checkBucket, checkMultipart, checkProcessing, checkScope, type AccessContext } from './access-checks.js';
import { checkCsp, checkSecureContext } from './context-checks.js';
import { checkCors, type CorsContext, type CorsResult } from './cors-checks.js';
import { checkExposure } from './expose-checks.js';
import { checkClock, checkToken } from './token-checks.js';
import type { DoctorCode, DoctorOptions, Finding } from './types.js';

const DEFAULT_ENDPOINT = 'https://{Bucket}.cos.{Region}.myqcloud.com';
const PROBE_FOLDER = '.cos-uploader-check/';
const CSP_SHADOWED = new Set<DoctorCode>(['endpoint-unreachable', 'cors-origin', 'cors-method', 'cors-headers', 'token-unreachable']);

function baseUrlOf(options: DoctorOptions): string {
  return (options.endpoint || DEFAULT_ENDPOINT).replace(/\{Bucket\}/g, options.bucket).replace(/\{Region\}/g, options.region).replace(/\/+$/, '');
}

function providerOf(options: DoctorOptions): TokenProvider | undefined {
  const base = { fetch: options.fetch, timeoutMs: 15_000 };
  return tokenProviderFor(options, {
    sts: (url) => createStsTokenProvider({ ...base, url, hash: options.hash, now: options.now }),
    signer: (url) => lazySignerTokenProvider({ ...base, url }),
  });
}

/** The headers signed uploads carry, so the CORS rule must allow them. */
function uploadHeaders(options: DoctorOptions): string[] {
  const headers = ['authorization', 'content-type'];
  if (options.tokenUrl || options.tokenProvider) headers.push('x-cos-security-token');
  if (options.processing !== false) headers.push('pic-operations');
  return headers;
}

/**
 * Runs every check against the settings an uploader would use and returns the findings, errors and
 * warnings with a concrete fix (docs/doctor.md). Never throws for a misconfiguration; probe objects
 * go to `<prefix>.cos-uploader-check/` and are deleted when the keys allow it.
 */
export async function runDoctor(options: DoctorOptions): Promise<Finding[]> {
  const now = options.now ?? Date.now;
  const prefix = (options.prefix ?? '').replace(/^\/+/, '');
  const findings: Finding[] = [];
  const baseUrl = baseUrlOf(options);
  const tokenTarget = options.tokenUrl || options.signUrl;
  const targets = [baseUrl, ...(tokenTarget ? [tokenTarget] : [])];
  findings.push(...checkSecureContext(options.origin, targets, options.secureContext));
  const withCsp = () => {
    if (!options.csp) return findings;
    const csp = checkCsp(options.csp, targets, options.origin, options.cspViolations?.());
    if (csp[0].severity !== 'error') return [...findings, ...csp];
    // To script a CSP-blocked connection looks like a network or CORS failure: report the cause only.
    return [...findings.filter((f) => !(f.severity === 'error' && CSP_SHADOWED.has(f.code))), ...csp];
  };

  try {
    validateBucketLocation(options.bucket, options.region);
    new URL(baseUrl);
  } catch (err) {
    findings.push({ code: 'bucket-missing', severity: 'error', message: (err as Error).message, fix: 'Use the bucket as BucketName-APPID (e.g. examplebucket-1250000000) and a region like ap-guangzhou, as COS console → Bucket List shows them; an endpoint must be an http(s) URL.' });
    return withCsp();
  }

  const provider = providerOf(options);
  const host = new URL(baseUrl).host;
  const probeDir = `${prefix}${PROBE_FOLDER}`;
  const token = await checkToken(provider, { bucket: options.bucket, region: options.region, host, hash: options.hash, origin: options.origin, probeKey: `${probeDir}token` });
  findings.push(token);

  if (!(await options.network.reachable(`${baseUrl}/`))) {
    findings.push({
      code: 'endpoint-unreachable', severity: 'error',
      message: `Nothing answers at ${baseUrl}: wrong endpoint or region, no network, or a firewall in between.`,
      fix: `Check the endpoint template (default ${DEFAULT_ENDPOINT}) and that region "${options.region}" is spelled as COS lists it; try opening ${baseUrl}/ from this machine.`,
    });
    return withCsp();
  }
  findings.push({ code: 'endpoint-unreachable', severity: 'ok', message: `${baseUrl} answers.`, fix: '' });

  const stamp = `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const corsCtx: CorsContext = {
    net: options.network, origin: options.origin, bucket: options.bucket,
    absentUrl: `${baseUrl}${encodeKeyPath(`${probeDir}${stamp}-absent`)}`,
    uploadHeaders: uploadHeaders(options), maxAges: [],
  };
  const sameOrigin = new URL(baseUrl).origin === new URL(options.origin).origin;
  const cors = sameOrigin ? await sameOriginCors(corsCtx) : await checkCors(corsCtx);
  findings.push(...cors.findings);
  // In a browser a refused origin blocks every request: the remaining checks could not tell anything apart.
  if (cors.originBlocked && options.network.kind === 'browser') return withCsp();

  let bucketAnswer: HttpResponse | undefined;
  let probePut: HttpResponse | undefined;
  if (provider && token.severity === 'ok') {
    const ctx: AccessContext = {
      client: new CosClient({
        bucket: options.bucket, region: options.region, endpoint: options.endpoint || undefined, tokenProvider: provider,
        transport: doctorTransport(options), hash: options.hash, maxRetries: 0, now,
      }),
      bucket: options.bucket, region: options.region, prefix, probeDir, stamp, processing: options.processing !== false,
    };
    const bucket = await checkBucket(ctx, findings);
    bucketAnswer = bucket.response;
    if (bucket.exists) {
      probePut = await checkScope(ctx, findings);
      await checkMultipart(ctx, findings, ctx.scopeDenied === true);
      await checkProcessing(ctx, findings);
    }
  }

  const exposureSource = options.network.kind === 'node' ? cors.putResponse : probePut;
  if (!cors.originBlocked && !sameOrigin) {
    findings.push(...checkExposure(options.network, options.bucket, options.origin, {
      'cors-expose-date': cors.getResponse,
      'cors-expose-etag': exposureSource,
      'cors-expose-crc64': exposureSource,
    }));
  }
  if (!findings.some((f) => f.code === 'clock-skew')) {
    const clock = checkClock(options.network, [cors.getResponse, bucketAnswer, cors.putResponse], now);
    if (clock) findings.push(clock);
  }
  return dedupe(withCsp());
}

const CORS_CODES: DoctorCode[] = ['cors-origin', 'cors-method', 'cors-headers', 'cors-expose-etag', 'cors-expose-date', 'cors-expose-crc64', 'cors-max-age'];

/** COS on the page's own origin (a proxy, the demo's emulator): no CORS at all; one plain GET for COS's Date. */
async function sameOriginCors(ctx: CorsContext): Promise<CorsResult> {
  const getResponse = await ctx.net.send({ method: 'GET', url: ctx.absentUrl }).catch(() => undefined);
  const message = `COS is reached on the page's own origin (${ctx.origin}): CORS does not apply.`;
  return { findings: CORS_CODES.map((code) => ({ code, severity: 'ok', message, fix: '' })), originBlocked: false, getResponse };
}

/** The CosClient's requests through the doctor's network; from Node they carry Origin, as a page's would. */
function doctorTransport(options: DoctorOptions): Transport {
  const { network, origin } = options;
  return {
    send: (request) => network.send({
      method: request.method, url: request.url, body: request.body,
      headers: network.kind === 'node' ? { ...request.headers, Origin: origin } : request.headers,
    }),
  };
}

/** One finding per code and severity: a key problem seen by several probes is reported once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const id = `${f.code}:${f.severity}:${f.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Exit status for scripts: 1 when any finding is an error. */
export function doctorExitCode(findings: Finding[]): 0 | 1 {
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
