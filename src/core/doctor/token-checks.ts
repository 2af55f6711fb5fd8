import { CosError } from '../http/errors.js';
import type { HashProvider } from '../auth/hash.js';
import type { TokenProvider } from '../types.js';
import { canRead } from './cors-checks.js';
import type { DoctorNetwork, Finding } from './types.js';
import type { HttpResponse } from '../types.js';

const SHAPES = 'temporary keys as JSON — {"Credentials":{"TmpSecretId","TmpSecretKey","Token"},"StartTime","ExpiredTime"} (the STS answer as is), ' +
  '{"credentials":{"tmpSecretId","tmpSecretKey","sessionToken"},"startTime","expiredTime"} (qcloud-cos-sts) or {"TmpSecretId","TmpSecretKey","SecurityToken","StartTime","ExpiredTime"}; ' +
  'a sign-url answers {"authorization","securityToken"?} or the bare Authorization string';

/** token-unreachable, token-shape, token-expired: asks the provider to authorize one HEAD of a probe key. */
export async function checkToken(
  provider: TokenProvider | undefined,
  where: { bucket: string; region: string; host: string; hash?: HashProvider; origin: string; probeKey: string },
): Promise<Finding> {
  if (!provider) {
    return {
      code: 'token-unreachable', severity: 'error', message: 'No token provider is configured: nothing can be signed.',
      fix: 'Set token-url (a backend answering STS temporary keys) or sign-url (a backend signing each request) on <cos-uploader>.',
    };
  }
  try {
    await provider.authorize({
      // A key under the prefix: signing backends commonly refuse anything else.
      bucket: where.bucket, region: where.region, method: 'HEAD', key: where.probeKey, pathname: `/${where.probeKey}`, query: {},
      headers: { host: where.host }, clockOffsetMs: 0, hash: where.hash,
    });
    return { code: 'token-unreachable', severity: 'ok', message: `Token provider "${provider.name}" answered usable credentials.`, fix: '' };
  } catch (err) {
    const e = err instanceof CosError ? err : undefined;
    const message = (err as Error)?.message ?? String(err);
    if (e?.code === 'ExpiredCredentials') {
      return {
        code: 'token-expired', severity: 'error', message,
        fix: 'Have the backend ask STS for new keys on every call (or cache them only until shortly before ExpiredTime), with DurationSeconds of at least 1800, and keep its clock right (NTP).',
      };
    }
    if (e && e.source === 'provider' && (e.status > 0 || e.retryable)) {
      return {
        code: 'token-unreachable', severity: 'error', message,
        fix: `Make the token URL answer 200 from the page. A backend on another origin must send Access-Control-Allow-Origin: ${where.origin}; ` +
          'a login-protected one needs the page\'s session; a 403 from a signing backend often means its own prefix rule refuses keys under the uploader\'s prefix.',
      };
    }
    return { code: 'token-shape', severity: 'error', message, fix: `Return ${SHAPES}.` };
  }
}

/** clock-skew, from COS's Date header (when page script can read it). */
export function checkClock(net: DoctorNetwork, responses: (HttpResponse | undefined)[], now: () => number): Finding | undefined {
  const response = responses.find((r) => r && r.headers.date && canRead(net, r, 'date') !== false);
  const serverMs = Date.parse(response?.headers.date ?? '');
  if (Number.isNaN(serverMs)) return undefined;
  const skewSeconds = Math.round((serverMs - now()) / 1000);
  const off = Math.abs(skewSeconds);
  const direction = skewSeconds > 0 ? 'behind' : 'ahead of';
  if (off < 30) return { code: 'clock-skew', severity: 'ok', message: `This device's clock agrees with COS (within ${Math.max(off, 1)} s).`, fix: '' };
  return {
    code: 'clock-skew', severity: off > 900 ? 'error' : 'warning',
    message: `This device's clock is ${off} s ${direction} COS's. ${off > 900
      ? 'Signatures made from it fall outside COS\'s 15-minute window: requests fail with RequestTimeTooSkewed until the widget learns the server time from Date.'
      : 'The widget corrects this from COS\'s Date header, but pre-signed links made here start early or late.'}`,
    fix: 'Turn on automatic time (NTP) on this device; keep Date in the CORS ExposeHeaders so the widget can correct what remains.',
  };
}
