import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CosError } from '../../../src/core/http/errors.js';
import { parseXml, decodeXmlEntities, describeBody } from '../../../src/core/xml/parse.js';
import { cosErrorFromResponse } from '../../../src/core/xml/error.js';
import {
  readXmlResponse, mapUploadResult, mapInitiateMultipartUpload, mapListParts, mapListMultipartUploads,
  mapCompleteMultipartUpload,
} from '../../../src/core/xml/responses.js';
import type { HttpResponse } from '../../../src/core/types.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/xml/${name}`, import.meta.url), 'utf8');
const ok = (text: string, headers: Record<string, string> = {}): HttpResponse => ({ status: 200, headers, text });

async function rejection(promise: Promise<unknown>): Promise<CosError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CosError, `expected a CosError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

describe('COS response mappers on real shapes', () => {
  it('UploadResult (docs/protocol.md#result-xml): original info, image info, one processed object, decoded &quot; ETags', async () => {
    const result = await readXmlResponse(ok(fixture('upload-result.xml')), 'UploadResult', mapUploadResult);
    assert.deepEqual(result, {
      originalInfo: {
        key: 'filename.jpg',
        location: 'examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/filename.jpg',
        etag: '"580cd6930444576523c25f86ce2af9b1fc2d5484"',
        imageInfo: { format: 'JPEG', width: 640, height: 427, quality: 100, ave: '0xa18454', orientation: 1, frameCount: undefined },
      },
      processResults: [{
        key: 'test.jpg',
        location: 'examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/test.jpg',
        format: 'png', width: 640, height: 427, size: 463092, quality: 100,
        etag: '"eaa4e3d8fd498bbc63be3b71c46b9c61f23e3f0c"', frameCount: undefined,
      }],
    });
  });

  it('UploadResult with two rules keeps rule order, FrameCount, and no ImageInfo when is_pic_info=0', async () => {
    const result = await readXmlResponse(ok(fixture('upload-result-two.xml')), 'UploadResult', mapUploadResult);
    assert.equal(result.originalInfo.imageInfo, undefined);
    assert.deepEqual(result.processResults.map((o) => [o.key, o.format, o.width, o.size, o.quality, o.frameCount]), [
      ['img/a_thumb.webp', 'webp', 200, 4096, 75, undefined],
      ['img/a_anim.gif', 'gif', 100, 2048, undefined, 12],
    ]);
  });

  it('InitiateMultipartUploadResult', async () => {
    const result = await readXmlResponse(ok(fixture('initiate.xml')), 'InitiateMultipartUploadResult', mapInitiateMultipartUpload);
    assert.deepEqual(result, {
      bucket: 'examplebucket-1250000000',
      key: 'exampleobject',
      uploadId: '1585130821cbb7df1d11846c073ad648e8f33b087cec2381df437acdc833cf654b9ecc6361',
    });
  });

  it('ListPartsResult with a single <Part> still gives an array', async () => {
    const result = await readXmlResponse(ok(fixture('list-parts-one.xml')), 'ListPartsResult', mapListParts);
    assert.deepEqual(result.parts, [
      { partNumber: 1, etag: '"39270a968a357d24207e9911162507eb"', size: 1048576, lastModified: '2020-03-25T10:07:14.000Z' },
    ]);
    assert.equal(result.isTruncated, false);
    assert.equal(result.nextPartNumberMarker, undefined);
  });

  it('ListPartsResult with many parts and paging', async () => {
    const result = await readXmlResponse(ok(fixture('list-parts-many.xml')), 'ListPartsResult', mapListParts);
    assert.deepEqual(result.parts.map((p) => [p.partNumber, p.size]), [[1, 1048576], [2, 1048576], [3, 524288]]);
    assert.equal(result.parts[2].etag, '"60e31088852a04463d30a13f0d3c5bee"');
    assert.equal(result.isTruncated, true);
    assert.equal(result.nextPartNumberMarker, 3);
    assert.equal(result.uploadId, '1700000000b02a0ad3de936ad8db81a297edd7d1fe');
  });

  it('ListPartsResult with no <Part> is an empty array; a bad <Size> is a clear error', async () => {
    const empty = '<ListPartsResult><Bucket>b-1</Bucket><Key>k</Key><UploadId>u</UploadId><IsTruncated>false</IsTruncated></ListPartsResult>';
    assert.deepEqual((await readXmlResponse(ok(empty), 'ListPartsResult', mapListParts)).parts, []);
    const bad = '<ListPartsResult><Part><PartNumber>1</PartNumber><ETag>"x"</ETag><Size>12kb</Size></Part></ListPartsResult>';
    const err = await rejection(readXmlResponse(ok(bad), 'ListPartsResult', mapListParts));
    assert.equal(err.code, 'InvalidResponse');
    assert.match(err.message, /<Part><Size> is not an integer: "12kb"/);
  });

  it('ListMultipartUploadsResult (UploadId and the UploadID variant)', async () => {
    const result = await readXmlResponse(ok(fixture('list-multipart-uploads.xml')), 'ListMultipartUploadsResult', mapListMultipartUploads);
    assert.deepEqual(result, {
      bucket: 'examplebucket-1250000000',
      prefix: 'big/video.mp4',
      uploads: [{ key: 'big/video.mp4', uploadId: '1700000000b02a0ad3de936ad8db81a297edd7d1fe', initiated: '2023-11-14T22:13:20.000Z', storageClass: 'STANDARD' }],
      isTruncated: false,
      nextKeyMarker: undefined,
      nextUploadIdMarker: undefined,
    });
    const variant = '<ListMultipartUploadsResult><Upload><Key>a</Key><UploadID>u1</UploadID></Upload><Upload><Key>b</Key><UploadId>u2</UploadId></Upload><IsTruncated>true</IsTruncated><NextKeyMarker>b</NextKeyMarker><NextUploadIdMarker>u2</NextUploadIdMarker></ListMultipartUploadsResult>';
    const paged = await readXmlResponse(ok(variant), 'ListMultipartUploadsResult', mapListMultipartUploads);
    assert.deepEqual(paged.uploads.map((u) => [u.key, u.uploadId]), [['a', 'u1'], ['b', 'u2']]);
    assert.deepEqual([paged.isTruncated, paged.nextKeyMarker, paged.nextUploadIdMarker], [true, 'b', 'u2']);
  });

  it('CompleteMultipartUploadResult with declaration and namespace, no Pic-Operations', async () => {
    const result = await readXmlResponse(ok(fixture('complete.xml')), 'CompleteMultipartUploadResult', mapCompleteMultipartUpload);
    assert.deepEqual(result, {
      location: 'http://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/exampleobject',
      bucket: 'examplebucket-1250000000',
      key: 'exampleobject',
      etag: '"aa259a62513358f69e98e72e59856d88-3"',
      uploadResult: undefined,
    });
  });

  it('CompleteMultipartUploadResult with ImageInfo and ProcessResults → uploadResult', async () => {
    const result = await readXmlResponse(ok(fixture('complete-pic.xml')), 'CompleteMultipartUploadResult', mapCompleteMultipartUpload);
    assert.equal(result.etag, '"915fca1c6b9d0ffb9a1c8b3f3a5a6f2e-2"');
    assert.deepEqual(result.uploadResult?.originalInfo, {
      key: 'big/photo.jpg',
      location: 'examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/big/photo.jpg',
      etag: '"915fca1c6b9d0ffb9a1c8b3f3a5a6f2e-2"',
      imageInfo: { format: 'JPEG', width: 4000, height: 3000, quality: 90, ave: '0x7a6b5c', orientation: 6, frameCount: undefined },
    });
    assert.deepEqual(result.uploadResult?.processResults.map((o) => [o.key, o.size]), [['big/x.jpg', 1234567]]);
  });

  it('an <Error> inside a 200 Complete body (after keep-alive whitespace) is thrown as that error', async () => {
    const err = await rejection(readXmlResponse(ok(fixture('complete-error-in-200.xml')), 'CompleteMultipartUploadResult', mapCompleteMultipartUpload));
    assert.equal(err.code, 'InternalError');
    assert.equal(err.status, 200);
    assert.equal(err.requestId, 'NjU1ZTc4NjNfComplete200');
    assert.equal(err.retryable, true);
  });

  it('a different root than expected is InvalidResponse', async () => {
    const err = await rejection(readXmlResponse(ok(fixture('initiate.xml')), 'ListPartsResult', mapListParts));
    assert.equal(err.code, 'InvalidResponse');
    assert.match(err.message, /<InitiateMultipartUploadResult> where <ListPartsResult> was expected/);
  });

  it('a missing UploadId in Initiate is a clear error', async () => {
    const err = await rejection(readXmlResponse(ok('<InitiateMultipartUploadResult><Bucket>b</Bucket></InitiateMultipartUploadResult>'), 'InitiateMultipartUploadResult', mapInitiateMultipartUpload));
    assert.equal(err.code, 'InvalidResponse');
    assert.match(err.message, /<InitiateMultipartUploadResult> has no <UploadId>/);
  });
});

describe('COS error responses (docs/protocol.md#errors)', () => {
  it('Error XML → CosError with code, message, resource and the body RequestId', async () => {
    const err = await cosErrorFromResponse({ status: 403, headers: { 'x-cos-request-id': 'from-header' }, text: fixture('error-signature.xml') });
    assert.equal(err.code, 'SignatureDoesNotMatch');
    assert.equal(err.message, 'The Signature you specified is invalid.');
    assert.equal(err.status, 403);
    assert.equal(err.requestId, 'NjU1ZTc4NjNfOTBjMDJhMDlfMjFmYzJfMjg0****');
    assert.equal(err.resource, 'examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.txt');
    assert.equal(err.source, 'cos');
    assert.equal(err.retryable, false);
  });

  it('RequestId falls back to x-cos-request-id; serverTime from the Date header wins over <ServerTime>', async () => {
    const date = 'Tue, 02 Jan 2024 05:00:00 GMT';
    const err = await cosErrorFromResponse({ status: 403, headers: { 'x-cos-request-id': 'hdr-id', date }, text: fixture('error-skewed.xml') });
    assert.equal(err.code, 'RequestTimeTooSkewed');
    assert.equal(err.requestId, 'hdr-id');
    assert.equal(err.serverTime, Date.parse(date));
    const noDate = await cosErrorFromResponse({ status: 403, headers: {}, text: fixture('error-skewed.xml') });
    assert.equal(noDate.serverTime, Date.parse('2024-01-02T03:04:05Z'));
  });

  it('AccessDenied "Request has expired"', async () => {
    const err = await cosErrorFromResponse({ status: 403, headers: {}, text: fixture('error-expired.xml') });
    assert.deepEqual([err.code, err.message], ['AccessDenied', 'Request has expired']);
  });

  it('an error without a body (HEAD) gets a code from its status', async () => {
    const err = await cosErrorFromResponse({ status: 404, headers: { 'x-cos-request-id': 'r1' }, text: '' });
    assert.deepEqual([err.code, err.status, err.requestId, err.source], ['NotFound', 404, 'r1', 'cos']);
    const unavailable = await cosErrorFromResponse({ status: 503, headers: {}, text: '' });
    assert.deepEqual([unavailable.code, unavailable.retryable], ['ServiceUnavailable', true]);
  });

  it('an HTML page from a 502 proxy → InvalidResponse, source network, message shows what came back', async () => {
    const err = await cosErrorFromResponse({ status: 502, headers: {}, text: fixture('proxy-502.html') });
    assert.equal(err.code, 'InvalidResponse');
    assert.equal(err.source, 'network');
    assert.equal(err.retryable, true);
    assert.match(err.message, /HTTP 502/);
    assert.match(err.message, /502 Bad Gateway 502 Bad Gateway nginx\/1\.24\.0/);
    assert.doesNotMatch(err.message, /<center>|<h1>/);
  });

  it('an HTML page with a 4xx status is InvalidResponse from COS, not retried', async () => {
    const err = await cosErrorFromResponse({ status: 403, headers: {}, text: '<html><body>Forbidden by WAF</body></html>' });
    assert.deepEqual([err.code, err.source, err.retryable], ['InvalidResponse', 'cos', false]);
    assert.match(err.message, /Forbidden by WAF/);
  });
});

describe('parseXml safety', () => {
  const ctx = { status: 200, headers: {} };

  it('truncated XML → InvalidResponse naming the problem and the start of the body', async () => {
    const err = await rejection(parseXml(fixture('truncated.xml'), ctx));
    assert.equal(err.code, 'InvalidResponse');
    assert.equal(err.source, 'cos');
    assert.match(err.message, /malformed or truncated XML/);
    assert.match(err.message, /examplebucket-1250000000/);
  });

  it('an empty body where XML is required', async () => {
    const err = await rejection(parseXml('  \n ', ctx));
    assert.equal(err.code, 'InvalidResponse');
    assert.match(err.message, /empty body/);
  });

  it('plain text and JSON are not XML', async () => {
    assert.match((await rejection(parseXml('Bad Gateway', { status: 502, headers: {} }))).message, /not XML: "Bad Gateway"/);
    assert.match((await rejection(parseXml('{"error":"x"}', ctx))).message, /not XML/);
  });

  it('an entity-expansion document is refused at once, with little memory', async () => {
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const err = await rejection(parseXml(fixture('entity-bomb.xml'), ctx));
    const elapsed = performance.now() - started;
    assert.equal(err.code, 'InvalidResponse');
    assert.match(err.message, /DOCTYPE\/ENTITY declaration refused/);
    assert.ok(elapsed < 200, `took ${elapsed} ms`);
    assert.ok(process.memoryUsage().heapUsed - before < 20 * 1024 * 1024);
  });

  it('an internal ENTITY without DOCTYPE is refused too', async () => {
    const err = await rejection(parseXml('<!ENTITY x "y"><a>&x;</a>', ctx));
    assert.match(err.message, /refused/);
  });

  it('decodes predefined entities and character references in one pass', () => {
    assert.equal(decodeXmlEntities('&quot;a&quot; &amp;lt; &#x41;&#66; &lt;&gt;&apos; &bogus;'), '"a" &lt; AB <>\' &bogus;');
  });

  it('keys with entities and non-ASCII text survive', async () => {
    const doc = await parseXml('<InitiateMultipartUploadResult><Key>相册/a &amp; b &lt;1&gt;.jpg</Key><UploadId>u</UploadId></InitiateMultipartUploadResult>', ctx);
    assert.equal(doc.root, 'InitiateMultipartUploadResult');
    assert.equal(doc.element.Key, '相册/a & b <1>.jpg');
  });

  it('values stay strings (leading zeros, hex) until a mapper types them', async () => {
    const doc = await parseXml('<R><A>007</A><B>0xa18454</B><C>1e3</C></R>', ctx);
    assert.deepEqual(doc.element, { A: '007', B: '0xa18454', C: '1e3' });
  });

  it('describeBody strips tags and cuts at about 80 characters', () => {
    const text = describeBody(`<p>${'x'.repeat(200)}</p>`);
    assert.equal(text, `${'x'.repeat(80)}…`);
  });
});
