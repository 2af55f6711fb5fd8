import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeHash } from '../../../src/node/node-hash.js';
import { BUCKET, bytes, cos, md5Hex, rawRequest, startEmulator, tempFiles, xmlField, type TestEmulator } from './helpers.js';

interface FormOptions {
  key: string;
  file: Buffer;
  filename?: string;
  conditions?: unknown[];
  expiration?: string;
  fields?: Record<string, string>;
  secretId?: string;
  secretKey?: string;
  token?: string;
  /** Overrides the signature's key time. */
  keyTime?: string;
}

/** Builds a POST Object form the way docs/protocol.md#form-upload-policy describes (file field last). */
async function form(t: TestEmulator, o: FormOptions): Promise<{ body: Buffer; contentType: string }> {
  const now = Math.floor(Date.now() / 1000);
  const keyTime = o.keyTime ?? `${now - 1};${now + 600}`;
  const secretId = o.secretId ?? t.emu.secretId;
  const policy = JSON.stringify({
    expiration: o.expiration ?? new Date(Date.now() + 600_000).toISOString(),
    conditions: [{ 'q-sign-algorithm': 'sha1' }, { 'q-ak': secretId }, { 'q-sign-time': keyTime }, ...(o.conditions ?? [])],
  });
  const signKey = await nodeHash.hmacSha1Hex(o.secretKey ?? t.emu.secretKey, keyTime);
  const signature = await nodeHash.hmacSha1Hex(signKey, await nodeHash.sha1Hex(policy));
  const fields: Record<string, string> = {
    key: o.key,
    policy: Buffer.from(policy).toString('base64'),
    'q-sign-algorithm': 'sha1',
    'q-ak': secretId,
    'q-key-time': keyTime,
    'q-signature': signature,
    ...(o.token ? { 'x-cos-security-token': o.token } : {}),
    ...o.fields,
  };
  const boundary = '----cosEmulatorTest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${o.filename ?? 'upload.bin'}"\r\nContent-Type: image/png\r\n\r\n`));
  parts.push(o.file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function post(t: TestEmulator, o: FormOptions) {
  const { body, contentType } = await form(t, o);
  return rawRequest(t, { method: 'POST', path: `/${BUCKET}/`, headers: { 'Content-Type': contentType }, body });
}

describe('POST Object (form upload with policy, docs/protocol.md#form-upload-policy / docs/protocol.md#post-object)', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
  });
  after(() => t.close());

  test('a signed form stores the file (204 with ETag and Location); ${filename} is substituted', async () => {
    const file = bytes(150_000, 4);
    const res = await post(t, { key: 'forms/${filename}', filename: 'photo.png', file, fields: { 'Content-Type': 'image/png', 'x-cos-meta-src': 'form' } });
    assert.equal(res.status, 204, res.text);
    assert.equal(res.headers.etag, `"${md5Hex(file)}"`);
    assert.equal(res.headers.location, `${t.url}/${BUCKET}/forms/photo.png`);
    const get = await cos(t, { method: 'GET', key: 'forms/photo.png' });
    assert.ok(get.body.equals(file));
    assert.equal(get.headers['content-type'], 'image/png');
    assert.equal(get.headers['x-cos-meta-src'], 'form');
    const entry = t.emu.log.find((e) => e.action === 'PostObject');
    assert.deepEqual(entry && { key: entry.key, status: entry.status }, { key: 'forms/photo.png', status: 204 });
  });

  test('a file containing boundary-like bytes and CRLFs survives intact', async () => {
    const file = Buffer.concat([Buffer.from('\r\n--not-the-boundary\r\n\r\n'), bytes(70_000, 8), Buffer.from('\r\n--')]);
    const res = await post(t, { key: 'forms/tricky.bin', file });
    assert.equal(res.status, 204);
    assert.ok((await cos(t, { method: 'GET', key: 'forms/tricky.bin' })).body.equals(file));
  });

  test('success_action_status 201 answers PostResponse XML; success_action_redirect answers 303', async () => {
    const created = await post(t, { key: 'forms/201.bin', file: bytes(10), fields: { success_action_status: '201' } });
    assert.equal(created.status, 201);
    assert.equal(xmlField(created.text, 'Key'), 'forms/201.bin');
    const redirected = await post(t, { key: 'forms/303.bin', file: bytes(10), fields: { success_action_redirect: 'http://localhost/done' } });
    assert.equal(redirected.status, 303);
    assert.match(String(redirected.headers.location), /^http:\/\/localhost\/done\?bucket=examplebucket-1250000000&key=forms%2F303.bin&etag=%22[0-9a-f]{32}%22$/);
  });

  test('policy conditions: starts-with, eq and content-length-range are enforced', async () => {
    const ok = await post(t, { key: 'user/1/a.bin', file: bytes(100), conditions: [['starts-with', '$key', 'user/1/'], ['content-length-range', 1, 1000]] });
    assert.equal(ok.status, 204);
    const prefix = await post(t, { key: 'user/2/a.bin', file: bytes(100), conditions: [['starts-with', '$key', 'user/1/']] });
    assert.equal(prefix.status, 403);
    assert.equal(xmlField(prefix.text, 'Code'), 'AccessDenied');
    const tooBig = await post(t, { key: 'user/1/big.bin', file: bytes(2000), conditions: [['content-length-range', 1, 1000]] });
    assert.equal(xmlField(tooBig.text, 'Code'), 'EntityTooLarge');
    assert.equal((await cos(t, { method: 'HEAD', key: 'user/1/big.bin' })).status, 404);
    const eq = await post(t, { key: 'user/1/eq.bin', file: bytes(1), conditions: [['eq', '$x-cos-meta-kind', 'avatar']], fields: { 'x-cos-meta-kind': 'banner' } });
    assert.equal(eq.status, 403);
    const missing = await post(t, { key: 'user/1/m.bin', file: bytes(1), conditions: [{ 'x-cos-meta-needed': 'yes' }] });
    assert.equal(missing.status, 403, 'a field named by the policy must be in the form');
    const bucket = await post(t, { key: 'user/1/b.bin', file: bytes(1), conditions: [{ bucket: BUCKET }] });
    assert.equal(bucket.status, 204);
    assert.deepEqual(tempFiles(t), []);
  });

  test('a wrong signature, an expired policy or an expired key time are refused', async () => {
    const wrong = await post(t, { key: 'forms/x', file: bytes(1), secretKey: 'wrong' });
    assert.equal(xmlField(wrong.text, 'Code'), 'SignatureDoesNotMatch');
    const expiredPolicy = await post(t, { key: 'forms/x', file: bytes(1), expiration: new Date(Date.now() - 1000).toISOString() });
    assert.equal(xmlField(expiredPolicy.text, 'Code'), 'AccessDenied');
    const now = Math.floor(Date.now() / 1000);
    const expiredKey = await post(t, { key: 'forms/x', file: bytes(1), keyTime: `${now - 100};${now - 10}` });
    assert.equal(xmlField(expiredKey.text, 'Message'), 'Request has expired');
  });

  test('temporary keys: the token field authorizes within the STS prefix only', async () => {
    const c = JSON.parse((await rawRequest(t, { method: 'GET', path: '/sts?prefix=sts-forms/' })).text);
    const creds = { secretId: c.Credentials.TmpSecretId, secretKey: c.Credentials.TmpSecretKey, token: c.Credentials.Token };
    assert.equal((await post(t, { key: 'sts-forms/a.bin', file: bytes(5), ...creds })).status, 204);
    const outside = await post(t, { key: 'elsewhere/a.bin', file: bytes(5), ...creds });
    assert.equal(xmlField(outside.text, 'Code'), 'AccessDenied');
  });

  test('malformed requests: not multipart, no file, missing key', async () => {
    const notForm = await cos(t, { method: 'POST', key: '', body: 'x', headers: { 'Content-Type': 'text/plain' } });
    assert.equal(xmlField(notForm.text, 'Code'), 'RequestIsNotMultiPartContent');
    const boundary = 'b0';
    const noFile = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\na\r\n--${boundary}--\r\n`);
    const res = await rawRequest(t, { method: 'POST', path: `/${BUCKET}/`, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body: noFile });
    assert.equal(xmlField(res.text, 'Code'), 'IncorrectNumberOfFilesInPostRequest');
    const noKey = await post(t, { key: '', file: bytes(1) });
    assert.equal(xmlField(noKey.text, 'Code'), 'MalformedPOSTRequest');
  });
});
