// The official cos-nodejs-sdk-v5 driven against the emulator (path-style, through the SDK's `Domain` option).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { crc64 } from '../../../src/core/integrity/crc64.js';
import { bytes, startEmulator, type TestEmulator } from './helpers.js';

const projectRoot = new URL('../../../', import.meta.url).pathname;
const require = createRequire(join(projectRoot, 'package.json'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sdk = any;
const COS = require('cos-nodejs-sdk-v5') as new (options: Record<string, unknown>) => Sdk;

const MiB = 1024 * 1024;

/** The first, interrupted upload runs in its own process, like a crashed uploader (and a fresh SDK session). */
const CHILD_UPLOAD = `
import { createRequire } from 'node:module';
const o = JSON.parse(process.argv[1]);
const COS = createRequire(o.project + '/package.json')('cos-nodejs-sdk-v5');
const cos = new COS({ SecretId: o.secretId, SecretKey: o.secretKey, Protocol: 'http:', Domain: o.domain, ConfCwd: o.confCwd,
  ChunkRetryTimes: 0, ChunkParallelLimit: 1 });
cos.sliceUploadFile({ Bucket: o.bucket, Region: o.region, Key: o.key, FilePath: o.filePath, ChunkSize: 1048576 }, (err) => {
  process.stdout.write(JSON.stringify({ code: err ? (err.code || err.message) : null, uploadId: err ? err.UploadId : null }));
  process.exit(err ? 1 : 0);
});`;

function runChild(options: Record<string, unknown>): Promise<{ code: string | null; uploadId: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_UPLOAD, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`child printed ${out}`));
      }
    });
  });
}

describe('cos-nodejs-sdk-v5 against the emulator', () => {
  let t: TestEmulator;
  let work: string;
  let cos: Sdk;
  const call = (method: string, params: Record<string, unknown>, client: Sdk = cos): Promise<{ err: Sdk; data: Sdk }> =>
    new Promise((resolve) => client[method]({ Bucket: t.emu.bucket, Region: t.emu.region, ...params }, (err: Sdk, data: Sdk) => resolve({ err, data })));

  before(async () => {
    t = await startEmulator();
    work = mkdtempSync(join(tmpdir(), 'cos-sdk-test-'));
    cos = new COS({ SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Protocol: 'http:', Domain: `127.0.0.1:${t.port}/{Bucket}`, ConfCwd: work });
  });
  after(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('putObject, then getObject returns the bytes and headObject the CRC-64', async () => {
    const body = bytes(200_000, 21);
    const put = await call('putObject', { Key: 'sdk/put.bin', Body: body });
    assert.equal(put.err, null);
    assert.equal(put.data.statusCode, 200);
    assert.match(put.data.ETag, /^"[0-9a-f]{32}"$/);
    const get = await call('getObject', { Key: 'sdk/put.bin' });
    assert.equal(get.err, null);
    assert.ok(Buffer.from(get.data.Body).equals(body));
    const head = await call('headObject', { Key: 'sdk/put.bin' });
    assert.equal(head.data.headers['x-cos-hash-crc64ecma'], crc64(body));
  });

  test('sliceUploadFile of a 4-part file resumes after an interrupted run: only the missing parts are sent', async () => {
    const data = bytes(3 * MiB + 500_000, 22);
    const filePath = join(work, 'big.bin');
    writeFileSync(filePath, data);
    const key = 'sdk/big.bin';
    t.emu.faults.add({ action: 'UploadPart', partNumber: 3, status: 503, times: 50 });
    t.emu.log.length = 0;
    const first = await runChild({
      project: projectRoot, secretId: t.emu.secretId, secretKey: t.emu.secretKey, domain: `127.0.0.1:${t.port}/{Bucket}`,
      confCwd: work, bucket: t.emu.bucket, region: t.emu.region, key, filePath,
    });
    t.emu.faults.clear();
    assert.equal(first.code, 'ServiceUnavailable');
    assert.ok(first.uploadId);
    const uploadedFirst = t.emu.log.filter((e) => e.action === 'UploadPart' && e.status === 200).map((e) => e.partNumber);
    assert.deepEqual(uploadedFirst, [1, 2]);

    t.emu.log.length = 0;
    const second = await call('sliceUploadFile', { Key: key, FilePath: filePath, ChunkSize: MiB });
    assert.equal(second.err, null, String(second.err?.message));
    assert.equal(second.data.UploadId, first.uploadId, 'the interrupted upload was resumed');
    const actions = t.emu.log.map((e) => (e.action === 'UploadPart' ? `UploadPart:${e.partNumber}` : e.action));
    assert.ok(!actions.includes('InitiateMultipartUpload'), actions.join(' '));
    assert.deepEqual(actions.filter((a) => a.startsWith('UploadPart')).sort(), ['UploadPart:3', 'UploadPart:4']);
    assert.ok(actions.includes('ListParts'));
    assert.match(second.data.ETag, /^"[0-9a-f]{32}-4"$/);

    const get = await call('getObject', { Key: key });
    assert.ok(Buffer.from(get.data.Body).equals(data), 'getObject is byte-for-byte the file');
    assert.equal(get.data.headers['x-cos-hash-crc64ecma'], crc64(data));
  });

  test('putObject with a Pic-Operations header: the SDK parses the <UploadResult>', async () => {
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const res = await call('putObject', {
      Key: 'sdk/pic.png', Body: image,
      Headers: { 'Pic-Operations': JSON.stringify({ is_pic_info: 1, rules: [{ fileid: 'pic-small.webp', rule: 'imageMogr2/thumbnail/32x/format/webp' }] }) },
    });
    assert.equal(res.err, null);
    const result = res.data.UploadResult;
    assert.equal(result.OriginalInfo.Key, 'sdk/pic.png');
    assert.equal(result.OriginalInfo.ImageInfo.Width, '64');
    assert.equal(result.ProcessResults.Object.Key, 'sdk/pic-small.webp');
    assert.equal(result.ProcessResults.Object.Width, '32');
    const thumb = await call('getObject', { Key: 'sdk/pic-small.webp' });
    assert.equal((await sharp(Buffer.from(thumb.data.Body)).metadata()).format, 'webp');
  });

  test('a client with a wrong key is rejected with SignatureDoesNotMatch', async () => {
    const wrong = new COS({ SecretId: t.emu.secretId, SecretKey: 'not-the-secret', Protocol: 'http:', Domain: `127.0.0.1:${t.port}/{Bucket}`, ConfCwd: work });
    const res = await call('getObject', { Key: 'sdk/put.bin' }, wrong);
    assert.equal(res.err.statusCode, 403);
    assert.equal(res.err.code, 'SignatureDoesNotMatch');
    const unknown = new COS({ SecretId: 'AKIDunknown', SecretKey: 'x', Protocol: 'http:', Domain: `127.0.0.1:${t.port}/{Bucket}`, ConfCwd: work });
    assert.equal((await call('putObject', { Key: 'sdk/x', Body: Buffer.from('x') }, unknown)).err.code, 'InvalidAccessKeyId');
  });

  test('the SDK works with STS credentials from the emulator (getAuthorization callback)', async () => {
    const answer = await fetch(`${t.url}/sts?prefix=sdk-sts/`).then((r) => r.json());
    const sts = new COS({
      Protocol: 'http:', Domain: `127.0.0.1:${t.port}/{Bucket}`, ConfCwd: work,
      getAuthorization: (_o: unknown, cb: (c: unknown) => void) => cb({
        TmpSecretId: answer.Credentials.TmpSecretId, TmpSecretKey: answer.Credentials.TmpSecretKey,
        SecurityToken: answer.Credentials.Token, StartTime: answer.StartTime, ExpiredTime: answer.ExpiredTime,
      }),
    });
    assert.equal((await call('putObject', { Key: 'sdk-sts/a.txt', Body: Buffer.from('sts') }, sts)).err, null);
    const denied = await call('putObject', { Key: 'other/a.txt', Body: Buffer.from('sts') }, sts);
    assert.equal(denied.err.code, 'AccessDenied');
  });
});
