// CosClient.picJobs against the real emulator: submit, describe and wait for picture jobs on the CI host
// (path form and virtual-host form), a failed rule, an unknown id, temporary keys expiring mid-poll, abort.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { CosClient } from '../../../src/core/client.js';
import { CosError } from '../../../src/core/http/errors.js';
import { FetchTransport } from '../../../src/core/http/fetch-transport.js';
import { getAuthorization } from '../../../src/core/auth/sign.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import type { TokenProvider, Transport } from '../../../src/core/types.js';
import { request } from 'node:http';
import { BUCKET, rawRequest, startEmulator, type TestEmulator } from '../emulator/helpers.js';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();

/** Temporary keys from the emulator's STS; they are only replaced when the client says they failed (invalidate). */
function stsProvider(t: TestEmulator, duration: number): TokenProvider & { fetched: number } {
  let creds: { id: string; key: string; token: string } | undefined;
  const provider = {
    name: 'test-sts',
    fetched: 0,
    async authorize(request: Parameters<TokenProvider['authorize']>[0]) {
      if (!creds) {
        const res = await rawRequest(t, { method: 'GET', path: `/sts?actions=*&duration=${duration}` });
        const c = JSON.parse(res.text) as { Credentials: { TmpSecretId: string; TmpSecretKey: string; Token: string } };
        creds = { id: c.Credentials.TmpSecretId, key: c.Credentials.TmpSecretKey, token: c.Credentials.Token };
        provider.fetched += 1;
      }
      const authorization = await getAuthorization({
        SecretId: creds.id, SecretKey: creds.key, Method: request.method, Pathname: request.pathname,
        Query: request.query, Headers: request.headers, Expires: 3600,
      }, nodeHash);
      return { authorization, securityToken: creds.token };
    },
    invalidate() {
      creds = undefined;
    },
  };
  return provider;
}

/** Sends every request to the emulator on loopback while keeping the URL's host name in `Host` (no DNS for *.localhost here). */
function loopbackTransport(port: number, seen: Record<string, string>[] = []): Transport {
  return {
    send: (req) => new Promise((resolve, reject) => {
      seen.push(req.headers);
      const url = new URL(req.url);
      const body = typeof req.body === 'string' ? req.body : undefined;
      const out = request({ host: '127.0.0.1', port, method: req.method, path: url.pathname + url.search, headers: { ...req.headers, Host: url.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, text: Buffer.concat(chunks).toString('utf8') }));
      });
      out.on('error', reject);
      out.end(body);
    }),
  };
}

function clientFor(t: TestEmulator, tokenProvider: TokenProvider, ciEndpoint = `${t.url}/ci/{Bucket}`, transport: Transport = new FetchTransport()) {
  return new CosClient({
    bucket: BUCKET, region: 'ap-guangzhou', endpoint: `${t.url}/{Bucket}`, ciEndpoint, tokenProvider, transport,
  });
}

describe('CosClient.picJobs against the emulator', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator({ picJobDelayMs: 300 });
    const client = clientFor(t, stsProvider(t, 3600));
    await client.putObject('lib/photo.png', new Blob([await png(400, 300)]), { headers: { 'Content-Type': 'image/png' } });
    await client.putObject('lib/notes.txt', new Blob(['not an image']), { headers: { 'Content-Type': 'text/plain' } });
  });
  after(() => t.close());

  it('submits a job, sees it Submitted, then waits for Success with the output stored at the right size', async () => {
    const client = clientFor(t, stsProvider(t, 3600));
    const submitted = await client.picJobs.submit({ inputKey: 'lib/photo.png', rule: 'imageMogr2/thumbnail/100x/format/webp', outputKey: 'lib/out/photo_100.webp', userData: 'row-7' });
    assert.equal(submitted.state, 'Submitted');
    assert.match(submitted.jobId, /^c[0-9a-f]{32}$/);
    assert.equal(submitted.userData, 'row-7');
    const seen: string[] = [];
    const done = await client.picJobs.wait(submitted.jobId, { intervalMs: 50, onUpdate: (job) => seen.push(job.state) });
    assert.equal(done.state, 'Success');
    assert.ok(seen.includes('Submitted') || seen.includes('Running'), `states seen: ${seen.join(',')}`);
    assert.deepEqual({ ...done.result, etag: '' }, {
      key: 'lib/out/photo_100.webp', location: client.location('lib/out/photo_100.webp'), format: 'webp', width: 100, height: 75,
      size: done.result!.size, quality: done.result!.quality, etag: '', frameCount: 1,
    });
    assert.equal(done.originalInfo?.imageInfo?.width, 400);
    const head = await client.headObject('lib/out/photo_100.webp');
    assert.equal(head.size, done.result!.size);
    assert.equal((await sharp(Buffer.from(await (await client.getObject('lib/out/photo_100.webp')).arrayBuffer())).metadata()).width, 100);
  });

  it('processWithJobs runs a Pic-Operations header as jobs and answers the UploadResult shape (fileids resolved like uploads)', async () => {
    const client = clientFor(t, stsProvider(t, 3600));
    const header = JSON.stringify({ is_pic_info: 1, rules: [
      { fileid: 'thumbs/photo_64.png', rule: 'imageMogr2/thumbnail/64x64' },
      { fileid: '/flat/photo.jpg', rule: 'imageMogr2/format/jpg' },
    ] });
    const result = await client.picJobs.processWithJobs('lib/photo.png', header, { intervalMs: 50 });
    assert.equal(result.originalInfo.key, 'lib/photo.png');
    assert.equal(result.originalInfo.imageInfo?.width, 400);
    assert.deepEqual(result.processResults.map((r) => [r.key, r.format, r.width, r.height]), [
      ['lib/thumbs/photo_64.png', 'png', 64, 48],
      ['flat/photo.jpg', 'jpg', 400, 300],
    ]);
  });

  it('the virtual-host form of the CI host works too (signed host is <bucket>.ci.<region>…)', async () => {
    const seen: Record<string, string>[] = [];
    const client = clientFor(t, stsProvider(t, 3600), `http://{Bucket}.ci.ap-guangzhou.localhost:${t.port}`, loopbackTransport(t.port, seen));
    const job = await client.picJobs.submit({ inputKey: 'lib/photo.png', rule: 'imageMogr2/thumbnail/10x', outputKey: 'lib/out/vhost.png' });
    // The CI host takes the STS token in its own header.
    assert.ok(seen[0]['x-ci-security-token']);
    assert.equal(seen[0]['x-cos-security-token'], undefined);
    const done = await client.picJobs.wait(job.jobId, { intervalMs: 50 });
    assert.equal(done.state, 'Success');
    assert.equal(done.result?.width, 10);
  });

  it('a job whose input is not an image ends Failed with the CI error code; the input stays as it was', async () => {
    const client = clientFor(t, stsProvider(t, 3600));
    const job = await client.picJobs.submit({ inputKey: 'lib/notes.txt', rule: 'imageMogr2/thumbnail/10x', outputKey: 'lib/out/notes.png' });
    const done = await client.picJobs.wait(job.jobId, { intervalMs: 50 });
    assert.equal(done.state, 'Failed');
    assert.equal(done.code, 'InvalidImageFormat');
    assert.ok(done.message.length > 0);
    assert.equal(done.result, undefined);
    assert.equal(await (await client.getObject('lib/notes.txt')).text(), 'not an image');
    await assert.rejects(client.headObject('lib/out/notes.png'), (err: CosError) => err.status === 404);
    await assert.rejects(
      client.picJobs.processWithJobs('lib/notes.txt', JSON.stringify({ rules: [{ fileid: 'x.png', rule: 'imageMogr2/thumbnail/10x' }] }), { intervalMs: 50 }),
      (err: CosError) => err.code === 'InvalidImageFormat' && !err.retryable,
    );
  });

  it('a rule that fails while running (output over 9,999 px) ends the job Failed with ImageResolutionExceed', async () => {
    const client = clientFor(t, stsProvider(t, 3600));
    const job = await client.picJobs.submit({ inputKey: 'lib/photo.png', rule: 'imageMogr2/thumbnail/10000x600!', outputKey: 'lib/out/huge.png' });
    const done = await client.picJobs.wait(job.jobId, { intervalMs: 50 });
    assert.deepEqual([done.state, done.code], ['Failed', 'ImageResolutionExceed']);
    assert.match(done.message, /9999/);
    await assert.rejects(client.headObject('lib/out/huge.png'), (err: CosError) => err.status === 404);
    assert.equal((await client.headObject('lib/photo.png')).contentType, 'image/png');
  });

  it('a rule the grammar refuses is refused at submit with InvalidArgument', async () => {
    const client = clientFor(t, stsProvider(t, 3600));
    await assert.rejects(
      client.picJobs.submit({ inputKey: 'lib/photo.png', rule: 'imageMogr2/thumbnail/abc', outputKey: 'lib/out/bad.png' }),
      (err: CosError) => err.status === 400 && /InvalidArgument|InvalidPicOperations/.test(err.code),
    );
  });

  it('an unknown job id is NoSuchJob (CI answers 200 with NonExistJobIds); a malformed id never leaves the client', async () => {
    const client = clientFor(t, stsProvider(t, 3600));
    await assert.rejects(client.picJobs.describe('c' + '0'.repeat(32)), (err: CosError) => err.code === 'NoSuchJob' && err.status === 200);
    await assert.rejects(client.picJobs.describe('../etc'), (err: CosError) => err.code === 'InvalidArgument' && err.source === 'client');
  });

  it('temporary keys that expire while polling are replaced once and the wait goes on', async () => {
    const provider = stsProvider(t, 1);
    const client = clientFor(t, provider);
    const job = await client.picJobs.submit({ inputKey: 'lib/photo.png', rule: 'imageMogr2/thumbnail/20x', outputKey: 'lib/out/expiry.png' });
    await new Promise((r) => setTimeout(r, 2100));
    const done = await client.picJobs.wait(job.jobId, { intervalMs: 50 });
    assert.equal(done.state, 'Success');
    assert.ok(provider.fetched >= 2, `keys fetched ${provider.fetched} times`);
  });

  it('an abort stops the wait with the signal reason; a deadline gives JobTimeout', async () => {
    const client = clientFor(t, stsProvider(t, 3600));
    const job = await client.picJobs.submit({ inputKey: 'lib/photo.png', rule: 'imageMogr2/thumbnail/30x', outputKey: 'lib/out/abort.png' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('stop', 'AbortError')), 60);
    await assert.rejects(client.picJobs.wait(job.jobId, { intervalMs: 20, signal: controller.signal }), (err: Error) => err.name === 'AbortError');
    const slow = await client.picJobs.submit({ inputKey: 'lib/photo.png', rule: 'imageMogr2/thumbnail/31x', outputKey: 'lib/out/slow.png' });
    await assert.rejects(client.picJobs.wait(slow.jobId, { intervalMs: 10, timeoutMs: 30 }), (err: CosError) => err.code === 'JobTimeout');
    // The job itself is not cancelled by either: it still finishes.
    assert.equal((await client.picJobs.wait(slow.jobId, { intervalMs: 50 })).state, 'Success');
  });

  it('the newer POST /jobs path reaches the same jobs', async () => {
    const provider = stsProvider(t, 3600);
    const client = clientFor(t, provider);
    const { PicJobsApi } = await import('../../../src/core/ci/pic-jobs.js');
    const { RequestRunner } = await import('../../../src/core/client-request.js');
    const runner = new RequestRunner({ bucket: BUCKET, region: 'ap-guangzhou', baseUrl: `${t.url}/ci/${BUCKET}`, tokenProvider: provider, transport: new FetchTransport(), maxRetries: 0, now: Date.now, securityTokenHeader: 'x-ci-security-token' });
    const newer = new PicJobsApi({ runner, bucket: BUCKET, region: 'ap-guangzhou', location: (k) => client.location(k), path: 'jobs' });
    const job = await newer.submit({ inputKey: 'lib/photo.png', rule: 'imageMogr2/thumbnail/12x', outputKey: 'lib/out/newer.png' });
    assert.equal((await client.picJobs.wait(job.jobId, { intervalMs: 50 })).result?.width, 12);
  });
});
