// The HTTP routes around the image module: Pic-Operations on PUT / Complete / POST ?image_process,
// download-time processing, and picture jobs. The image rules themselves are tested in image-*.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { getAuthorization } from '../../../src/core/auth/sign.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { BUCKET, completeBody, cos, md5Base64, rawRequest, startEmulator, xmlField, type TestEmulator } from './helpers.js';

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toBuffer();
}

const picOps = (rules: { fileid: string; rule: string }[], isPicInfo = 1) => JSON.stringify({ is_pic_info: isPicInfo, rules });

describe('image processing routes', () => {
  let t: TestEmulator;
  let image: Buffer;
  before(async () => {
    t = await startEmulator();
    image = await png(120, 80);
  });
  after(() => t.close());

  test('PUT with Pic-Operations stores the original and the output and answers <UploadResult>', async () => {
    const res = await cos(t, {
      method: 'PUT', key: 'img/photo.png', body: image, headers: { 'Content-Type': 'image/png', 'Pic-Operations': picOps([{ fileid: 'thumb.webp', rule: 'imageMogr2/thumbnail/60x/format/webp' }]) },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers['content-type'], 'application/xml');
    assert.match(res.text, /<UploadResult>/);
    assert.equal(xmlField(res.text, 'Key'), 'img/photo.png');
    assert.match(res.text, /<ImageInfo>.*<Width>120<\/Width>.*<\/ImageInfo>/s);
    assert.match(res.text, /<ProcessResults><Object><Key>img\/thumb.webp<\/Key>/);
    assert.ok(res.headers.etag);
    const original = await cos(t, { method: 'GET', key: 'img/photo.png' });
    assert.ok(original.body.equals(image));
    const thumb = await cos(t, { method: 'GET', key: 'img/thumb.webp' });
    assert.equal(thumb.headers['content-type'], 'image/webp');
    assert.equal((await sharp(thumb.body).metadata()).width, 60);
  });

  test('an invalid rule or a non-image gives a COS error and the original stays stored', async () => {
    const bad = await cos(t, { method: 'PUT', key: 'img/bad-rule.png', body: image, headers: { 'Pic-Operations': picOps([{ fileid: 'x.png', rule: 'imageMogr2/nonsense/1' }]) } });
    assert.equal(bad.status, 400);
    assert.ok(xmlField(bad.text, 'Code'));
    assert.ok((await cos(t, { method: 'GET', key: 'img/bad-rule.png' })).body.equals(image));
    const notJson = await cos(t, { method: 'PUT', key: 'img/bad-json.png', body: image, headers: { 'Pic-Operations': '{oops' } });
    assert.equal(xmlField(notJson.text, 'Code'), 'InvalidPicOperations');
    const text = await cos(t, { method: 'PUT', key: 'img/not-image.txt', body: 'plain text', headers: { 'Pic-Operations': picOps([{ fileid: 'x.png', rule: 'imageMogr2/format/png' }]) } });
    assert.equal(text.status, 400);
    assert.equal(xmlField(text.text, 'Code'), 'InvalidImageFormat');
    assert.equal((await cos(t, { method: 'GET', key: 'img/not-image.txt' })).text, 'plain text');
  });

  test('CompleteMultipartUpload with Pic-Operations puts ImageInfo and ProcessResults in its result', async () => {
    const key = 'img/multi.png';
    const uploadId = xmlField((await cos(t, { method: 'POST', key, query: { uploads: '' }, headers: { 'Content-Type': 'image/png' } })).text, 'UploadId')!;
    const etag = String((await cos(t, { method: 'PUT', key, query: { partNumber: '1', uploadId }, body: image })).headers.etag);
    const body = completeBody([{ partNumber: 1, etag }]);
    const res = await cos(t, {
      method: 'POST', key, query: { uploadId }, body,
      headers: { 'Content-MD5': md5Base64(body), 'Pic-Operations': picOps([{ fileid: '/out/multi.jpg', rule: 'imageMogr2/format/jpg' }]) },
    });
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, /<CompleteMultipartUploadResult[^>]*>.*<ETag>&quot;[0-9a-f]{32}-1&quot;<\/ETag>.*<ImageInfo>.*<ProcessResults>.*<Key>out\/multi.jpg<\/Key>/s);
    assert.equal((await cos(t, { method: 'HEAD', key: 'out/multi.jpg' })).headers['content-type'], 'image/jpeg');
  });

  test('POST ?image_process processes a stored object; it needs the header and an existing key', async () => {
    await cos(t, { method: 'PUT', key: 'img/stored.png', body: image });
    const res = await cos(t, {
      method: 'POST', key: 'img/stored.png', query: { image_process: '' },
      headers: { 'Pic-Operations': picOps([{ fileid: 'stored-small.png', rule: 'imageMogr2/thumbnail/30x' }], 0) },
    });
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, /<UploadResult>.*<Key>img\/stored-small.png<\/Key>.*<Width>30<\/Width>/s);
    const noHeader = await cos(t, { method: 'POST', key: 'img/stored.png', query: { image_process: '' } });
    assert.equal(xmlField(noHeader.text, 'Code'), 'InvalidPicOperations');
    const missing = await cos(t, { method: 'POST', key: 'img/none.png', query: { image_process: '' }, headers: { 'Pic-Operations': picOps([{ fileid: 'a.png', rule: 'imageMogr2/format/png' }]) } });
    assert.equal(xmlField(missing.text, 'Code'), 'NoSuchKey');
  });

  test('GET ?imageMogr2/… returns processed bytes without storing them; ?imageInfo answers JSON', async () => {
    await cos(t, { method: 'PUT', key: 'img/dl.png', body: image });
    const host = `127.0.0.1:${t.port}`;
    const authorization = await getAuthorization({ SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: 'GET', Key: 'img/dl.png', Headers: { Host: host } }, nodeHash);
    const res = await rawRequest(t, { method: 'GET', path: `/${BUCKET}/img/dl.png?imageMogr2/thumbnail/40x/format/webp`, headers: { Host: host, Authorization: authorization } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'image/webp');
    assert.equal((await sharp(res.body).metadata()).width, 40);
    const info = await rawRequest(t, { method: 'GET', path: `/${BUCKET}/img/dl.png?imageInfo`, headers: { Host: host, Authorization: authorization } });
    assert.equal(info.headers['content-type'], 'application/json');
    assert.equal(String(JSON.parse(info.text).width), '120');
    const list = await cos(t, { method: 'GET', key: '', query: { prefix: 'img/dl' } });
    assert.equal((list.text.match(/<Key>/g) ?? []).length, 1, 'nothing new stored');
    const bad = await rawRequest(t, { method: 'GET', path: `/${BUCKET}/img/dl.png?imageMogr2/thumbnail/abc`, headers: { Host: host, Authorization: authorization } });
    assert.equal(bad.status, 400);
  });

  test('picture jobs: POST /ci/<bucket>/pic_jobs and on a <bucket>.ci.<region> host; GET reports the job', async () => {
    await cos(t, { method: 'PUT', key: 'jobs/in.png', body: image });
    const request = '<Request><Tag>PicProcess</Tag><Input><Object>jobs/in.png</Object></Input><Operation><PicProcess><IsPicInfo>true</IsPicInfo><ProcessRule>imageMogr2/thumbnail/10x</ProcessRule></PicProcess><Output><Object>jobs/out.png</Object></Output></Operation></Request>';
    const sign = (method: string, pathname: string, host: string) =>
      getAuthorization({ SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: method, Pathname: pathname, Headers: { Host: host } }, nodeHash);
    const host = `127.0.0.1:${t.port}`;
    const submitted = await rawRequest(t, { method: 'POST', path: `/ci/${BUCKET}/pic_jobs`, body: request, headers: { Host: host, Authorization: await sign('POST', '/pic_jobs', host), 'Content-Type': 'application/xml' } });
    assert.equal(submitted.status, 200, submitted.text);
    const jobId = xmlField(submitted.text, 'JobId')!;
    let state = '';
    for (let i = 0; i < 100 && state !== 'Success' && state !== 'Failed'; i++) {
      const got = await rawRequest(t, { method: 'GET', path: `/ci/${BUCKET}/pic_jobs/${jobId}`, headers: { Host: host, Authorization: await sign('GET', `/pic_jobs/${jobId}`, host) } });
      state = xmlField(got.text, 'State') ?? '';
      if (state !== 'Success') await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(state, 'Success');
    assert.equal((await sharp((await cos(t, { method: 'GET', key: 'jobs/out.png' })).body).metadata()).width, 10);

    const ciHost = `${BUCKET}.ci.ap-guangzhou.localhost:${t.port}`;
    const viaHost = await rawRequest(t, { method: 'POST', path: '/pic_jobs', body: request, headers: { Host: ciHost, Authorization: await sign('POST', '/pic_jobs', ciHost) } });
    assert.equal(viaHost.status, 200, viaHost.text);
    const unsigned = await rawRequest(t, { method: 'POST', path: `/ci/${BUCKET}/pic_jobs`, body: request });
    assert.equal(unsigned.status, 403);
    const unknown = await rawRequest(t, { method: 'GET', path: `/ci/${BUCKET}/pic_jobs/nope`, headers: { Host: host, Authorization: await sign('GET', '/pic_jobs/nope', host) } });
    // CI answers an unknown id with 200 and lists it under NonExistJobIds.
    assert.equal(unknown.status, 200);
    assert.equal(xmlField(unknown.text, 'NonExistJobIds'), 'nope');
  });
});
