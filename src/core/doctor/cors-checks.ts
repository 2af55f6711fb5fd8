import { CosError } from '../http/errors.js';
import type { HttpResponse } from '../types.js';
import { corsFix } from './fixes.js';
import type { DoctorNetwork, Finding } from './types.js';

/** Response headers every page can read without CORS exposure (Fetch "CORS-safelisted response-header names"). */
const SAFELISTED = new Set(['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma']);

/** Below this a preflight is repeated almost every request (each part URL differs anyway, retries benefit). */
const MIN_MAX_AGE_SECONDS = 60;

export interface CorsContext {
  net: DoctorNetwork;
  origin: string;
  bucket: string;
  /** An object URL under the probe folder that does not exist: every probe gets a harmless 4xx or 204. */
  absentUrl: string;
  /** Headers the widget sends on uploads (lower-case): authorization, content-type, x-cos-security-token, pic-operations. */
  uploadHeaders: string[];
  /** Max-Age of each preflight seen (node only). */
  maxAges: (number | undefined)[];
}

type CorsOutcome = { ok: true; response: HttpResponse } | { ok: false; why: string };

const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);

function allowsOrigin(response: HttpResponse, origin: string): boolean {
  const allowed = response.headers['access-control-allow-origin'];
  return allowed === origin || allowed === '*';
}

/**
 * One cross-origin request as a browser would make it. In a browser it simply runs; in Node the
 * doctor sends the preflight (when the browser would, or when `forcePreflight`) and checks the
 * Access-Control-* answers the way the browser does.
 */
export async function corsRequest(ctx: CorsContext, method: string, headers: Record<string, string> = {}, forcePreflight = false): Promise<CorsOutcome> {
  const { net, origin, absentUrl: url } = ctx;
  if (net.kind === 'browser') {
    try {
      return { ok: true, response: await net.send({ method, url, headers }) };
    } catch (err) {
      if (err instanceof CosError && err.code === 'NetworkError') return { ok: false, why: 'the browser blocked it' };
      throw err;
    }
  }
  const names = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const simple = ['GET', 'HEAD', 'POST'].includes(method) && names.length === 0;
  if (!simple || forcePreflight) {
    const preflight = await net.send({
      method: 'OPTIONS', url,
      headers: { Origin: origin, 'Access-Control-Request-Method': method, ...(names.length ? { 'Access-Control-Request-Headers': names.join(',') } : {}) },
    });
    if (preflight.status < 200 || preflight.status >= 300) return { ok: false, why: `the preflight was refused (HTTP ${preflight.status})` };
    if (!allowsOrigin(preflight, origin)) return { ok: false, why: 'the preflight answer does not allow this origin' };
    const methods = list(preflight.headers['access-control-allow-methods']);
    if (!['GET', 'HEAD', 'POST'].includes(method) && !methods.includes(method.toLowerCase()) && !methods.includes('*')) {
      return { ok: false, why: `the preflight does not list ${method}` };
    }
    const allowed = list(preflight.headers['access-control-allow-headers']);
    const missing = names.filter((h) => !allowed.includes(h) && !(allowed.includes('*') && h !== 'authorization'));
    if (missing.length) return { ok: false, why: `the preflight does not allow ${missing.join(', ')}` };
    const age = preflight.headers['access-control-max-age'];
    ctx.maxAges.push(age === undefined || age === '' ? undefined : Number(age));
  }
  const response = await net.send({ method, url, headers: { ...headers, Origin: origin } });
  if (!allowsOrigin(response, origin)) return { ok: false, why: `the ${method} answer has no Access-Control-Allow-Origin for ${origin}` };
  return { ok: true, response };
}

/**
 * Whether page script can read `header` on this response. A browser simply hides unexposed headers;
 * from Node the answer's Access-Control-Expose-Headers decides. undefined: cannot tell from here.
 */
export function canRead(net: DoctorNetwork, response: HttpResponse, header: string): boolean | undefined {
  const name = header.toLowerCase();
  if (net.kind === 'browser') return name in response.headers ? true : SAFELISTED.has(name) ? undefined : false;
  if (SAFELISTED.has(name)) return true;
  const exposed = list(response.headers['access-control-expose-headers']);
  return exposed.includes(name) || exposed.includes('*');
}

const SAMPLE_VALUES: Record<string, string> = {
  authorization: 'q-sign-algorithm=sha1', 'content-type': 'application/octet-stream',
  'x-cos-security-token': 'probe', 'pic-operations': '{"rules":[]}',
};

export interface CorsResult {
  findings: Finding[];
  /** The origin itself is refused: nothing else can work from a browser. */
  originBlocked: boolean;
  /** A response to an (unsigned) PUT under the rule uploads use, for exposure checks. */
  putResponse?: HttpResponse;
  getResponse?: HttpResponse;
}

/** cors-origin, cors-method, cors-headers, cors-max-age: unsigned probes on an absent key, nothing is written. */
export async function checkCors(ctx: CorsContext): Promise<CorsResult> {
  const { bucket, origin } = ctx;
  const findings: Finding[] = [];
  const get = await corsRequest(ctx, 'GET');
  if (!get.ok) {
    findings.push({
      code: 'cors-origin', severity: 'error',
      message: `The bucket's CORS rules do not allow the origin ${origin} (${get.why}): every request from the page fails as a "network error".`,
      fix: corsFix(bucket, origin, `Add ${origin} to AllowedOrigin (scheme and port included; one * wildcard allowed, e.g. https://*.example.com).`),
    });
    return { findings, originBlocked: true };
  }
  findings.push({ code: 'cors-origin', severity: 'ok', message: `The bucket's CORS rules allow ${origin}.`, fix: '' });

  const missingMethods: string[] = [];
  let putResponse: HttpResponse | undefined;
  for (const method of ['PUT', 'POST', 'DELETE', 'HEAD']) {
    const outcome = await corsRequest(ctx, method, {}, true);
    if (!outcome.ok) missingMethods.push(method);
    else if (method === 'PUT') putResponse = outcome.response;
  }
  findings.push(missingMethods.length
    ? {
      code: 'cors-method', severity: 'error',
      message: `CORS does not allow ${missingMethods.join(', ')} from ${origin}: ${missingMethods.includes('PUT') || missingMethods.includes('POST') ? 'uploads' : 'cancelling or checking uploads'} fail.`,
      fix: corsFix(bucket, origin, `Tick ${missingMethods.join(', ')} under AllowedMethod.`),
    }
    : { code: 'cors-method', severity: 'ok', message: 'CORS allows PUT, POST, DELETE and HEAD.', fix: '' });

  if (putResponse) {
    const missingHeaders: string[] = [];
    for (const header of ctx.uploadHeaders) {
      const outcome = await corsRequest(ctx, 'PUT', { [header]: SAMPLE_VALUES[header] ?? 'probe' });
      if (!outcome.ok) missingHeaders.push(header);
    }
    findings.push(missingHeaders.length
      ? {
        code: 'cors-headers', severity: 'error',
        message: `CORS does not allow the request header${missingHeaders.length > 1 ? 's' : ''} ${missingHeaders.join(', ')} that signed uploads send.`,
        fix: corsFix(bucket, origin, 'Set AllowedHeader to * (mobile browsers add their own headers too), or at least list ' + missingHeaders.join(', ') + '.'),
      }
      : { code: 'cors-headers', severity: 'ok', message: `CORS allows the upload headers (${ctx.uploadHeaders.join(', ')}).`, fix: '' });
  }

  if (ctx.net.kind === 'node') findings.push(maxAgeFinding(ctx));
  return { findings, originBlocked: false, putResponse, getResponse: get.response };
}

function maxAgeFinding(ctx: CorsContext): Finding {
  const ages = ctx.maxAges;
  const shortest = ages.some((a) => a === undefined || Number.isNaN(a)) ? undefined : Math.min(...(ages as number[]));
  if (ages.length && shortest !== undefined && shortest >= MIN_MAX_AGE_SECONDS) {
    return { code: 'cors-max-age', severity: 'ok', message: `Preflights are cached for ${shortest} s.`, fix: '' };
  }
  const seen = shortest === undefined ? 'no Access-Control-Max-Age' : `Max-Age ${shortest} s`;
  return {
    code: 'cors-max-age', severity: 'warning',
    message: `Preflight answers carry ${seen}: browsers repeat the OPTIONS round trip before almost every request, which slows small uploads and retries.`,
    fix: corsFix(ctx.bucket, ctx.origin, 'Set MaxAgeSeconds to 600 (browsers cap it: Chromium at 2 hours).'),
  };
}
