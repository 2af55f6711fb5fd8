// The setup doctor from Node against the emulator misconfigured one way at a time: each setup reports
// its own code, and no other error.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { doctorExitCode } from '../../../src/core/doctor/index.js';
import { startEmulator, type TestEmulator } from '../emulator/helpers.js';
import { PAGE, PREFIX, codes, corsXml, doctorFor, find, putCors, tokenServer } from './helpers.js';

describe('setup doctor (Node, against the emulator)', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
  });
  after(() => t.close());
  afterEach(() => {
    t.emu.resetCors();
    t.emu.setCiEnabled(true);
    t.emu.setClockSkew(0);
    t.emu.faults.clear();
  });

  test('the correct setup (recommended CORS rule, STS keys for the prefix) reports no error and no warning', async () => {
    await putCors(t, corsXml());
    const findings = await doctorFor(t);
    assert.deepEqual(codes(findings, 'error'), [], JSON.stringify(findings, null, 1));
    assert.deepEqual(codes(findings, 'warning'), []);
    assert.equal(doctorExitCode(findings), 0);
    for (const code of ['cors-origin', 'cors-method', 'cors-headers', 'cors-expose-etag', 'cors-expose-date', 'cors-expose-crc64',
      'cors-max-age', 'token-unreachable', 'clock-skew', 'sts-scope', 'sts-multipart', 'ci-disabled', 'endpoint-unreachable', 'bucket-missing']) {
      assert.ok(find(findings, code, 'ok'), `${code} checked`);
    }
  });

  test('the emulator\'s permissive default and a signing backend (sign-url) pass too', async () => {
    const findings = await doctorFor(t, { tokenUrl: undefined, signUrl: `${t.url}/sign` });
    assert.deepEqual(codes(findings, 'error'), []);
    assert.ok(find(findings, 'region-mismatch', 'ok'), 'permanent-key signatures may HEAD the bucket, so the region is verified');
  });

  test('a signing backend limited to the uploader\'s prefix passes too (the doctor only asks it for keys under the prefix)', async () => {
    const limited = await startEmulator({ signPrefix: PREFIX });
    try {
      const findings = await doctorFor(limited, { tokenUrl: undefined, signUrl: `${limited.url}/sign` });
      assert.deepEqual(codes(findings, 'error'), [], JSON.stringify(findings.filter((f) => f.severity !== 'ok')));
    } finally {
      await limited.close();
    }
  });

  test('cors-origin: the page origin is not allowed', async () => {
    await putCors(t, corsXml({ origins: ['https://other.example.com'] }));
    const findings = await doctorFor(t);
    assert.deepEqual(codes(findings, 'error'), ['cors-origin']);
    assert.match(find(findings, 'cors-origin')!.fix, new RegExp(`<AllowedOrigin>${PAGE}</AllowedOrigin>`));
  });

  test('cors-method: DELETE and HEAD missing', async () => {
    await putCors(t, corsXml({ methods: ['GET', 'PUT', 'POST'] }));
    const findings = await doctorFor(t);
    assert.deepEqual(codes(findings, 'error'), ['cors-method']);
    assert.match(find(findings, 'cors-method')!.message, /DELETE, HEAD/);
  });

  test('cors-headers: only Authorization allowed, the other signed-upload headers named', async () => {
    await putCors(t, corsXml({ headers: ['authorization'] }));
    const findings = await doctorFor(t);
    assert.deepEqual(codes(findings, 'error'), ['cors-headers']);
    assert.match(find(findings, 'cors-headers')!.message, /content-type, x-cos-security-token, pic-operations/);
  });

  test('cors-expose-etag: ETag not exposed is an error', async () => {
    await putCors(t, corsXml({ expose: ['Date', 'x-cos-request-id', 'x-cos-hash-crc64ecma'] }));
    const findings = await doctorFor(t);
    assert.deepEqual(codes(findings, 'error'), ['cors-expose-etag']);
    assert.match(find(findings, 'cors-expose-etag')!.fix, /<ExposeHeader>ETag<\/ExposeHeader>/);
  });

  test('cors-expose-date, cors-expose-crc64 and cors-max-age are warnings', async () => {
    await putCors(t, corsXml({ expose: ['ETag'], maxAge: null }));
    const findings = await doctorFor(t);
    assert.deepEqual(codes(findings, 'error'), []);
    assert.deepEqual(codes(findings, 'warning'), ['cors-expose-crc64', 'cors-expose-date', 'cors-max-age']);
    await putCors(t, corsXml({ maxAge: 5 }));
    assert.deepEqual(codes(await doctorFor(t), 'warning'), ['cors-max-age']);
  });

  test('token-unreachable: nothing listens, or the backend answers 500', async () => {
    const closed = await tokenServer(() => ({ status: 200, body: '{}' }));
    await closed.close();
    const down = await doctorFor(t, { tokenUrl: closed.url });
    assert.deepEqual(codes(down, 'error'), ['token-unreachable']);
    // A backend that keeps failing: the provider retries transient failures, so one 500 alone would pass.
    t.emu.faults.add({ action: 'Sts', status: 500, code: 'InternalError', times: 50 });
    const failing = await doctorFor(t);
    t.emu.faults.clear();
    assert.deepEqual(codes(failing, 'error'), ['token-unreachable']);
    assert.match(find(failing, 'token-unreachable')!.message, /HTTP 500/);
  });

  test('token-shape: the backend answers JSON the widget cannot use', async () => {
    const server = await tokenServer(() => ({ status: 200, body: JSON.stringify({ TmpSecretId: 'AKIDx', TmpSecretKey: 'k', Token: 't', ExpirtedTime: 1 }) }));
    try {
      const findings = await doctorFor(t, { tokenUrl: server.url });
      assert.deepEqual(codes(findings, 'error'), ['token-shape']);
      assert.match(find(findings, 'token-shape')!.fix, /TmpSecretId/);
    } finally {
      await server.close();
    }
    const signer = await tokenServer(() => ({ status: 200, body: JSON.stringify({ signature: 'abc' }) }));
    try {
      const findings = await doctorFor(t, { tokenUrl: undefined, signUrl: signer.url });
      assert.deepEqual(codes(findings, 'error'), ['token-shape']);
      assert.match(find(findings, 'token-shape')!.message, /without a string "authorization"/);
    } finally {
      await signer.close();
    }
  });

  test('token-expired: the backend hands out keys that already expired', async () => {
    const fresh = await (await fetch(`${t.url}/sts?prefix=${PREFIX}`)).json() as { StartTime: number; ExpiredTime: number };
    const nowSec = Math.floor(Date.now() / 1000);
    const server = await tokenServer(() => ({ status: 200, body: JSON.stringify({ ...fresh, StartTime: nowSec - 3600, ExpiredTime: nowSec - 60 }) }));
    try {
      const findings = await doctorFor(t, { tokenUrl: server.url });
      assert.deepEqual(codes(findings, 'error'), ['token-expired']);
    } finally {
      await server.close();
    }
  });

  test('clock-skew: COS an hour off is an error, two minutes a warning', async () => {
    t.emu.setClockSkew(3600);
    const far = await doctorFor(t);
    assert.deepEqual(codes(far, 'error'), ['clock-skew']);
    assert.match(find(far, 'clock-skew')!.message, /(3599|3600|3601) s behind/);
    t.emu.setClockSkew(-120);
    const near = await doctorFor(t);
    assert.deepEqual(codes(near, 'error'), []);
    assert.deepEqual(codes(near, 'warning'), ['clock-skew']);
  });

  test('sts-scope: keys scoped to another prefix cannot write under the uploader\'s', async () => {
    const findings = await doctorFor(t, { tokenUrl: `${t.url}/sts?prefix=elsewhere/` });
    assert.deepEqual(codes(findings, 'error'), ['sts-scope']);
    const fix = find(findings, 'sts-scope')!.fix;
    assert.match(fix, /qcs::cos:ap-guangzhou:uid\/1250000000:examplebucket-1250000000\/uploads\/\*/);
    assert.match(fix, /name\/cos:InitiateMultipartUpload/);
  });

  test('sts-multipart: keys without the multipart actions', async () => {
    const findings = await doctorFor(t, { tokenUrl: `${t.url}/sts?prefix=${PREFIX}&actions=PutObject,GetObject,HeadObject` });
    assert.deepEqual(codes(findings, 'error'), ['sts-multipart']);
    assert.match(find(findings, 'sts-multipart')!.message, /InitiateMultipartUpload/);
    const abortOnly = await doctorFor(t, { tokenUrl: `${t.url}/sts?prefix=${PREFIX}&actions=PutObject,InitiateMultipartUpload,UploadPart,ListParts,CompleteMultipartUpload` });
    assert.deepEqual(codes(abortOnly, 'error'), ['sts-multipart']);
    assert.match(find(abortOnly, 'sts-multipart')!.message, /deny AbortMultipartUpload/);
  });

  test('ci-disabled: a bucket without Cloud Infinite; a warning when the uploader uses no rules', async () => {
    t.emu.setCiEnabled(false);
    const findings = await doctorFor(t);
    assert.deepEqual(codes(findings, 'error'), ['ci-disabled']);
    assert.match(find(findings, 'ci-disabled')!.message, /NoProcessAuthority/);
    const plain = await doctorFor(t, { processing: false });
    assert.deepEqual(codes(plain, 'error'), []);
    assert.deepEqual(codes(plain, 'warning'), ['ci-disabled']);
  });

  test('bucket-missing: a bucket name COS does not know', async () => {
    const findings = await doctorFor(t, { bucket: 'nosuchbucket-1250000000' });
    assert.deepEqual(codes(findings, 'error'), ['bucket-missing']);
  });

  test('region-mismatch: the bucket answers with another region', async () => {
    const findings = await doctorFor(t, { region: 'ap-beijing', tokenUrl: undefined, signUrl: `${t.url}/sign` });
    assert.deepEqual(codes(findings, 'error'), ['region-mismatch']);
    assert.match(find(findings, 'region-mismatch')!.fix, /region="ap-guangzhou"/);
  });

  test('endpoint-unreachable: nothing listens at the endpoint', async () => {
    const closed = await tokenServer(() => ({ status: 200, body: '' }));
    await closed.close();
    const deadEndpoint = `${new URL(closed.url).origin}/{Bucket}`;
    const findings = await doctorFor(t, { endpoint: deadEndpoint });
    assert.deepEqual(codes(findings, 'error'), ['endpoint-unreachable']);
  });

  test('insecure-context: a plain-http page is a warning, an https page calling http COS an error', async () => {
    await putCors(t, corsXml({ origins: ['*'] }));
    const http = await doctorFor(t, { origin: 'http://app.example.com' });
    assert.deepEqual(codes(http, 'error'), []);
    assert.deepEqual(codes(http, 'warning'), ['insecure-context']);
    const mixed = await doctorFor(t, { endpoint: 'http://cos.example.invalid/{Bucket}' });
    assert.ok(find(mixed, 'insecure-context', 'error'));
  });
});
