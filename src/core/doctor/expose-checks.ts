import type { HttpResponse } from '../types.js';
import { canRead } from './cors-checks.js';
import { corsFix } from './fixes.js';
import type { DoctorCode, DoctorNetwork, Finding } from './types.js';

interface ExposeSpec {
  code: DoctorCode;
  header: string;
  severity: 'error' | 'warning';
  why: string;
}

const SPECS: ExposeSpec[] = [
  { code: 'cors-expose-etag', header: 'ETag', severity: 'error', why: 'uploads cannot confirm what was stored and multipart uploads cannot complete (the part ETags are unreadable)' },
  { code: 'cors-expose-date', header: 'Date', severity: 'warning', why: 'clock-skew correction is blind: a device with a wrong clock keeps failing with RequestTimeTooSkewed' },
  { code: 'cors-expose-crc64', header: 'x-cos-hash-crc64ecma', severity: 'warning', why: 'end-to-end integrity checks (CRC64) are off' },
];

/**
 * cors-expose-*: one finding per header, judged on the answer where COS sends it (`sources[code]`);
 * no answer to judge (the probe upload failed in a browser) gives a warning that says so.
 */
export function checkExposure(
  net: DoctorNetwork,
  bucket: string,
  origin: string,
  sources: Partial<Record<DoctorCode, HttpResponse>>,
): Finding[] {
  return SPECS.map(({ code, header, severity, why }) => {
    const response = sources[code];
    const readable = response && canRead(net, response, header);
    if (readable) return { code, severity: 'ok', message: `Page script can read ${header}.`, fix: '' };
    if (readable === undefined) {
      return { code, severity: 'warning', message: `Could not check whether ${header} is exposed: no successful answer to look at (see the other findings).`, fix: corsFix(bucket, origin, `Make sure ExposeHeaders lists ${header}.`) };
    }
    return { code, severity, message: `CORS does not expose ${header}: ${why}.`, fix: corsFix(bucket, origin, `Add ${header} to ExposeHeaders (the first rule matching the origin counts: put it in that one).`) };
  });
}
