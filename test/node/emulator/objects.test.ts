import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { crc64 } from '../../../src/core/integrity/crc64.js';
import { BUCKET, bytes, cos, md5Base64, md5Hex, rawRequest, startEmulator, tempFiles, xmlField, type TestEmulator } from './helpers.js';

describe('objects: PUT / GET / HEAD / DELETE', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
  });
  after(() => t.close());

  test('PUT answers the quoted MD5 and CRC-64 of the docs/protocol.md#put-object example, GET returns the bytes', async () => {
    const put = await cos(t, { method: 'PUT', key: 'docs/a.txt', body: '[Object Content]', headers: { 'Content-Type': 'text/plain' } });
    assert.equal(put.status, 200);
    assert.equal(put.headers.etag, '"ee8de918d05640145b18f70f4c3aa602"');
    assert.equal(put.headers['x-cos-hash-crc64ecma'], '16749565679157681890');
    assert.equal(put.headers.server, 'tencent-cos');
    assert.ok(put.headers['x-cos-request-id']);
    const get = await cos(t, { method: 'GET', key: 'docs/a.txt' });
    assert.equal(get.status, 200);
    assert.equal(get.text, '[Object Content]');
    assert.equal(get.headers['content-type'], 'text/plain');
    assert.equal(get.headers['x-cos-hash-crc64ecma'], '16749565679157681890');
    assert.deepEqual(tempFiles(t), []);
  });

  test('a binary body round-trips byte for byte; HEAD reports size, ETag, CRC and stored metadata', async () => {
    const data = bytes(300_000, 9);
    await cos(t, {
      method: 'PUT', key: 'bin/photo (1)+x.jpg', body: data,
      headers: { 'Content-Type': 'image/jpeg', 'x-cos-meta-origin': 'widget', 'Cache-Control': 'max-age=60', 'Content-Disposition': 'inline' },
    });
    const head = await cos(t, { method: 'HEAD', key: 'bin/photo (1)+x.jpg' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(data.length));
    assert.equal(head.headers.etag, `"${md5Hex(data)}"`);
    assert.equal(head.headers['x-cos-hash-crc64ecma'], crc64(data));
    assert.equal(head.headers['x-cos-meta-origin'], 'widget');
    assert.equal(head.headers['cache-control'], 'max-age=60');
    assert.equal(head.headers['content-disposition'], 'inline');
    assert.ok(head.headers['last-modified']);
    assert.equal(head.body.length, 0);
    const get = await cos(t, { method: 'GET', key: 'bin/photo (1)+x.jpg' });
    assert.ok(get.body.equals(data));
  });

  test('an empty object: MD5 of nothing, CRC 0, an empty body on GET', async () => {
    const put = await cos(t, { method: 'PUT', key: 'empty.bin', body: '' });
    assert.equal(put.status, 200);
    assert.equal(put.headers.etag, '"d41d8cd98f00b204e9800998ecf8427e"');
    assert.equal(put.headers['x-cos-hash-crc64ecma'], '0');
    const get = await cos(t, { method: 'GET', key: 'empty.bin' });
    assert.equal(get.status, 200);
    assert.equal(get.headers['content-length'], '0');
    assert.equal(get.body.length, 0);
  });

  test('an empty Cache-Control (the browser SDK sends one) is not stored', async () => {
    await cos(t, { method: 'PUT', key: 'empty-cc.txt', body: 'x', headers: { 'Cache-Control': '' } });
    const head = await cos(t, { method: 'HEAD', key: 'empty-cc.txt' });
    assert.equal(head.headers['cache-control'], undefined);
  });

  test('Range requests: 206 with Content-Range (and the whole-object CRC), suffix ranges, 416 InvalidRange', async () => {
    const data = bytes(1000, 2);
    await cos(t, { method: 'PUT', key: 'range.bin', body: data });
    const part = await cos(t, { method: 'GET', key: 'range.bin', headers: { Range: 'bytes=10-19' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-range'], 'bytes 10-19/1000');
    assert.ok(part.body.equals(data.subarray(10, 20)));
    assert.equal(part.headers['x-cos-hash-crc64ecma'], crc64(data));
    const suffix = await cos(t, { method: 'GET', key: 'range.bin', headers: { Range: 'bytes=-5' } });
    assert.ok(suffix.body.equals(data.subarray(995)));
    const open = await cos(t, { method: 'GET', key: 'range.bin', headers: { Range: 'bytes=990-' } });
    assert.ok(open.body.equals(data.subarray(990)));
    const bad = await cos(t, { method: 'GET', key: 'range.bin', headers: { Range: 'bytes=5000-6000' } });
    assert.equal(bad.status, 416);
    assert.equal(xmlField(bad.text, 'Code'), 'InvalidRange');
    assert.equal(bad.headers['content-range'], 'bytes */1000');
  });

  test('conditional GET: If-None-Match → 304, If-Match mismatch → 412 PreconditionFailed', async () => {
    const put = await cos(t, { method: 'PUT', key: 'cond.txt', body: 'hello' });
    const etag = String(put.headers.etag);
    assert.equal((await cos(t, { method: 'GET', key: 'cond.txt', headers: { 'If-None-Match': etag } })).status, 304);
    const failed = await cos(t, { method: 'GET', key: 'cond.txt', headers: { 'If-Match': '"0000"' } });
    assert.equal(failed.status, 412);
    assert.equal(xmlField(failed.text, 'Code'), 'PreconditionFailed');
    assert.equal((await cos(t, { method: 'GET', key: 'cond.txt', headers: { 'If-Match': etag } })).status, 200);
    const future = new Date(Date.now() + 3600_000).toUTCString();
    assert.equal((await cos(t, { method: 'GET', key: 'cond.txt', headers: { 'If-Modified-Since': future } })).status, 304);
  });

  test('response-* parameters override the response headers', async () => {
    await cos(t, { method: 'PUT', key: 'override.txt', body: 'x', headers: { 'Content-Type': 'text/plain' } });
    const get = await cos(t, {
      method: 'GET', key: 'override.txt',
      query: { 'response-content-type': 'application/octet-stream', 'response-content-disposition': 'attachment; filename="o.txt"' },
    });
    assert.equal(get.headers['content-type'], 'application/octet-stream');
    assert.equal(get.headers['content-disposition'], 'attachment; filename="o.txt"');
  });

  test('Content-MD5: a match stores, a mismatch is BadDigest, garbage is InvalidDigest; nothing is stored on error', async () => {
    const ok = await cos(t, { method: 'PUT', key: 'md5/ok', body: 'abc', headers: { 'Content-MD5': md5Base64('abc') } });
    assert.equal(ok.status, 200);
    const bad = await cos(t, { method: 'PUT', key: 'md5/bad', body: 'abc', headers: { 'Content-MD5': md5Base64('abd') } });
    assert.equal(bad.status, 400);
    assert.equal(xmlField(bad.text, 'Code'), 'BadDigest');
    const garbage = await cos(t, { method: 'PUT', key: 'md5/bad', body: 'abc', headers: { 'Content-MD5': 'not-base64!' } });
    assert.equal(xmlField(garbage.text, 'Code'), 'InvalidDigest');
    assert.equal((await cos(t, { method: 'HEAD', key: 'md5/bad' })).status, 404);
    assert.deepEqual(tempFiles(t), []);
  });

  test('overwriting replaces the object atomically and leaves one data file', async () => {
    await cos(t, { method: 'PUT', key: 'over.txt', body: 'first version' });
    await cos(t, { method: 'PUT', key: 'over.txt', body: 'second' });
    assert.equal((await cos(t, { method: 'GET', key: 'over.txt' })).text, 'second');
    const files = readdirSync(join(t.dataDir, BUCKET, 'objects'), { recursive: true }).map(String);
    const dataFiles = files.filter((f) => f.endsWith('.data'));
    const metaFiles = files.filter((f) => f.endsWith('.json'));
    assert.equal(dataFiles.length, metaFiles.length, 'one data file per object');
  });

  test('missing keys: GET/HEAD 404 NoSuchKey (error XML with Resource and RequestId); DELETE is 204 either way', async () => {
    const get = await cos(t, { method: 'GET', key: 'missing.txt' });
    assert.equal(get.status, 404);
    assert.equal(get.headers['content-type'], 'application/xml');
    assert.equal(xmlField(get.text, 'Code'), 'NoSuchKey');
    assert.equal(xmlField(get.text, 'Resource'), `${BUCKET}.cos.ap-guangzhou.myqcloud.com/missing.txt`);
    assert.equal(xmlField(get.text, 'RequestId'), get.headers['x-cos-request-id']);
    const head = await cos(t, { method: 'HEAD', key: 'missing.txt' });
    assert.equal(head.status, 404);
    await cos(t, { method: 'PUT', key: 'del.txt', body: 'x' });
    assert.equal((await cos(t, { method: 'DELETE', key: 'del.txt' })).status, 204);
    assert.equal((await cos(t, { method: 'HEAD', key: 'del.txt' })).status, 404);
    assert.equal((await cos(t, { method: 'DELETE', key: 'del.txt' })).status, 204);
  });

  test('key rules: > 850 bytes is KeyTooLong, control characters 24–27 are refused', async () => {
    const long = await cos(t, { method: 'PUT', key: 'k'.repeat(851), body: 'x' });
    assert.equal(long.status, 400);
    assert.equal(xmlField(long.text, 'Code'), 'KeyTooLong');
    assert.equal((await cos(t, { method: 'PUT', key: '字'.repeat(283), body: 'x' })).status, 200, '849 bytes is fine');
    const ctrl = await cos(t, { method: 'PUT', key: 'bad\u001bkey', body: 'x' });
    assert.equal(ctrl.status, 400);
    assert.equal(xmlField(ctrl.text, 'Code'), 'InvalidURI');
  });

  test('keys that look like paths cannot escape the data dir', async () => {
    const key = '../../../etc/evil';
    const put = await cos(t, { method: 'PUT', key, body: 'contained' });
    assert.equal(put.status, 200);
    assert.equal((await cos(t, { method: 'GET', key })).text, 'contained');
    const all = readdirSync(t.dataDir, { recursive: true }).map(String);
    assert.ok(all.every((f) => !f.includes('evil')));
  });

  test('PUT without Content-Length or chunked encoding is 411 MissingContentLength', async () => {
    const { getAuthorization } = await import('../../../src/core/auth/sign.js');
    const { nodeHash } = await import('../../../src/node/node-hash.js');
    const host = `127.0.0.1:${t.port}`;
    const authorization = await getAuthorization({ SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: 'PUT', Key: 'nolength', Headers: { Host: host } }, nodeHash);
    // node:http would add Transfer-Encoding: chunked, so write the request by hand.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(t.port, '127.0.0.1', () => {
        socket.write(`PUT /${BUCKET}/nolength HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${authorization}\r\nConnection: close\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (c) => (text += c.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 411/);
    assert.match(answer, /<Code>MissingContentLength<\/Code>/);
  });

  test('another bucket in the path is NoSuchBucket; unknown methods are MethodNotAllowed', async () => {
    const res = await rawRequest(t, { method: 'GET', path: '/otherbucket-1250000000/a', headers: {} });
    assert.equal(res.status, 404);
    assert.equal(xmlField(res.text, 'Code'), 'NoSuchBucket');
    const patch = await rawRequest(t, { method: 'PATCH', path: `/${BUCKET}/a`, headers: {} });
    assert.ok(patch.status === 405 || patch.status === 403);
  });

  test('GET bucket lists objects with prefix and delimiter', async () => {
    await cos(t, { method: 'PUT', key: 'list/a/1.txt', body: '1' });
    await cos(t, { method: 'PUT', key: 'list/a/2.txt', body: '2' });
    await cos(t, { method: 'PUT', key: 'list/b.txt', body: 'b' });
    const res = await cos(t, { method: 'GET', key: '', query: { prefix: 'list/', delimiter: '/' } });
    assert.equal(res.status, 200);
    assert.match(res.text, /<Contents><Key>list\/b.txt<\/Key>/);
    assert.match(res.text, /<CommonPrefixes><Prefix>list\/a\/<\/Prefix><\/CommonPrefixes>/);
  });
});

describe('objects: addressing', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
  });
  after(() => t.close());

  test('virtual-host style: Host <bucket>.cos.<region>.<anything> addresses the bucket, the path is the key', async () => {
    const host = `${BUCKET}.cos.ap-guangzhou.localhost:${t.port}`;
    const put = await cos(t, { method: 'PUT', key: 'vh/a b.txt', body: 'virtual', host });
    assert.equal(put.status, 200);
    assert.equal((await cos(t, { method: 'GET', key: 'vh/a b.txt' })).text, 'virtual', 'same object through path style');
    const other = await cos(t, { method: 'GET', key: 'vh/a b.txt', host: `otherbucket-1250000000.cos.ap-guangzhou.localhost:${t.port}` });
    assert.equal(xmlField(other.text, 'Code'), 'NoSuchBucket');
    const region = await cos(t, { method: 'GET', key: 'vh/a b.txt', host: `${BUCKET}.cos.ap-beijing.localhost:${t.port}` });
    assert.equal(xmlField(region.text, 'Code'), 'NoSuchBucket', 'the bucket lives in ap-guangzhou');
  });

  test('a fixed host without the bucket in the path addresses the default bucket', async () => {
    await cos(t, { method: 'PUT', key: 'fixed.txt', body: 'fixed' });
    const auth = await import('../../../src/core/auth/sign.js');
    const { nodeHash } = await import('../../../src/node/node-hash.js');
    const host = `127.0.0.1:${t.port}`;
    const authorization = await auth.getAuthorization({ SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: 'GET', Key: 'fixed.txt', Headers: { Host: host } }, nodeHash);
    const res = await rawRequest(t, { method: 'GET', path: '/fixed.txt', headers: { Host: host, Authorization: authorization } });
    assert.equal(res.status, 200);
    assert.equal(res.text, 'fixed');
  });

  test('a signature for one key does not authorize another (the signed path is the decoded key)', async () => {
    const auth = await import('../../../src/core/auth/sign.js');
    const { nodeHash } = await import('../../../src/node/node-hash.js');
    const host = `127.0.0.1:${t.port}`;
    const authorization = await auth.getAuthorization({ SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: 'GET', Key: 'fixed.txt', Headers: { Host: host } }, nodeHash);
    const res = await rawRequest(t, { method: 'GET', path: `/${BUCKET}/other.txt`, headers: { Host: host, Authorization: authorization } });
    assert.equal(res.status, 403);
    assert.equal(xmlField(res.text, 'Code'), 'SignatureDoesNotMatch');
  });
});
