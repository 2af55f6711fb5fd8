import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendAuthorizationToUrl, getAuthorization } from '../../../src/core/auth/sign.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { BUCKET, cos, rawRequest, startEmulator, xmlField, type TestEmulator } from './helpers.js';

interface StsAnswer {
  Credentials: { TmpSecretId: string; TmpSecretKey: string; Token: string };
  StartTime: number;
  ExpiredTime: number;
  Expiration: string;
}

async function sts(t: TestEmulator, query = ''): Promise<StsAnswer> {
  const res = await rawRequest(t, { method: 'GET', path: `/sts${query}` });
  assert.equal(res.status, 200, res.text);
  return JSON.parse(res.text) as StsAnswer;
}

function asTemp(c: StsAnswer) {
  return { secretId: c.Credentials.TmpSecretId, secretKey: c.Credentials.TmpSecretKey, securityToken: c.Credentials.Token };
}

describe('STS: temporary keys', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
  });
  after(() => t.close());

  test('GET /sts answers the STS shape with server times; the secret key never appears', async () => {
    const res = await rawRequest(t, { method: 'GET', path: '/sts?prefix=uploads/&duration=600' });
    const c = JSON.parse(res.text) as StsAnswer;
    assert.ok(c.Credentials.TmpSecretId.startsWith('AKID'));
    assert.ok(c.Credentials.TmpSecretKey && c.Credentials.Token);
    assert.equal(String(c.StartTime).length, 10);
    assert.equal(c.ExpiredTime - c.StartTime, 600);
    assert.equal(c.Expiration, new Date(c.ExpiredTime * 1000).toISOString());
    assert.ok(!res.text.includes(t.emu.secretKey));
    assert.ok(res.headers['x-cos-request-id']);
  });

  test('temporary keys work with x-cos-security-token (unsigned, as the browser SDK sends it)', async () => {
    const creds = asTemp(await sts(t, '?prefix=uploads/'));
    const put = await cos(t, { method: 'PUT', key: 'uploads/a.txt', body: 'tmp', ...creds });
    assert.equal(put.status, 200, put.text);
    const get = await cos(t, { method: 'GET', key: 'uploads/a.txt', ...creds });
    assert.equal(get.text, 'tmp');
    const missingToken = await cos(t, { method: 'GET', key: 'uploads/a.txt', secretId: creds.secretId, secretKey: creds.secretKey });
    assert.equal(xmlField(missingToken.text, 'Code'), 'InvalidAccessKeyId');
    const forged = await cos(t, { method: 'GET', key: 'uploads/a.txt', ...creds, securityToken: creds.securityToken.slice(0, -2) + 'xx' });
    assert.equal(xmlField(forged.text, 'Code'), 'InvalidAccessKeyId');
  });

  test('the token may also be signed as a header (Go SDK style) or sent in a pre-signed URL', async () => {
    const c = await sts(t, '?prefix=uploads/');
    const creds = asTemp(c);
    const signedToken = await cos(t, { method: 'PUT', key: 'uploads/go.txt', body: 'go', secretId: creds.secretId, secretKey: creds.secretKey, headers: { 'x-cos-security-token': creds.securityToken } });
    assert.equal(signedToken.status, 200, signedToken.text);
    const host = `127.0.0.1:${t.port}`;
    const authorization = await getAuthorization({ SecretId: creds.secretId, SecretKey: creds.secretKey, Method: 'GET', Key: 'uploads/go.txt', Headers: { Host: host } }, nodeHash);
    const path = appendAuthorizationToUrl(`/${BUCKET}/uploads/go.txt`, authorization, creds.securityToken);
    const res = await rawRequest(t, { method: 'GET', path });
    assert.equal(res.text, 'go');
  });

  test('scope: a key outside the prefix or an action not granted is 403 AccessDenied', async () => {
    const creds = asTemp(await sts(t, '?prefix=uploads/&actions=PutObject,HeadObject'));
    const outside = await cos(t, { method: 'PUT', key: 'private/a.txt', body: 'x', ...creds });
    assert.equal(outside.status, 403);
    assert.equal(xmlField(outside.text, 'Code'), 'AccessDenied');
    const notGranted = await cos(t, { method: 'DELETE', key: 'uploads/a.txt', ...creds });
    assert.equal(xmlField(notGranted.text, 'Code'), 'AccessDenied');
    const getDenied = await cos(t, { method: 'GET', key: 'uploads/a.txt', ...creds });
    assert.equal(xmlField(getDenied.text, 'Code'), 'AccessDenied');
    assert.equal((await cos(t, { method: 'HEAD', key: 'uploads/a.txt', ...creds })).status, 200);
  });

  test('default actions cover the whole multipart flow including ListMultipartUploads', async () => {
    const creds = asTemp(await sts(t, '?prefix=mp/'));
    const list = await cos(t, { method: 'GET', key: '', query: { uploads: '', prefix: 'mp/file' }, ...creds });
    assert.equal(list.status, 200, list.text);
    const init = await cos(t, { method: 'POST', key: 'mp/file', query: { uploads: '' }, ...creds });
    const uploadId = xmlField(init.text, 'UploadId')!;
    const put = await cos(t, { method: 'PUT', key: 'mp/file', query: { partNumber: '1', uploadId }, body: 'x', ...creds });
    assert.equal(put.status, 200);
    assert.equal((await cos(t, { method: 'GET', key: 'mp/file', query: { uploadId }, ...creds })).status, 200);
    assert.equal((await cos(t, { method: 'DELETE', key: 'mp/file', query: { uploadId }, ...creds })).status, 204);
    const listAll = await cos(t, { method: 'GET', key: '', query: { uploads: '', prefix: '' }, ...creds });
    assert.equal(xmlField(listAll.text, 'Code'), 'AccessDenied', 'listing outside the prefix is refused');
  });

  test('expiry: after ExpiredTime the key is refused (server clock moved forward)', async () => {
    const c = await sts(t, '?prefix=exp/&duration=1');
    const creds = asTemp(c);
    const keyTime = `${c.StartTime};${c.StartTime + 3600}`;
    assert.equal((await cos(t, { method: 'PUT', key: 'exp/a', body: 'x', keyTime, ...creds })).status, 200);
    t.emu.setClockSkew(5);
    try {
      const late = await cos(t, { method: 'PUT', key: 'exp/a', body: 'x', keyTime: `${c.StartTime + 5};${c.StartTime + 3600}`, ...creds });
      assert.equal(late.status, 400, 'docs/protocol.md#errors lists ExpiredToken under 400');
      assert.equal(xmlField(late.text, 'Code'), 'ExpiredToken');
      const sdkStyle = await cos(t, { method: 'PUT', key: 'exp/a', body: 'x', keyTime: `${c.StartTime};${c.ExpiredTime}`, ...creds });
      assert.equal(xmlField(sdkStyle.text, 'Message'), 'Request has expired', 'the SDK signs StartTime;ExpiredTime');
    } finally {
      t.emu.setClockSkew(0);
    }
  });

  test('POST /sts with JSON; invalid duration or action → 400 JSON error; STS answers carry CORS headers', async () => {
    const res = await rawRequest(t, {
      method: 'POST', path: '/sts', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:5173' },
      body: JSON.stringify({ prefix: 'json/', actions: ['name/cos:PutObject'], duration: 60 }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'http://localhost:5173');
    const c = JSON.parse(res.text) as StsAnswer;
    assert.equal(c.ExpiredTime - c.StartTime, 60);
    const tooLong = await rawRequest(t, { method: 'GET', path: '/sts?duration=7201' });
    assert.equal(tooLong.status, 400);
    assert.equal(JSON.parse(tooLong.text).Code, 'InvalidArgument');
    const badAction = await rawRequest(t, { method: 'GET', path: '/sts?actions=Nope' });
    assert.equal(badAction.status, 400);
  });

  test('STS StartTime follows the server clock (skew included), so clients with wrong clocks still sign validly', async () => {
    t.emu.setClockSkew(-3600);
    try {
      const c = await sts(t);
      assert.ok(Math.abs(c.StartTime - (Math.floor(Date.now() / 1000) - 3600)) <= 2);
      const put = await cos(t, { method: 'PUT', key: 'skewed.txt', body: 'x', keyTime: `${c.StartTime};${c.ExpiredTime}`, ...asTemp(c) });
      assert.equal(put.status, 200);
    } finally {
      t.emu.setClockSkew(0);
    }
  });
});

describe('POST /sign: the signing backend', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator({ signPrefix: 'public/' });
  });
  after(() => t.close());

  test('signs a request under the prefix with the permanent key; refuses other keys', async () => {
    const host = `127.0.0.1:${t.port}`;
    const res = await rawRequest(t, {
      method: 'POST', path: '/sign', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'PUT', pathname: '/public/a.txt', query: {}, headers: { Host: host, 'Content-Length': '2' } }),
    });
    assert.equal(res.status, 200);
    const { authorization } = JSON.parse(res.text) as { authorization: string };
    assert.match(authorization, /^q-sign-algorithm=sha1&q-ak=AKIDtestPermanentKey&/);
    assert.ok(!res.text.includes(t.emu.secretKey));
    const put = await rawRequest(t, { method: 'PUT', path: `/${BUCKET}/public/a.txt`, headers: { Host: host, Authorization: authorization }, body: 'ok' });
    assert.equal(put.status, 200);
    const refused = await rawRequest(t, { method: 'POST', path: '/sign', body: JSON.stringify({ method: 'PUT', pathname: '/private/a.txt' }) });
    assert.equal(refused.status, 403);
    const malformed = await rawRequest(t, { method: 'POST', path: '/sign', body: '{not json' });
    assert.equal(malformed.status, 400);
  });
});
