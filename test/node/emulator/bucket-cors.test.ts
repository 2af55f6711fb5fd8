// Bucket CORS API and the Cloud Infinite switch: the emulator can be misconfigured the way a real bucket is.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUCKET, cos, rawRequest, startEmulator, xmlField, type TestEmulator } from './helpers.js';

const projectRoot = new URL('../../../', import.meta.url).pathname;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sdk = any;
const COS = createRequire(join(projectRoot, 'package.json'))('cos-nodejs-sdk-v5') as new (options: Record<string, unknown>) => Sdk;

const PAGE = 'https://app.example.com';
const NARROW_RULE = `<CORSConfiguration><CORSRule><AllowedOrigin>${PAGE}</AllowedOrigin>` +
  '<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>authorization</AllowedHeader>' +
  '<ExposeHeader>x-cos-request-id</ExposeHeader><MaxAgeSeconds>30</MaxAgeSeconds></CORSRule></CORSConfiguration>';

describe('bucket CORS API (PUT/GET/DELETE /?cors)', () => {
  let t: TestEmulator;
  let work: string;
  let sdk: Sdk;
  const call = (method: string, params: Record<string, unknown> = {}): Promise<{ err: Sdk; data: Sdk }> =>
    new Promise((resolve) => sdk[method]({ Bucket: t.emu.bucket, Region: t.emu.region, ...params }, (err: Sdk, data: Sdk) => resolve({ err, data })));
  const preflight = (origin: string, method: string, headers = '') => rawRequest(t, {
    method: 'OPTIONS', path: `/${BUCKET}/a.txt`,
    headers: { Origin: origin, 'Access-Control-Request-Method': method, ...(headers ? { 'Access-Control-Request-Headers': headers } : {}) },
  });

  before(async () => {
    t = await startEmulator();
    work = mkdtempSync(join(tmpdir(), 'cos-cors-sdk-'));
    sdk = new COS({ SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Protocol: 'http:', Domain: `127.0.0.1:${t.port}/{Bucket}`, ConfCwd: work });
  });
  after(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });
  beforeEach(() => t.emu.resetCors());

  test('the official SDK: getBucketCors on the default is empty; putBucketCors then getBucketCors round-trips the rule', async () => {
    const empty = await call('getBucketCors');
    assert.equal(empty.err, null);
    assert.deepEqual(empty.data.CORSRules, []);
    const put = await call('putBucketCors', {
      CORSRules: [{
        AllowedOrigin: [PAGE], AllowedMethod: ['GET', 'PUT', 'POST'], AllowedHeader: ['*'],
        ExposeHeader: ['ETag', 'x-cos-request-id'], MaxAgeSeconds: '600',
      }],
    });
    assert.equal(put.err, null, JSON.stringify(put.err));
    const got = await call('getBucketCors');
    assert.equal(got.err, null);
    assert.equal(got.data.CORSRules.length, 1);
    const rule = got.data.CORSRules[0];
    assert.deepEqual(rule.AllowedOrigins, [PAGE]);
    assert.deepEqual(rule.AllowedMethods, ['GET', 'PUT', 'POST']);
    assert.deepEqual(rule.AllowedHeaders, ['*']);
    assert.deepEqual(rule.ExposeHeaders, ['ETag', 'x-cos-request-id']);
    assert.equal(rule.MaxAgeSeconds, '600');
    const deleted = await call('deleteBucketCors');
    assert.equal(deleted.err, null);
    assert.deepEqual((await call('getBucketCors')).data.CORSRules, []);
  });

  test('preflights follow the stored rules: origin, method and each requested header', async () => {
    assert.equal((await cos(t, { method: 'PUT', query: { cors: '' }, body: NARROW_RULE, headers: { 'Content-Type': 'application/xml' } })).status, 200);
    const ok = await preflight(PAGE, 'PUT', 'authorization');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['access-control-allow-methods'], 'GET,PUT');
    assert.equal(ok.headers['access-control-max-age'], '30');
    assert.equal(ok.headers['access-control-expose-headers'], 'x-cos-request-id');
    const origin = await preflight('https://other.example.com', 'PUT');
    assert.equal(origin.status, 403);
    assert.equal(xmlField(origin.text, 'Code'), 'AccessForbidden');
    assert.equal((await preflight(PAGE, 'DELETE')).status, 403);
    assert.equal((await preflight(PAGE, 'PUT', 'authorization,x-cos-security-token')).status, 403);
  });

  test('actual answers expose only the matching rule\'s headers; no rule, no Allow-Origin', async () => {
    await cos(t, { method: 'PUT', query: { cors: '' }, body: NARROW_RULE });
    const put = await cos(t, { method: 'PUT', key: 'x.txt', body: 'hi', unsignedHeaders: { Origin: PAGE } });
    assert.equal(put.status, 200);
    assert.equal(put.headers['access-control-allow-origin'], PAGE);
    assert.equal(put.headers['access-control-expose-headers'], 'x-cos-request-id');
    const other = await cos(t, { method: 'GET', key: 'x.txt', unsignedHeaders: { Origin: 'https://other.example.com' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  test('DELETE leaves no rule: every preflight is refused; /-/cors restores the permissive default', async () => {
    assert.equal((await cos(t, { method: 'DELETE', query: { cors: '' } })).status, 204);
    assert.equal((await preflight(PAGE, 'GET')).status, 403);
    assert.equal((await rawRequest(t, { method: 'DELETE', path: '/-/cors' })).status, 204);
    assert.equal((await preflight(PAGE, 'PUT', 'authorization,pic-operations')).status, 200);
  });

  test('bad configurations get COS-format errors', async () => {
    const noMethod = await cos(t, { method: 'PUT', query: { cors: '' }, body: `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>` });
    assert.equal(noMethod.status, 400);
    assert.equal(xmlField(noMethod.text, 'Code'), 'MalformedXML');
    const badMethod = await cos(t, { method: 'PUT', query: { cors: '' }, body: `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>` });
    assert.equal(xmlField(badMethod.text, 'Code'), 'InvalidArgument');
    const notXml = await cos(t, { method: 'PUT', query: { cors: '' }, body: 'nope' });
    assert.equal(xmlField(notXml.text, 'Code'), 'MalformedXML');
    const unsigned = await rawRequest(t, { method: 'PUT', path: `/${BUCKET}/?cors`, body: NARROW_RULE });
    assert.equal(unsigned.status, 403);
  });
});

describe('a bucket without Cloud Infinite', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator({ ciEnabled: false });
  });
  after(() => t.close());

  const picOperations = JSON.stringify({ is_pic_info: 1, rules: [{ fileid: 'out.png', rule: 'imageMogr2/thumbnail/1x1' }] });

  test('Pic-Operations on PUT and cloud processing are refused with 403 NoProcessAuthority; plain uploads work', async () => {
    const plain = await cos(t, { method: 'PUT', key: 'plain.txt', body: 'hello' });
    assert.equal(plain.status, 200);
    const put = await cos(t, { method: 'PUT', key: 'a.png', body: 'x', headers: { 'Pic-Operations': picOperations } });
    assert.equal(put.status, 403);
    assert.equal(xmlField(put.text, 'Code'), 'NoProcessAuthority');
    const cloud = await cos(t, { method: 'POST', key: 'plain.txt', query: { image_process: '' }, headers: { 'Pic-Operations': picOperations } });
    assert.equal(xmlField(cloud.text, 'Code'), 'NoProcessAuthority');
  });

  test('the switch flips at run time (setCiEnabled and POST /-/ci)', async () => {
    t.emu.setCiEnabled(true);
    const unbound = await rawRequest(t, { method: 'POST', path: '/-/ci', body: '{"enabled":false}' });
    assert.equal(unbound.status, 204);
    const refused = await cos(t, { method: 'PUT', key: 'b.png', body: 'x', headers: { 'Pic-Operations': picOperations } });
    assert.equal(refused.status, 403);
    const bad = await rawRequest(t, { method: 'POST', path: '/-/ci', body: '{"enabled":"no"}' });
    assert.equal(bad.status, 400);
  });
});
