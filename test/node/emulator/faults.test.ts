import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bytes, cos, rawRequest, startEmulator, tempFiles, waitFor, xmlField, xmlFields, type TestEmulator } from './helpers.js';

async function admin(t: TestEmulator, method: string, path: string, body?: unknown) {
  return rawRequest(t, { method, path, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe('fault injection and the admin API', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
  });
  after(() => t.close());
  beforeEach(async () => {
    t.emu.faults.clear();
    await admin(t, 'DELETE', '/-/log');
  });

  test('UploadPart number N fails k times with 500, then succeeds; the log records every attempt', async () => {
    const init = await cos(t, { method: 'POST', key: 'f/mp', query: { uploads: '' } });
    const uploadId = xmlField(init.text, 'UploadId')!;
    t.emu.faults.add({ action: 'UploadPart', partNumber: 2, times: 2, status: 500 });
    const put = (n: number) => cos(t, { method: 'PUT', key: 'f/mp', query: { partNumber: String(n), uploadId }, body: 'x' });
    assert.equal((await put(1)).status, 200);
    const first = await put(2);
    assert.equal(first.status, 500);
    assert.equal(xmlField(first.text, 'Code'), 'InternalError');
    assert.equal((await put(2)).status, 500);
    assert.equal((await put(2)).status, 200);
    const log = JSON.parse((await admin(t, 'GET', '/-/log')).text) as { action: string; partNumber?: number; status: number; uploadId?: string; key: string }[];
    const parts = log.filter((e) => e.action === 'UploadPart');
    assert.deepEqual(parts.map((e) => [e.partNumber, e.status]), [[1, 200], [2, 500], [2, 500], [2, 200]]);
    assert.equal(parts[0].uploadId, uploadId);
    assert.equal(parts[0].key, 'f/mp');
    assert.equal(log[0].action, 'InitiateMultipartUpload');
  });

  test('SlowDown and 503 via the admin API (JSON array); probability 1 keeps failing until cleared', async () => {
    assert.equal((await admin(t, 'POST', '/-/faults', [{ action: 'PutObject', code: 'SlowDown' }, { action: 'HeadObject', status: 503 }])).status, 204);
    const slow = await cos(t, { method: 'PUT', key: 'f/slow', body: 'x' });
    assert.equal(slow.status, 503);
    assert.equal(xmlField(slow.text, 'Code'), 'SlowDown');
    assert.equal((await cos(t, { method: 'PUT', key: 'f/slow', body: 'x' })).status, 200, 'times defaults to 1');
    assert.equal((await cos(t, { method: 'HEAD', key: 'f/slow' })).status, 503);
    await admin(t, 'POST', '/-/faults', { key: '/^f\\/always/', probability: 1, status: 500 });
    for (let i = 0; i < 3; i++) assert.equal((await cos(t, { method: 'PUT', key: 'f/always', body: 'x' })).status, 500);
    assert.equal((await cos(t, { method: 'PUT', key: 'f/other', body: 'x' })).status, 200, 'the regex limits the rule');
    assert.equal((await admin(t, 'DELETE', '/-/faults')).status, 204);
    assert.equal((await cos(t, { method: 'PUT', key: 'f/always', body: 'x' })).status, 200);
  });

  test('a malformed rule is refused with 400', async () => {
    assert.equal((await admin(t, 'POST', '/-/faults', { action: 'Nope' })).status, 400);
    assert.equal((await admin(t, 'POST', '/-/faults', { times: 0 })).status, 400);
    assert.throws(() => t.emu.faults.add({ drop: 'sometimes' as 'mid-body' }));
  });

  test('drop before-body: the connection is cut and nothing is stored', async () => {
    t.emu.faults.add({ action: 'PutObject', key: 'f/dropped', drop: 'before-body' });
    await assert.rejects(cos(t, { method: 'PUT', key: 'f/dropped', body: bytes(1000) }));
    assert.equal((await cos(t, { method: 'HEAD', key: 'f/dropped' })).status, 404);
  });

  test('drop mid-body on PUT leaves no partial object and no temp file; the old version stays', async () => {
    await cos(t, { method: 'PUT', key: 'f/mid', body: 'old version' });
    t.emu.faults.add({ action: 'PutObject', key: 'f/mid', drop: 'mid-body' });
    await assert.rejects(cos(t, { method: 'PUT', key: 'f/mid', body: bytes(3 * 1024 * 1024) }));
    await waitFor(() => tempFiles(t).length === 0);
    assert.equal((await cos(t, { method: 'GET', key: 'f/mid' })).text, 'old version');
    const log = t.emu.log.filter((e) => e.key === 'f/mid' && e.action === 'PutObject');
    assert.equal(log[log.length - 1].status, 0, 'a dropped request is logged with status 0');
  });

  test('drop mid-body on UploadPart: the part is not listed', async () => {
    const uploadId = xmlField((await cos(t, { method: 'POST', key: 'f/mp-drop', query: { uploads: '' } })).text, 'UploadId')!;
    t.emu.faults.add({ action: 'UploadPart', partNumber: 1, drop: 'mid-body' });
    await assert.rejects(cos(t, { method: 'PUT', key: 'f/mp-drop', query: { partNumber: '1', uploadId }, body: bytes(2 * 1024 * 1024) }));
    await waitFor(() => tempFiles(t).length === 0);
    const list = await cos(t, { method: 'GET', key: 'f/mp-drop', query: { uploadId } });
    assert.deepEqual(xmlFields(list.text, 'PartNumber'), []);
  });

  test('drop mid-body on GetObject: half of the body arrives, then the connection is cut', async () => {
    await cos(t, { method: 'PUT', key: 'f/download', body: bytes(200_000) });
    t.emu.faults.add({ action: 'GetObject', drop: 'mid-body' });
    await assert.rejects(cos(t, { method: 'GET', key: 'f/download' }));
    assert.equal((await cos(t, { method: 'GET', key: 'f/download' })).body.length, 200_000);
  });

  test('delayMs adds latency without failing', async () => {
    t.emu.faults.add({ action: 'HeadObject', delayMs: 250 });
    await cos(t, { method: 'PUT', key: 'f/delay', body: 'x' });
    const started = Date.now();
    const res = await cos(t, { method: 'HEAD', key: 'f/delay' });
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 240);
  });

  test('a delay on Complete makes a slow merge: 200 at once, spaces, then the result; late errors arrive in the 200 body', async () => {
    const key = 'f/slow-complete';
    const uploadId = xmlField((await cos(t, { method: 'POST', key, query: { uploads: '' } })).text, 'UploadId')!;
    const etag = String((await cos(t, { method: 'PUT', key, query: { partNumber: '1', uploadId }, body: 'part' })).headers.etag);
    const body = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`;
    t.emu.faults.add({ action: 'CompleteMultipartUpload', delayMs: 1300 });
    const slow = await cos(t, { method: 'POST', key, query: { uploadId }, body });
    assert.equal(slow.status, 200);
    assert.equal(slow.headers['transfer-encoding'], 'chunked');
    assert.match(slow.text, /^ +<CompleteMultipartUploadResult/);
    assert.equal((await cos(t, { method: 'GET', key })).text, 'part');

    const id2 = xmlField((await cos(t, { method: 'POST', key, query: { uploads: '' } })).text, 'UploadId')!;
    const etag2 = String((await cos(t, { method: 'PUT', key, query: { partNumber: '1', uploadId: id2 }, body: 'again' })).headers.etag);
    t.emu.faults.add({ action: 'CompleteMultipartUpload', delayMs: 1300 });
    const late = await cos(t, {
      method: 'POST', key, query: { uploadId: id2 }, headers: { 'Pic-Operations': '{not json' },
      body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag2}</ETag></Part></CompleteMultipartUpload>`,
    });
    assert.equal(late.status, 200, 'the head went out before the failure');
    assert.match(late.text, /^ +<Error><Code>InvalidPicOperations<\/Code>/);
    assert.equal((await cos(t, { method: 'GET', key })).text, 'again', 'the object itself was stored');
  });

  test('clock skew: Date follows the server clock; too far behind → RequestTimeTooSkewed, ahead → expired', async () => {
    assert.equal((await admin(t, 'POST', '/-/clock', { skewSeconds: -3600 })).status, 204);
    try {
      const behind = await cos(t, { method: 'GET', key: 'f/delay' });
      assert.equal(behind.status, 403);
      assert.equal(xmlField(behind.text, 'Code'), 'RequestTimeTooSkewed');
      const serverDate = Date.parse(String(behind.headers.date));
      assert.ok(Math.abs(serverDate - (Date.now() - 3600_000)) < 5000, 'Date carries the skewed clock');
      await admin(t, 'POST', '/-/clock', { skewSeconds: 3600 });
      const ahead = await cos(t, { method: 'GET', key: 'f/delay' });
      assert.equal(xmlField(ahead.text, 'Message'), 'Request has expired');
    } finally {
      await admin(t, 'POST', '/-/clock', { skewSeconds: 0 });
    }
    assert.equal((await cos(t, { method: 'GET', key: 'f/delay' })).status, 200);
    assert.equal((await admin(t, 'POST', '/-/clock', { skew: 1 })).status, 400);
  });

  test('STS can be failed too; /-/restart reloads from disk; /-/info describes the emulator', async () => {
    t.emu.faults.add({ action: 'Sts', status: 503 });
    assert.equal((await rawRequest(t, { method: 'GET', path: '/sts' })).status, 503);
    assert.equal((await rawRequest(t, { method: 'GET', path: '/sts' })).status, 200);
    assert.equal((await admin(t, 'POST', '/-/restart')).status, 204);
    assert.equal((await cos(t, { method: 'GET', key: 'f/delay' })).status, 200);
    const info = JSON.parse((await admin(t, 'GET', '/-/info')).text);
    assert.deepEqual(info, { url: t.url, bucket: t.emu.bucket, region: 'ap-guangzhou', appId: '1250000000' });
    assert.equal((await admin(t, 'GET', '/-/nope')).status, 404);
  });
});
