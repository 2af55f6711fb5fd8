import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crc64 } from '../../../src/core/integrity/crc64.js';
import { createCosEmulator } from '../../../src/emulator/index.js';
import {
  bytes, completeBody, cos, md5Base64, md5Hex, startEmulator, tempFiles, xmlField, xmlFields, type TestEmulator,
} from './helpers.js';

const MiB = 1024 * 1024;

async function initiate(t: TestEmulator, key: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await cos(t, { method: 'POST', key, query: { uploads: '' }, headers });
  assert.equal(res.status, 200, res.text);
  assert.equal(xmlField(res.text, 'Key'), key);
  return xmlField(res.text, 'UploadId')!;
}

async function part(t: TestEmulator, key: string, uploadId: string, partNumber: number, body: Buffer) {
  return cos(t, { method: 'PUT', key, query: { partNumber: String(partNumber), uploadId }, body });
}

async function complete(t: TestEmulator, key: string, uploadId: string, parts: { partNumber: number; etag: string }[], headers: Record<string, string> = {}) {
  const body = completeBody(parts);
  return cos(t, { method: 'POST', key, query: { uploadId }, body, headers: { 'Content-MD5': md5Base64(body), ...headers } });
}

describe('multipart upload', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
  });
  after(() => t.close());

  test('Initiate → UploadPart × 3 → ListParts → Complete; the object is the concatenation', async () => {
    const key = 'big/video.mp4';
    const uploadId = await initiate(t, key, { 'Content-Type': 'video/mp4', 'x-cos-meta-origin': 'widget' });
    assert.match(uploadId, /^\d{10}[0-9a-f]+$/);
    const chunks = [bytes(MiB, 1), bytes(MiB, 2), bytes(1234, 3)];
    const etags: string[] = [];
    for (const [i, chunk] of chunks.entries()) {
      const res = await part(t, key, uploadId, i + 1, chunk);
      assert.equal(res.status, 200);
      assert.equal(res.headers.etag, `"${md5Hex(chunk)}"`, 'part ETag is the quoted MD5 (SDK resume relies on it)');
      assert.equal(res.headers['x-cos-hash-crc64ecma'], crc64(chunk));
      etags.push(String(res.headers.etag));
    }
    const list = await cos(t, { method: 'GET', key, query: { uploadId } });
    assert.deepEqual(xmlFields(list.text, 'PartNumber'), ['1', '2', '3']);
    assert.deepEqual(xmlFields(list.text, 'Size'), [String(MiB), String(MiB), '1234']);
    assert.deepEqual(xmlFields(list.text, 'ETag'), etags.map((e) => e.replace(/"/g, '&quot;')));
    assert.equal(xmlField(list.text, 'IsTruncated'), 'false');

    const done = await complete(t, key, uploadId, etags.map((etag, i) => ({ partNumber: i + 1, etag })), { 'x-cos-meta-extra': 'yes' });
    assert.equal(done.status, 200, done.text);
    const whole = Buffer.concat(chunks);
    assert.match(done.text, /<CompleteMultipartUploadResult xmlns="http:\/\/www.qcloud.com\/document\/product\/436\/7751">/);
    assert.match(xmlField(done.text, 'ETag')!, /^&quot;[0-9a-f]{32}-3&quot;$/);
    assert.equal(xmlField(done.text, 'Location'), `${t.url}/examplebucket-1250000000/big/video.mp4`);
    assert.equal(done.headers['x-cos-hash-crc64ecma'], crc64(whole));

    const get = await cos(t, { method: 'GET', key });
    assert.ok(get.body.equals(whole));
    assert.equal(get.headers['content-type'], 'video/mp4');
    assert.equal(get.headers['x-cos-meta-origin'], 'widget');
    assert.equal(get.headers['x-cos-meta-extra'], 'yes');
    assert.equal(get.headers['x-cos-hash-crc64ecma'], crc64(whole));
    const gone = await cos(t, { method: 'GET', key, query: { uploadId } });
    assert.equal(xmlField(gone.text, 'Code'), 'NoSuchUpload');
    assert.deepEqual(tempFiles(t), []);
  });

  test('Complete accepts part ETags without quotes; re-uploading a part number replaces it', async () => {
    const key = 'noquotes.bin';
    const uploadId = await initiate(t, key);
    await part(t, key, uploadId, 1, bytes(MiB, 5));
    const second = bytes(MiB, 6);
    await part(t, key, uploadId, 1, second);
    const last = bytes(10, 7);
    await part(t, key, uploadId, 2, last);
    const done = await complete(t, key, uploadId, [{ partNumber: 1, etag: md5Hex(second) }, { partNumber: 2, etag: md5Hex(last) }]);
    assert.equal(done.status, 200, done.text);
    assert.ok((await cos(t, { method: 'GET', key })).body.equals(Buffer.concat([second, last])));
  });

  test('Complete validation: InvalidPartOrder, InvalidPart, EntityTooSmall, BadDigest, MalformedXML, NoSuchUpload', async () => {
    const key = 'invalid.bin';
    const uploadId = await initiate(t, key);
    const small = bytes(1000, 1);
    const e1 = String((await part(t, key, uploadId, 1, small)).headers.etag);
    const e2 = String((await part(t, key, uploadId, 2, small)).headers.etag);
    const code = async (res: Promise<{ text: string; status: number }>) => {
      const r = await res;
      return `${r.status} ${xmlField(r.text, 'Code')}`;
    };
    assert.equal(await code(complete(t, key, uploadId, [{ partNumber: 2, etag: e2 }, { partNumber: 1, etag: e1 }])), '400 InvalidPartOrder');
    assert.equal(await code(complete(t, key, uploadId, [{ partNumber: 1, etag: e1 }, { partNumber: 3, etag: e2 }])), '400 InvalidPart');
    assert.equal(await code(complete(t, key, uploadId, [{ partNumber: 1, etag: '"00000000000000000000000000000000"' }])), '400 InvalidPart');
    assert.equal(await code(complete(t, key, uploadId, [{ partNumber: 1, etag: e1 }, { partNumber: 2, etag: e2 }])), '400 EntityTooSmall');
    const body = completeBody([{ partNumber: 1, etag: e1 }]);
    assert.equal(await code(cos(t, { method: 'POST', key, query: { uploadId }, body, headers: { 'Content-MD5': md5Base64('other') } })), '400 BadDigest');
    assert.equal(await code(cos(t, { method: 'POST', key, query: { uploadId }, body: '<CompleteMultipartUpload>' })), '400 MalformedXML');
    assert.equal(await code(cos(t, { method: 'POST', key, query: { uploadId }, body: '<CompleteMultipartUpload></CompleteMultipartUpload>' })), '400 MalformedXML');
    assert.equal(await code(complete(t, key, '1700000000deadbeef', [{ partNumber: 1, etag: e1 }])), '404 NoSuchUpload');
    assert.equal(await code(complete(t, 'other-key', uploadId, [{ partNumber: 1, etag: e1 }])), '404 NoSuchUpload', 'the id belongs to another key');
    const single = await complete(t, key, uploadId, [{ partNumber: 1, etag: e1 }]);
    assert.equal(single.status, 200, 'a single small part is the last part, so it may be < 1 MiB');
  });

  test('UploadPart errors: bad part number, unknown upload, Content-MD5 mismatch', async () => {
    const key = 'parts-errors.bin';
    const uploadId = await initiate(t, key);
    assert.equal(xmlField((await part(t, key, uploadId, 0, bytes(10))).text, 'Code'), 'InvalidArgument');
    assert.equal(xmlField((await part(t, key, uploadId, 10001, bytes(10))).text, 'Code'), 'InvalidArgument');
    assert.equal(xmlField((await part(t, key, '1700000000abc', 1, bytes(10))).text, 'Code'), 'NoSuchUpload');
    const bad = await cos(t, { method: 'PUT', key, query: { partNumber: '1', uploadId }, body: 'abc', headers: { 'Content-MD5': md5Base64('abd') } });
    assert.equal(xmlField(bad.text, 'Code'), 'BadDigest');
    const list = await cos(t, { method: 'GET', key, query: { uploadId } });
    assert.deepEqual(xmlFields(list.text, 'PartNumber'), [], 'the rejected part was not kept');
    assert.deepEqual(tempFiles(t), []);
  });

  test('ListParts pages with max-parts / part-number-marker', async () => {
    const key = 'paged-parts.bin';
    const uploadId = await initiate(t, key);
    for (let n = 1; n <= 5; n++) await part(t, key, uploadId, n, bytes(100, n));
    const first = await cos(t, { method: 'GET', key, query: { uploadId, 'max-parts': '2' } });
    assert.deepEqual(xmlFields(first.text, 'PartNumber'), ['1', '2']);
    assert.equal(xmlField(first.text, 'IsTruncated'), 'true');
    assert.equal(xmlField(first.text, 'NextPartNumberMarker'), '2');
    const second = await cos(t, { method: 'GET', key, query: { uploadId, 'max-parts': '2', 'part-number-marker': '2' } });
    assert.deepEqual(xmlFields(second.text, 'PartNumber'), ['3', '4']);
    const last = await cos(t, { method: 'GET', key, query: { uploadId, 'max-parts': '2', 'part-number-marker': '4' } });
    assert.deepEqual(xmlFields(last.text, 'PartNumber'), ['5']);
    assert.equal(xmlField(last.text, 'IsTruncated'), 'false');
  });

  test('ListMultipartUploads filters by prefix and pages with key-marker / upload-id-marker', async () => {
    const ids = [await initiate(t, 'lmu/a'), await initiate(t, 'lmu/a'), await initiate(t, 'lmu/b'), await initiate(t, 'lmu/sub/c')];
    const all = await cos(t, { method: 'GET', key: '', query: { uploads: '', prefix: 'lmu/' } });
    assert.deepEqual(xmlFields(all.text, 'Key'), ['lmu/a', 'lmu/a', 'lmu/b', 'lmu/sub/c']);
    assert.deepEqual(new Set(xmlFields(all.text, 'UploadId')), new Set(ids));
    const exact = await cos(t, { method: 'GET', key: '', query: { uploads: '', prefix: 'lmu/b' } });
    assert.deepEqual(xmlFields(exact.text, 'Key'), ['lmu/b']);

    const seen: string[] = [];
    let keyMarker = '';
    let uploadIdMarker = '';
    for (let page = 0; page < 10; page++) {
      const query: Record<string, string> = { uploads: '', prefix: 'lmu/', 'max-uploads': '1' };
      if (keyMarker) Object.assign(query, { 'key-marker': keyMarker, 'upload-id-marker': uploadIdMarker });
      const res = await cos(t, { method: 'GET', key: '', query });
      seen.push(...xmlFields(res.text, 'UploadId'));
      if (xmlField(res.text, 'IsTruncated') !== 'true') break;
      keyMarker = xmlField(res.text, 'NextKeyMarker')!;
      uploadIdMarker = xmlField(res.text, 'NextUploadIdMarker')!;
    }
    assert.deepEqual(new Set(seen), new Set(ids));
    assert.equal(seen.length, ids.length);

    const grouped = await cos(t, { method: 'GET', key: '', query: { uploads: '', prefix: 'lmu/', delimiter: '/' } });
    assert.deepEqual(xmlFields(grouped.text, 'Prefix').slice(1), ['lmu/sub/']);
  });

  test('Abort deletes the upload (204); a second Abort is NoSuchUpload', async () => {
    const key = 'abort.bin';
    const uploadId = await initiate(t, key);
    await part(t, key, uploadId, 1, bytes(100));
    assert.equal((await cos(t, { method: 'DELETE', key, query: { uploadId } })).status, 204);
    const again = await cos(t, { method: 'DELETE', key, query: { uploadId } });
    assert.equal(again.status, 404);
    assert.equal(xmlField(again.text, 'Code'), 'NoSuchUpload');
    assert.equal(xmlField((await part(t, key, uploadId, 2, bytes(10))).text, 'Code'), 'NoSuchUpload');
  });
});

describe('multipart: state survives restarts', () => {
  test('restart() mid-upload, then a new process on the same data dir: parts are kept, Complete works', async () => {
    const t = await startEmulator();
    const key = 'restart/file.bin';
    const p1 = bytes(MiB, 11);
    const p2 = bytes(MiB, 12);
    const p3 = bytes(500, 13);
    try {
      const uploadId = await initiate(t, key);
      await part(t, key, uploadId, 1, p1);
      await t.emu.restart();
      const listed = await cos(t, { method: 'GET', key: '', query: { uploads: '', prefix: key } });
      assert.deepEqual(xmlFields(listed.text, 'UploadId'), [uploadId]);
      await part(t, key, uploadId, 2, p2);
      await t.emu.close();

      const again = createCosEmulator({ dataDir: t.dataDir, secretId: t.emu.secretId, secretKey: t.emu.secretKey });
      const url = await again.listen(0);
      const t2: TestEmulator = { ...t, emu: again, url, port: Number(new URL(url).port) };
      try {
        const parts = await cos(t2, { method: 'GET', key, query: { uploadId } });
        assert.deepEqual(xmlFields(parts.text, 'PartNumber'), ['1', '2']);
        await part(t2, key, uploadId, 3, p3);
        const done = await complete(t2, key, uploadId, [p1, p2, p3].map((p, i) => ({ partNumber: i + 1, etag: `"${md5Hex(p)}"` })));
        assert.equal(done.status, 200, done.text);
        assert.ok((await cos(t2, { method: 'GET', key })).body.equals(Buffer.concat([p1, p2, p3])));
      } finally {
        await again.close();
      }
    } finally {
      await t.close();
    }
  });
});
