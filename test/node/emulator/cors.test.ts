import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BUCKET, cos, rawRequest, startEmulator, xmlField, type TestEmulator } from './helpers.js';

const EXPECTED_EXPOSED = ['ETag', 'Date', 'Content-Length', 'x-cos-request-id', 'x-cos-hash-crc64ecma'];

describe('CORS (docs/protocol.md#cors)', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator({ allowedOrigins: ['http://localhost:5173', 'https://*.example.com'] });
  });
  after(() => t.close());

  test('preflight from an allowed origin: 200, methods, echoed headers, exposure, max-age; no signature needed', async () => {
    const res = await rawRequest(t, {
      method: 'OPTIONS', path: `/${BUCKET}/a.txt`,
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization,content-type,x-cos-meta-origin,pic-operations' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'http://localhost:5173');
    assert.equal(res.headers['access-control-allow-methods'], 'GET,PUT,POST,DELETE,HEAD');
    assert.equal(res.headers['access-control-allow-headers'], 'authorization,content-type,x-cos-meta-origin,pic-operations');
    assert.equal(res.headers['access-control-max-age'], '600');
    for (const h of EXPECTED_EXPOSED) assert.ok(String(res.headers['access-control-expose-headers']).split(',').includes(h), h);
    assert.equal(res.headers.server, 'tencent-cos');
    assert.ok(res.headers['x-cos-request-id']);
  });

  test('a wildcard rule matches subdomains; other origins and methods are 403 AccessForbidden', async () => {
    const wild = await rawRequest(t, { method: 'OPTIONS', path: `/${BUCKET}/a`, headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(wild.status, 200);
    const denied = await rawRequest(t, { method: 'OPTIONS', path: `/${BUCKET}/a`, headers: { Origin: 'http://evil.test', 'Access-Control-Request-Method': 'PUT' } });
    assert.equal(denied.status, 403);
    assert.equal(xmlField(denied.text, 'Code'), 'AccessForbidden');
    const method = await rawRequest(t, { method: 'OPTIONS', path: `/${BUCKET}/a`, headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PATCH' } });
    assert.equal(method.status, 403);
  });

  test('actual responses (success and error) carry Allow-Origin and Expose-Headers', async () => {
    const origin = { Origin: 'http://localhost:5173' };
    const put = await cos(t, { method: 'PUT', key: 'cors.txt', body: 'x', unsignedHeaders: origin });
    assert.equal(put.headers['access-control-allow-origin'], 'http://localhost:5173');
    assert.match(String(put.headers['access-control-expose-headers']), /ETag/);
    const missing = await cos(t, { method: 'GET', key: 'nope', unsignedHeaders: origin });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['access-control-allow-origin'], 'http://localhost:5173');
    const foreign = await cos(t, { method: 'GET', key: 'cors.txt', unsignedHeaders: { Origin: 'http://evil.test' } });
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
  });

  test('the admin API answers preflights too (browser tests call it cross-origin)', async () => {
    const res = await rawRequest(t, { method: 'OPTIONS', path: '/-/faults', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    assert.equal(res.status, 200);
    const log = await rawRequest(t, { method: 'GET', path: '/-/log', headers: { Origin: 'http://localhost:5173' } });
    assert.equal(log.headers['access-control-allow-origin'], 'http://localhost:5173');
  });
});

test('default allowedOrigins is * (any origin is echoed)', async () => {
  const t = await startEmulator();
  try {
    const res = await rawRequest(t, { method: 'OPTIONS', path: `/${BUCKET}/x`, headers: { Origin: 'http://127.0.0.1:8000', 'Access-Control-Request-Method': 'GET' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'http://127.0.0.1:8000');
  } finally {
    await t.close();
  }
});
