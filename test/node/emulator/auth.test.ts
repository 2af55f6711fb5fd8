import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendAuthorizationToUrl, getAuthorization } from '../../../src/core/auth/sign.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { BUCKET, cos, rawRequest, startEmulator, xmlField, type TestEmulator } from './helpers.js';

const nowSec = () => Math.floor(Date.now() / 1000);

describe('auth: header signatures', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
    await cos(t, { method: 'PUT', key: 'auth/a.txt', body: 'secret' });
  });
  after(() => t.close());

  test('an unsigned request is 403 AccessDenied', async () => {
    const res = await rawRequest(t, { method: 'GET', path: `/${BUCKET}/auth/a.txt` });
    assert.equal(res.status, 403);
    assert.equal(xmlField(res.text, 'Code'), 'AccessDenied');
  });

  test('a wrong SecretKey is SignatureDoesNotMatch; an unknown SecretId is InvalidAccessKeyId', async () => {
    const wrongKey = await cos(t, { method: 'GET', key: 'auth/a.txt', secretKey: 'not-the-key' });
    assert.equal(wrongKey.status, 403);
    assert.equal(xmlField(wrongKey.text, 'Code'), 'SignatureDoesNotMatch');
    const wrongId = await cos(t, { method: 'GET', key: 'auth/a.txt', secretId: 'AKIDnobody' });
    assert.equal(wrongId.status, 403);
    assert.equal(xmlField(wrongId.text, 'Code'), 'InvalidAccessKeyId');
  });

  test('q-sign-time window: ended → AccessDenied "Request has expired"; start too far ahead → RequestTimeTooSkewed', async () => {
    const expired = await cos(t, { method: 'GET', key: 'auth/a.txt', keyTime: `${nowSec() - 1000};${nowSec() - 10}` });
    assert.equal(expired.status, 403);
    assert.equal(xmlField(expired.text, 'Code'), 'AccessDenied');
    assert.equal(xmlField(expired.text, 'Message'), 'Request has expired');
    const future = await cos(t, { method: 'GET', key: 'auth/a.txt', keyTime: `${nowSec() + 2000};${nowSec() + 3000}` });
    assert.equal(xmlField(future.text, 'Code'), 'RequestTimeTooSkewed');
    const slightlyAhead = await cos(t, { method: 'GET', key: 'auth/a.txt', keyTime: `${nowSec() + 60};${nowSec() + 900}` });
    assert.equal(slightlyAhead.status, 200, 'within the 900 s skew allowance');
  });

  test('only the listed headers are protected: unsigned extras pass, a changed signed header fails', async () => {
    const extra = await cos(t, {
      method: 'GET', key: 'auth/a.txt',
      unsignedHeaders: { 'Content-Type': 'text/plain', 'x-cos-meta-unsigned': '1', 'x-cos-security-token': '' },
    });
    assert.equal(extra.status, 200);
    const signed = await cos(t, { method: 'GET', key: 'auth/a.txt', headers: { 'x-cos-meta-tag': 'one' }, unsignedHeaders: { 'x-cos-meta-tag': 'two' } });
    assert.equal(xmlField(signed.text, 'Code'), 'SignatureDoesNotMatch');
  });

  test('signed query params are protected; unsigned ones (QueryString-style) are tolerated', async () => {
    const host = `127.0.0.1:${t.port}`;
    const authorization = await getAuthorization({
      SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: 'GET', Key: 'auth/a.txt',
      Query: { 'response-content-type': 'text/plain' }, Headers: { Host: host },
    }, nodeHash);
    const ok = await rawRequest(t, {
      method: 'GET', path: `/${BUCKET}/auth/a.txt?response-content-type=text%2Fplain&response-cache-control=no-cache`,
      headers: { Host: host, Authorization: authorization },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['cache-control'], 'no-cache');
    const tampered = await rawRequest(t, {
      method: 'GET', path: `/${BUCKET}/auth/a.txt?response-content-type=text%2Fhtml`,
      headers: { Host: host, Authorization: authorization },
    });
    assert.equal(xmlField(tampered.text, 'Code'), 'SignatureDoesNotMatch');
  });

  test('the received Host and Content-Length are what is verified', async () => {
    const other = await cos(t, {
      method: 'PUT', key: 'auth/b.txt', body: 'abc', headers: { Host: 'elsewhere:1' }, unsignedHeaders: { Host: `127.0.0.1:${t.port}` },
    });
    assert.equal(other.status, 403, 'signed for another host than the one used');
    const host = `127.0.0.1:${t.port}`;
    const authorization = await getAuthorization({
      SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: 'PUT', Key: 'auth/b.txt',
      Headers: { Host: host, 'Content-Length': '3' },
    }, nodeHash);
    const lying = await rawRequest(t, { method: 'PUT', path: `/${BUCKET}/auth/b.txt`, headers: { Host: host, Authorization: authorization }, body: 'abcd' });
    assert.equal(xmlField(lying.text, 'Code'), 'SignatureDoesNotMatch');
    const honest = await rawRequest(t, { method: 'PUT', path: `/${BUCKET}/auth/b.txt`, headers: { Host: host, Authorization: authorization }, body: 'abc' });
    assert.equal(honest.status, 200);
  });

  test('list entries in mixed case (old doc examples: uploadId) are normalised; q-key-time must equal q-sign-time', async () => {
    const host = `127.0.0.1:${t.port}`;
    const init = await cos(t, { method: 'POST', key: 'auth/mp', query: { uploads: '' } });
    const uploadId = xmlField(init.text, 'UploadId')!;
    const authorization = await getAuthorization({
      SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: 'GET', Key: 'auth/mp', Query: { uploadId }, Headers: { Host: host },
    }, nodeHash);
    const mixed = authorization.replace('q-url-param-list=uploadid', 'q-url-param-list=uploadId');
    const ok = await rawRequest(t, { method: 'GET', path: `/${BUCKET}/auth/mp?uploadId=${uploadId}`, headers: { Host: host, Authorization: mixed } });
    assert.equal(ok.status, 200);
    const keyTime = /q-key-time=([^&]+)/.exec(authorization)![1];
    const [start, end] = keyTime.split(';');
    const skewed = authorization.replace(`q-key-time=${keyTime}`, `q-key-time=${start};${Number(end) + 1}`);
    const bad = await rawRequest(t, { method: 'GET', path: `/${BUCKET}/auth/mp?uploadId=${uploadId}`, headers: { Host: host, Authorization: skewed } });
    assert.equal(xmlField(bad.text, 'Code'), 'SignatureDoesNotMatch');
  });
});

describe('auth: pre-signed URLs', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
    await cos(t, { method: 'PUT', key: 'dir/测试 file.jpg', body: 'presigned' });
  });
  after(() => t.close());

  async function presigned(method: string, key: string, query: Record<string, string> = {}): Promise<string> {
    const host = `127.0.0.1:${t.port}`;
    const authorization = await getAuthorization({
      SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: method, Key: key, Query: query, Headers: { Host: host },
    }, nodeHash);
    return appendAuthorizationToUrl(`/${BUCKET}/dir/%E6%B5%8B%E8%AF%95%20file.jpg`, authorization);
  }

  test('q-* params in the query (literal `;`, as the JS SDK emits them) authorize a GET', async () => {
    const path = await presigned('GET', 'dir/测试 file.jpg');
    assert.match(path, /q-sign-time=\d+;\d+/);
    const res = await rawRequest(t, { method: 'GET', path });
    assert.equal(res.status, 200);
    assert.equal(res.text, 'presigned');
  });

  test('URL-encoded q-* values (as the docs show) also work; a changed signature does not', async () => {
    const path = (await presigned('GET', 'dir/测试 file.jpg')).replace(/;/g, '%3B');
    assert.equal((await rawRequest(t, { method: 'GET', path })).status, 200);
    const broken = path.replace(/q-signature=([0-9a-f])/, (_m, c) => `q-signature=${c === '0' ? '1' : '0'}`);
    assert.equal(xmlField((await rawRequest(t, { method: 'GET', path: broken })).text, 'Code'), 'SignatureDoesNotMatch');
  });

  test('a double-encoded q-url-param-list (getObjectUrl with Query) is accepted', async () => {
    const host = `127.0.0.1:${t.port}`;
    const authorization = await getAuthorization({
      SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: 'HEAD', Key: 'dir/测试 file.jpg',
      Query: { 'a/b': '' }, Headers: { Host: host },
    }, nodeHash);
    assert.match(authorization, /q-url-param-list=a%2fb/);
    const doubled = authorization.replace('q-url-param-list=a%2fb', 'q-url-param-list=a%252fb');
    const path = `/${BUCKET}/dir/%E6%B5%8B%E8%AF%95%20file.jpg?${doubled}&a%2Fb=`;
    assert.equal((await rawRequest(t, { method: 'HEAD', path })).status, 200);
  });
});

describe('auth: official vectors of docs/protocol.md#test-vectors on the wire', () => {
  let t: TestEmulator;
  const host = 'examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com';
  const creds = { secretId: 'AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q', secretKey: 'BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz' };
  const prefix = 'q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1700000000;1700003600&q-key-time=1700000000;1700003600';
  before(async () => {
    t = await startEmulator({ ...creds, now: () => 1_700_000_100_000 });
  });
  after(() => t.close());

  test('V1 PUT Object verifies and stores', async () => {
    const res = await rawRequest(t, {
      method: 'PUT', path: '/uploads/photo.jpg', body: '[13 bytes...]',
      headers: { Host: host, Authorization: `${prefix}&q-header-list=content-length;host&q-url-param-list=&q-signature=7370a4febc136ced74936a957733a12956da7821` },
    });
    assert.equal(res.status, 200);
  });

  test('V3 UploadPart verifies (then NoSuchUpload: the upload id is the vector\'s)', async () => {
    const res = await rawRequest(t, {
      method: 'PUT', path: '/big/video.mp4?partNumber=1&uploadId=1700000000b02a0ad3de936ad8db81a297edd7d1fe',
      headers: { Host: host, 'Content-Length': '1048576', Authorization: `${prefix}&q-header-list=content-length;host&q-url-param-list=partnumber;uploadid&q-signature=9ccd2a0acb10947dc7c2310f7a4c072b4fc2b337` },
      body: Buffer.alloc(1048576),
    });
    assert.equal(xmlField(res.text, 'Code'), 'NoSuchUpload');
  });

  test('V4 key with space, unicode and specials verifies (then NoSuchKey)', async () => {
    const res = await rawRequest(t, {
      method: 'GET', path: '/%E7%9B%B8%E5%86%8C/my%20photo%20%281%29%2B%21%27%2A~%26%3D%3B%24%40%23.jpg',
      headers: { Host: host, Authorization: `${prefix}&q-header-list=host&q-url-param-list=&q-signature=e687a7d8a6414adcedb5ea902ebebaf93954bbd8` },
    });
    assert.equal(xmlField(res.text, 'Code'), 'NoSuchKey');
  });

  test('the pre-signed URL of docs/protocol.md#pre-signed-urls (token verbatim with +/=) verifies', async () => {
    const res = await rawRequest(t, {
      method: 'GET',
      path: `/dir/%E6%B5%8B%E8%AF%95%20file.jpg?${prefix}&q-header-list=host&q-url-param-list=&q-signature=fa96c4b75e5c102a1e8b2cd2c6fca7ff4f723182&x-cos-security-token=sessTokenEXAMPLE+/=token`,
      headers: { Host: host },
    });
    assert.equal(xmlField(res.text, 'Code'), 'NoSuchKey');
  });

  test('doc #1 (signs Date, Content-Type, x-cos-acl…) verifies under its own clock', async () => {
    const docEmu = await startEmulator({ ...creds, region: 'ap-beijing', now: () => 1_557_989_200_000 });
    try {
      const res = await rawRequest(docEmu, {
        method: 'PUT', path: '/exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)', body: 'ObjectContent',
        headers: {
          Host: 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com', Date: 'Thu, 16 May 2019 06:45:51 GMT',
          'Content-Type': 'text/plain', 'Content-MD5': 'mQ/fVh815F3k6TAUm8m0eg==', 'x-cos-acl': 'private', 'x-cos-grant-read': 'uin="100000000011"',
          Authorization: 'q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989151;1557996351&q-key-time=1557989151;1557996351&q-header-list=content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read&q-url-param-list=&q-signature=3b8851a11a569213c17ba8fa7dcf2abec6935172',
        },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.etag, '"99' + '0fdf561f35e45de4e930149bc9b47a"');
    } finally {
      await docEmu.close();
    }
  });
});
