import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CosClient } from '../../../src/core/client.js';
import { FetchTransport } from '../../../src/core/http/fetch-transport.js';
import { CosError } from '../../../src/core/http/errors.js';
import { createCredentialsProvider } from '../../../src/core/auth/credentials.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { startFakeCos, verifySignature, parseAuthorization, xml, type FakeAnswer, type FakeCos, type SeenRequest } from './fixtures/fake-cos-server.js';
import type { TokenProvider } from '../../../src/core/types.js';

const BUCKET = 'examplebucket-1250000000';
const SECRET = 'tmpSecretKeyEXAMPLE';
const TOKEN = 'sessToken+/=EXAMPLE';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/xml/${name}`, import.meta.url), 'utf8');

function testProvider(): TokenProvider {
  return createCredentialsProvider({
    name: 'test',
    getCredentials: async () => ({ TmpSecretId: 'AKIDtest', TmpSecretKey: SECRET, SecurityToken: TOKEN, ExpiredTime: Math.floor(Date.now() / 1000) + 3600 }),
    hash: nodeHash,
  });
}

let server: FakeCos | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(answer: (req: SeenRequest, n: number) => FakeAnswer | Promise<FakeAnswer>, endpoint?: (url: string) => string) {
  server = await startFakeCos(answer);
  const client = new CosClient({
    bucket: BUCKET, region: 'ap-guangzhou', endpoint: endpoint ? endpoint(server.url) : server.url,
    tokenProvider: testProvider(), transport: new FetchTransport(), sleep: async () => undefined,
  });
  return { client, requests: server.requests, url: server.url };
}

async function assertSigned(req: SeenRequest, pathname: string, headerList: string, paramList: string) {
  const { ok, auth } = await verifySignature(req, SECRET, pathname);
  assert.ok(ok, `signature of ${req.method} ${req.url} does not verify`);
  assert.equal(auth['q-header-list'], headerList);
  assert.equal(auth['q-url-param-list'], paramList);
  assert.equal(auth['q-ak'], 'AKIDtest');
}

describe('CosClient: requests on the wire', () => {
  it('putObject signs content-length;host (not content-type), sends the STS token, returns etag/location/requestId', async () => {
    const { client, requests, url } = await setup(() => ({ headers: { ETag: '"5d41402abc4b2a76b9719d911017c592"' } }));
    const result = await client.putObject('uploads/photo.jpg', new Blob(['hello'], { type: 'image/jpeg' }), { headers: { 'Content-Type': 'image/jpeg' } });
    const req = requests[0];
    assert.equal(req.method, 'PUT');
    assert.equal(req.url, '/uploads/photo.jpg');
    assert.equal(req.body.toString(), 'hello');
    assert.equal(req.headers['content-type'], 'image/jpeg');
    assert.equal(req.headers['x-cos-security-token'], TOKEN);
    await assertSigned(req, '/uploads/photo.jpg', 'content-length;host', '');
    assert.deepEqual(result, {
      key: 'uploads/photo.jpg', etag: '"5d41402abc4b2a76b9719d911017c592"', location: `${url.replace('http://', '')}/uploads/photo.jpg`,
      requestId: 'req-1', uploadResult: undefined,
    });
  });

  it('putObject with Pic-Operations and x-cos-meta signs them and parses <UploadResult>', async () => {
    const { client, requests } = await setup(() => ({ headers: { ...xml, ETag: '"0cc175b9c0f1b6a831c399e269772661"' }, body: fixture('upload-result-two.xml') }));
    const pic = '{"is_pic_info":1,"rules":[{"fileid":"a_thumb.webp","rule":"imageMogr2/thumbnail/200x/format/webp"}]}';
    const result = await client.putObject('img/a.png', new Blob(['1234567']), { picOperations: pic, headers: { 'x-cos-meta-origin': 'widget', 'Cache-Control': '' } });
    assert.equal(requests[0].headers['pic-operations'], pic);
    await assertSigned(requests[0], '/img/a.png', 'content-length;host;pic-operations;x-cos-meta-origin', '');
    assert.deepEqual(result.uploadResult?.processResults.map((o) => o.key), ['img/a_thumb.webp', 'img/a_anim.gif']);
    assert.equal(result.etag, '"0cc175b9c0f1b6a831c399e269772661"');
  });

  it('encodes keys as the SDK does (V4) and signs the decoded path', async () => {
    const { client, requests } = await setup(() => ({ headers: { ETag: '"x"' } }));
    const key = "相册/my photo (1)+!'*~&=;$@#.jpg";
    await client.putObject(key, new Blob(['x']));
    assert.equal(requests[0].url, '/%E7%9B%B8%E5%86%8C/my%20photo%20%281%29%2B%21%27%2A~%26%3D%3B%24%40%23.jpg');
    await assertSigned(requests[0], `/${key}`, 'content-length;host', '');
  });

  it('path-style endpoint: the bucket is in the URL path but the signed pathname is /key', async () => {
    const { client, requests } = await setup(() => ({ headers: { ETag: '"x"' } }), (u) => `${u}/{Bucket}`);
    await client.putObject('a/b.txt', new Blob(['x']));
    assert.equal(requests[0].path, `/${BUCKET}/a/b.txt`);
    await assertSigned(requests[0], '/a/b.txt', 'content-length;host', '');
  });

  it('a multipart upload: initiate, parts, paged ListParts, Complete with the SDK body, abort', async () => {
    const uploadId = '1700000000b02a0ad3de936ad8db81a297edd7d1fe';
    const { client, requests } = await setup((req) => {
      const q = new Map(req.query);
      if (req.method === 'POST' && q.has('uploads')) return { headers: xml, body: fixture('initiate.xml').replace(/<UploadId>[^<]*/, `<UploadId>${uploadId}`) };
      if (req.method === 'PUT') return { headers: { ETag: `"etag-${q.get('partNumber')}"` } };
      if (req.method === 'GET' && !q.has('part-number-marker')) return { headers: xml, body: fixture('list-parts-many.xml') };
      if (req.method === 'GET') return { headers: xml, body: fixture('list-parts-one.xml').replace('<PartNumber>1<', '<PartNumber>4<') };
      if (req.method === 'POST') return { headers: xml, body: fixture('complete-pic.xml') };
      return { status: 204 };
    });
    const init = await client.initiateMultipartUpload('big/video.mp4', { headers: { 'x-cos-meta-origin': 'widget', 'Content-Type': 'video/mp4' } });
    assert.equal(init.uploadId, uploadId);
    await assertSigned(requests[0], '/big/video.mp4', 'host;x-cos-meta-origin', 'uploads');
    assert.equal(requests[0].url, '/big/video.mp4?uploads');

    const progress: number[] = [];
    const part = await client.uploadPart('big/video.mp4', uploadId, 2, new Blob([new Uint8Array(1024)]), { onProgress: (loaded) => progress.push(loaded) });
    assert.deepEqual(part, { etag: '"etag-2"' });
    assert.equal(requests[1].url, `/big/video.mp4?partNumber=2&uploadId=${uploadId}`);
    await assertSigned(requests[1], '/big/video.mp4', 'content-length;host', 'partnumber;uploadid');
    assert.deepEqual(progress, [1024]);

    const parts = await client.listParts('big/video.mp4', uploadId);
    assert.deepEqual(parts.map((p) => p.partNumber), [1, 2, 3, 4]);
    assert.equal(requests[3].url, `/big/video.mp4?uploadId=${uploadId}&part-number-marker=3`);
    await assertSigned(requests[3], '/big/video.mp4', 'host', 'part-number-marker;uploadid');

    const pic = '{"is_pic_info":1,"rules":[{"fileid":"x.jpg","rule":"imageMogr2/format/jpg"}]}';
    const done = await client.completeMultipartUpload('big/video.mp4', uploadId, [{ partNumber: 2, etag: '"b"' }, { partNumber: 1, etag: '"a"' }], { picOperations: pic });
    const complete = requests[4];
    assert.equal(complete.body.toString(), '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;a&quot;</ETag></Part><Part><PartNumber>2</PartNumber><ETag>&quot;b&quot;</ETag></Part></CompleteMultipartUpload>');
    assert.equal(complete.headers['content-type'], 'application/xml');
    await assertSigned(complete, '/big/video.mp4', 'content-length;host;pic-operations', 'uploadid');
    assert.equal(done.etag, '"915fca1c6b9d0ffb9a1c8b3f3a5a6f2e-2"');
    assert.equal(done.uploadResult?.originalInfo.imageInfo?.orientation, 6);

    await client.abortMultipartUpload('big/video.mp4', uploadId);
    assert.equal(requests[5].method, 'DELETE');
    await assertSigned(requests[5], '/big/video.mp4', 'host', 'uploadid');
  });

  it('an <Error> inside a 200 Complete body is retried like the error it describes', async () => {
    const { client, requests } = await setup((_req, n) => ({ headers: xml, body: n === 1 ? fixture('complete-error-in-200.xml') : fixture('complete.xml') }));
    const done = await client.completeMultipartUpload('exampleobject', 'u1', [{ partNumber: 1, etag: '"a"' }]);
    assert.equal(requests.length, 2);
    assert.equal(done.key, 'exampleobject');
  });

  it('headObject, deleteObject', async () => {
    const { client, requests } = await setup((req) => (req.method === 'HEAD'
      ? { headers: { ETag: '"e"', 'Content-Type': 'image/png', 'Content-Length': '16', 'Last-Modified': 'Fri, 10 Apr 2020 18:17:25 GMT' } }
      : { status: 204 }));
    const head = await client.headObject('a.png');
    assert.deepEqual([head.etag, head.size, head.contentType, head.lastModified, head.requestId], ['"e"', 16, 'image/png', 'Fri, 10 Apr 2020 18:17:25 GMT', 'req-1']);
    await assertSigned(requests[0], '/a.png', 'host', '');
    await client.deleteObject('a.png');
    assert.equal(requests[1].method, 'DELETE');
    await assertSigned(requests[1], '/a.png', 'host', '');
  });

  it('listMultipartUploads is bucket-level (/?uploads&prefix=) and follows pages', async () => {
    const page1 = '<ListMultipartUploadsResult><Upload><Key>big/a</Key><UploadId>u1</UploadId></Upload><IsTruncated>true</IsTruncated><NextKeyMarker>big/a</NextKeyMarker><NextUploadIdMarker>u1</NextUploadIdMarker></ListMultipartUploadsResult>';
    const { client, requests } = await setup((_req, n) => ({ headers: xml, body: n === 1 ? page1 : fixture('list-multipart-uploads.xml') }));
    const uploads = await client.listMultipartUploads('big/');
    assert.deepEqual(uploads.map((u) => u.uploadId), ['u1', '1700000000b02a0ad3de936ad8db81a297edd7d1fe']);
    assert.equal(requests[0].url, '/?uploads&prefix=big%2F');
    await assertSigned(requests[0], '/', 'host', 'prefix;uploads');
    assert.equal(requests[1].url, '/?uploads&prefix=big%2F&key-marker=big%2Fa&upload-id-marker=u1');
    await assertSigned(requests[1], '/', 'host', 'key-marker;prefix;upload-id-marker;uploads');
  });

  it('paging that does not advance is an InvalidResponse, not an endless loop', async () => {
    const stuckUploads = '<ListMultipartUploadsResult><IsTruncated>true</IsTruncated><NextKeyMarker>k</NextKeyMarker><NextUploadIdMarker>u</NextUploadIdMarker></ListMultipartUploadsResult>';
    const stuckParts = '<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>0</NextPartNumberMarker></ListPartsResult>';
    const { client, requests } = await setup((req) => ({ headers: xml, body: req.path === '/' ? stuckUploads : stuckParts }));
    await assert.rejects(client.listMultipartUploads(''), (e: unknown) => e instanceof CosError && e.code === 'InvalidResponse' && /does not advance/.test(e.message));
    assert.equal(requests.length, 2);
    await assert.rejects(client.listParts('k', 'u'), (e: unknown) => e instanceof CosError && e.code === 'InvalidResponse');
    assert.equal(requests.length, 4);
  });

  it('imageProcess POSTs ?image_process with a signed Pic-Operations header', async () => {
    const { client, requests } = await setup(() => ({ headers: xml, body: fixture('upload-result.xml') }));
    const pic = '{"is_pic_info":1,"rules":[{"fileid":"thumb/a.webp","rule":"imageMogr2/thumbnail/200x/format/webp"}]}';
    const result = await client.imageProcess('filename.jpg', pic);
    assert.equal(requests[0].url, '/filename.jpg?image_process');
    await assertSigned(requests[0], '/filename.jpg', 'host;pic-operations', 'image_process');
    assert.equal(result.processResults[0].size, 463092);
  });

  it('getObjectUrl: a pre-signed GET the server accepts, token in the query, the rule appended unsigned', async () => {
    const { client, requests } = await setup(() => ({ headers: { 'Content-Type': 'image/webp' }, body: 'webp-bytes' }));
    const rule = 'imageMogr2/thumbnail/200x/format/webp';
    const url = await client.getObjectUrl('photos/a b.jpg', { query: rule, expires: 600 });
    assert.ok(url.endsWith(`&${rule}`));
    const res = await fetch(url);
    assert.equal(await res.text(), 'webp-bytes');
    const req = requests[0];
    assert.equal(req.headers.authorization, undefined);
    assert.equal(new Map(req.query).get('x-cos-security-token'), TOKEN);
    const { ok, auth } = await verifySignature(req, SECRET, '/photos/a b.jpg');
    assert.ok(ok);
    assert.equal(auth['q-header-list'], 'host');
    assert.equal(auth['q-url-param-list'], '');
    const [start, end] = auth['q-key-time'].split(';').map(Number);
    assert.equal(end - start, 600);
  });

  it('getObject returns the bytes as a Blob; a processing rule goes in the URL unsigned', async () => {
    const { client, requests } = await setup(() => ({ headers: { 'Content-Type': 'image/png' }, body: Buffer.from([1, 2, 3]) }));
    const blob = await client.getObject('a.png', { query: 'imageMogr2/format/png' });
    assert.deepEqual([...new Uint8Array(await blob.arrayBuffer())], [1, 2, 3]);
    assert.equal(requests[0].url, '/a.png?imageMogr2/format/png');
    await assertSigned(requests[0], '/a.png', 'host', '');
  });

  it('a 2xx PutObject/UploadPart without a readable ETag → MissingETag pointing at CORS ExposeHeaders', async () => {
    const { client } = await setup(() => ({}));
    for (const call of [() => client.putObject('a', new Blob(['x'])), () => client.uploadPart('a', 'u', 1, new Blob(['x']))]) {
      await assert.rejects(call(), (err: unknown) => err instanceof CosError && err.code === 'MissingETag' &&
        /add "ETag" to ExposeHeaders/.test(err.message) && err.requestId !== undefined);
    }
  });

  it('a signer answering {url} sends the request to that URL without an Authorization header', async () => {
    server = await startFakeCos(() => ({ headers: { ETag: '"x"' } }));
    const presigned = `${server.url}/k.txt?q-sign-algorithm=sha1&q-signature=abc`;
    const client = new CosClient({
      bucket: BUCKET, region: 'ap-guangzhou', endpoint: server.url, transport: new FetchTransport(),
      tokenProvider: { name: 'presigner', authorize: async () => ({ url: presigned }) },
    });
    await client.putObject('k.txt', new Blob(['x']));
    assert.equal(server.requests[0].url, '/k.txt?q-sign-algorithm=sha1&q-signature=abc');
    assert.equal(server.requests[0].headers.authorization, undefined);
    assert.equal(await client.getObjectUrl('k.txt', { query: 'imageMogr2/format/png' }), `${presigned}&imageMogr2/format/png`);
  });

  it('the security token is never signed (browser SDK behaviour) and Authorization is a COS signature', async () => {
    const { client, requests } = await setup(() => ({ headers: { ETag: '"x"' } }));
    await client.putObject('k', new Blob(['x']), { headers: { 'x-cos-security-token': 'should-be-replaced' } });
    const auth = parseAuthorization(String(requests[0].headers.authorization));
    assert.doesNotMatch(auth['q-header-list'], /security-token/);
    assert.equal(requests[0].headers['x-cos-security-token'], TOKEN);
  });
});

describe('CosClient construction', () => {
  const provider = { name: 'p', authorize: async () => ({ authorization: 'x' }) };
  it('checks bucket, region and endpoint', () => {
    assert.throws(() => new CosClient({ bucket: 'nobucketappid', region: 'ap-guangzhou', tokenProvider: provider }), /BucketName-APPID/);
    assert.throws(() => new CosClient({ bucket: BUCKET, region: 'ap guangzhou', tokenProvider: provider }), /Region/);
    assert.throws(() => new CosClient({ bucket: BUCKET, region: 'ap-guangzhou', endpoint: 'ftp://x/{Bucket}', tokenProvider: provider }), /not an http\(s\) URL/);
  });
  it('defaults to the COS host and to FetchTransport without XMLHttpRequest', () => {
    const client = new CosClient({ bucket: BUCKET, region: 'ap-guangzhou', tokenProvider: provider });
    assert.equal(client.location('a b.jpg'), `${BUCKET}.cos.ap-guangzhou.myqcloud.com/a%20b.jpg`);
  });
});
