// Picture jobs over HTTP: the states a client sees, persistence across an emulator restart (a new process on the
// same data directory), the completion callback, and the official cos-nodejs-sdk-v5's generic `request` on the CI host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { getAuthorization } from '../../../src/core/auth/sign.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { BUCKET, cos, rawRequest, startEmulator, xmlField, type TestEmulator } from './helpers.js';

const require = createRequire(new URL('../../../package.json', import.meta.url).pathname);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sdk = any;
const COS = require('cos-nodejs-sdk-v5') as (new (options: Record<string, unknown>) => Sdk) & { util: { json2xml(value: unknown): string } };

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 90, g: 160, b: 60 } } }).png().toBuffer();

const jobRequest = (input: string, rule: string, output: string, extra = '') =>
  `<Request><Tag>PicProcess</Tag><Input><Object>${input}</Object></Input><Operation><PicProcess><ProcessRule>${rule}</ProcessRule></PicProcess>` +
  `<Output><Object>${output}</Object></Output><UserData>u1</UserData></Operation>${extra}</Request>`;

async function ci(t: TestEmulator, method: 'GET' | 'POST', path: string, body?: string) {
  const host = `127.0.0.1:${t.port}`;
  const authorization = await getAuthorization({ SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Method: method, Pathname: path, Headers: { Host: host } }, nodeHash);
  return rawRequest(t, { method, path: `/ci/${BUCKET}${path}`, body, headers: { Host: host, Authorization: authorization, 'Content-Type': 'application/xml' } });
}

async function stateOf(t: TestEmulator, jobId: string): Promise<string> {
  return xmlField((await ci(t, 'GET', `/pic_jobs/${jobId}`)).text, 'State') ?? '';
}

async function until(t: TestEmulator, jobId: string, states: string[], timeoutMs = 15_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const state = await stateOf(t, jobId);
    if (states.includes(state)) return state;
    if (Date.now() > end) throw new Error(`job ${jobId} still ${state}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('picture jobs: lifecycle over HTTP', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cos-jobs-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('Submitted → Running → Success is observable; a missing input ends Failed with NoSuchKey', async () => {
    const t = await startEmulator({ dataDir: mkdtempSync(join(tmpdir(), 'cos-jobs-states-')), picJobDelayMs: 400 });
    try {
      await cos(t, { method: 'PUT', key: 'in/a.png', body: await png(50, 40) });
      const submitted = await ci(t, 'POST', '/pic_jobs', jobRequest('in/a.png', 'imageMogr2/thumbnail/25x', 'out/a.png'));
      const jobId = xmlField(submitted.text, 'JobId')!;
      assert.equal(xmlField(submitted.text, 'State'), 'Submitted');
      assert.equal(await stateOf(t, jobId), 'Submitted');
      assert.equal(await until(t, jobId, ['Success', 'Failed']), 'Success');
      const missing = xmlField((await ci(t, 'POST', '/jobs', jobRequest('in/none.png', 'imageMogr2/thumbnail/25x', 'out/none.png'))).text, 'JobId')!;
      assert.equal(await until(t, missing, ['Success', 'Failed']), 'Failed');
      const detail = (await ci(t, 'GET', `/jobs/${missing}`)).text;
      assert.equal(xmlField(detail, 'Code'), 'NoSuchKey');
      assert.match(xmlField(detail, 'Message') ?? '', /in\/none\.png/);
    } finally {
      await t.close();
    }
  });

  test('a restart mid-job keeps the job: the next emulator process on the same data finishes it', async () => {
    const first = await startEmulator({ dataDir, picJobDelayMs: 1500 });
    await cos(first, { method: 'PUT', key: 'in/big.png', body: await png(300, 200) });
    const jobId = xmlField((await ci(first, 'POST', '/pic_jobs', jobRequest('in/big.png', 'imageMogr2/thumbnail/30x', 'out/big.png'))).text, 'JobId')!;
    assert.equal(await stateOf(first, jobId), 'Submitted');
    await first.close();
    assert.ok(readdirSync(join(dataDir, BUCKET, 'ci-jobs')).includes(`${jobId}.json`));

    const second = await startEmulator({ dataDir, picJobDelayMs: 10 });
    try {
      // Nobody asks about the job first: the restarted emulator resumes unfinished jobs on its own.
      const end = Date.now() + 15_000;
      while ((await cos(second, { method: 'HEAD', key: 'out/big.png' })).status !== 200) {
        assert.ok(Date.now() < end, 'the job did not finish after the restart');
        await new Promise((r) => setTimeout(r, 50));
      }
      // The output is written just before the job is marked finished.
      assert.equal(await until(second, jobId, ['Success', 'Failed']), 'Success');
      assert.equal((await sharp((await cos(second, { method: 'GET', key: 'out/big.png' })).body).metadata()).width, 30);
      assert.equal(xmlField((await ci(second, 'GET', `/pic_jobs/${jobId}`)).text, 'UserData'), 'u1');
    } finally {
      await second.close();
    }
  });

  test('the CallBack URL receives the finished job (XML by default, JSON on request)', async () => {
    const received: { type: string; body: string }[] = [];
    const hook = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ type: String(req.headers['content-type']), body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/done`;
    const t = await startEmulator({ dataDir: mkdtempSync(join(tmpdir(), 'cos-jobs-cb-')) });
    try {
      await cos(t, { method: 'PUT', key: 'in/cb.png', body: await png(40, 40) });
      const xmlJob = xmlField((await ci(t, 'POST', '/pic_jobs', jobRequest('in/cb.png', 'imageMogr2/thumbnail/8x', 'out/cb.png', `<CallBack>${hookUrl}</CallBack>`))).text, 'JobId')!;
      const jsonJob = xmlField((await ci(t, 'POST', '/pic_jobs', jobRequest('in/cb.png', 'imageMogr2/thumbnail/9x', 'out/cb9.png', `<CallBack>${hookUrl}</CallBack><CallBackFormat>JSON</CallBackFormat>`))).text, 'JobId')!;
      const end = Date.now() + 15_000;
      while (received.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
      assert.equal(received.length, 2);
      const xml = received.find((r) => r.type === 'application/xml')!;
      assert.equal(xmlField(xml.body, 'EventName'), 'TaskFinish');
      assert.equal(xmlField(xml.body, 'JobId'), xmlJob);
      assert.equal(xmlField(xml.body, 'State'), 'Success');
      const json = JSON.parse(received.find((r) => r.type === 'application/json')!.body);
      assert.equal(json.Response.EventName, 'TaskFinish');
      assert.equal(json.Response.JobsDetail.JobId, jsonJob);
      assert.equal(json.Response.JobsDetail.Operation.PicProcessResult.ProcessResult.Width, '9');
    } finally {
      await t.close();
      await new Promise<void>((r) => hook.close(() => r()));
    }
  });
});

describe('cos-nodejs-sdk-v5 generic request on the CI host', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
  });
  after(() => t.close());

  test('submits a picture job with cos.request and reads it back by id', async () => {
    await cos(t, { method: 'PUT', key: 'sdk/in.png', body: await png(120, 60) });
    const sdk = new COS({ SecretId: t.emu.secretId, SecretKey: t.emu.secretKey, Protocol: 'http:' });
    const base = `http://127.0.0.1:${t.port}/ci/${BUCKET}`;
    const request = (params: Record<string, unknown>): Promise<Sdk> => new Promise((resolve, reject) =>
      sdk.request({ Bucket: BUCKET, Region: t.emu.region, ...params }, (err: Sdk, data: Sdk) => (err ? reject(err) : resolve(data))));
    // The body as the SDK's own CI samples build it: json2xml of the request object.
    const body = COS.util.json2xml({ Request: { Tag: 'PicProcess', Input: { Object: 'sdk/in.png' }, Operation: { PicProcess: { IsPicInfo: 'true', ProcessRule: 'imageMogr2/thumbnail/60x' }, Output: { Object: 'sdk/out.png' } } } });
    const submitted = await request({ Method: 'POST', Key: 'pic_jobs', Url: `${base}/pic_jobs`, Headers: { 'Content-Type': 'application/xml' }, Body: body });
    const jobId = submitted.Response.JobsDetail.JobId as string;
    assert.match(jobId, /^c[0-9a-f]{32}$/);
    let detail: Sdk;
    for (let i = 0; i < 300; i++) {
      detail = (await request({ Method: 'GET', Key: `pic_jobs/${jobId}`, Url: `${base}/pic_jobs/${jobId}` })).Response.JobsDetail;
      if (detail.State === 'Success' || detail.State === 'Failed') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.equal(detail.State, 'Success');
    assert.equal(detail.Operation.PicProcessResult.ProcessResult.Width, '60');
    assert.equal(detail.Operation.PicProcessResult.OriginalInfo.ImageInfo.Width, '120');
  });
});
