// The emulator's simulated WAN (--latency, --bandwidth) and its corruption faults.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc64 } from '../../../src/core/integrity/crc64.js';
import { TokenBucket } from '../../../src/emulator/network.js';
import { bytes, cos, rawRequest, startEmulator, type TestEmulator } from './helpers.js';

const elapsed = async (action: () => Promise<unknown>) => {
  const t0 = performance.now();
  await action();
  return performance.now() - t0;
};

describe('--latency', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator({ latencyMs: 150 });
  });
  after(() => t.close());

  it('adds the latency to every answer, CORS preflights and errors included, but not to admin routes', async () => {
    const preflight = await elapsed(async () => {
      const res = await rawRequest(t, {
        method: 'OPTIONS', path: '/examplebucket-1250000000/a.txt',
        headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'PUT' },
      });
      assert.equal(res.status, 200);
    });
    const put = await elapsed(async () => assert.equal((await cos(t, { method: 'PUT', key: 'lat/a.txt', body: 'hi' })).status, 200));
    const error = await elapsed(async () => assert.equal((await cos(t, { method: 'GET', key: 'lat/missing' })).status, 404));
    const admin = await elapsed(async () => assert.equal((await rawRequest(t, { method: 'GET', path: '/-/log' })).status, 200));
    for (const [name, ms] of [['preflight', preflight], ['PUT', put], ['error', error]] as const) {
      assert.ok(ms >= 145, `${name} took ${ms.toFixed(1)} ms, expected ≥ 150`);
    }
    // Generous headroom on a loaded machine: the point is that admin calls do not wait the 150 ms.
    assert.ok(admin < 145, `admin route took ${admin.toFixed(1)} ms`);
  });
});

describe('--bandwidth', () => {
  let t: TestEmulator;
  const RATE = 1_000_000;
  before(async () => {
    t = await startEmulator({ bandwidth: RATE });
  });
  after(() => t.close());

  it('one body of 600 KB takes at least 0.6 s at 1 MB/s', async () => {
    const body = bytes(600_000, 3);
    const ms = await elapsed(async () => assert.equal((await cos(t, { method: 'PUT', key: 'bw/one.bin', body })).status, 200));
    assert.ok(ms >= 560, `took ${ms.toFixed(0)} ms`);
  });

  it('two bodies at once share the one bucket: 2 × 400 KB take at least 0.8 s together', async () => {
    const body = bytes(400_000, 4);
    const ms = await elapsed(() => Promise.all([
      cos(t, { method: 'PUT', key: 'bw/a.bin', body }),
      cos(t, { method: 'PUT', key: 'bw/b.bin', body }),
    ]));
    assert.ok(ms >= 750, `took ${ms.toFixed(0)} ms`);
    const got = await cos(t, { method: 'GET', key: 'bw/b.bin' });
    assert.ok(got.body.equals(body), 'the throttled body is stored intact');
  });

  it('the token bucket serves callers in order at the given rate', async () => {
    const bucket = new TokenBucket(200_000);
    const ms = await elapsed(() => Promise.all(Array.from({ length: 10 }, () => bucket.take(20_000))));
    // 200 KB at 200 KB/s, minus the initial burst (2 KB at most... 16 KiB floor).
    assert.ok(ms >= 850 && ms < 5000, `took ${ms.toFixed(0)} ms`);
    assert.throws(() => new TokenBucket(0), /bytes per second/);
  });
});

describe('corruption faults', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
  });
  after(() => t.close());

  it("corrupt: 'stored' flips the middle byte; ETag and CRC describe the stored (corrupted) bytes", async () => {
    const body = bytes(10_001, 5);
    t.emu.faults.add({ action: 'PutObject', key: 'c/stored.bin', corrupt: 'stored' });
    const put = await cos(t, { method: 'PUT', key: 'c/stored.bin', body });
    assert.equal(put.status, 200);
    const stored = (await cos(t, { method: 'GET', key: 'c/stored.bin' })).body;
    const expected = Buffer.from(body);
    expected[5000] ^= 0xff;
    assert.ok(stored.equals(expected), 'exactly the middle byte differs');
    assert.equal(put.headers['x-cos-hash-crc64ecma'], crc64(expected));
    assert.notEqual(put.headers['x-cos-hash-crc64ecma'], crc64(body));
    // The rule was used up: the next PUT is stored intact.
    const again = await cos(t, { method: 'PUT', key: 'c/stored.bin', body });
    assert.equal(again.headers['x-cos-hash-crc64ecma'], crc64(body));
  });

  it("corrupt: 'crc-header' stores the bytes intact and answers a wrong CRC, on parts and Complete too", async () => {
    const body = bytes(4096, 6);
    t.emu.faults.add({ action: 'PutObject', key: 'c/header.bin', corrupt: 'crc-header' });
    const put = await cos(t, { method: 'PUT', key: 'c/header.bin', body });
    assert.notEqual(put.headers['x-cos-hash-crc64ecma'], crc64(body));
    assert.ok((await cos(t, { method: 'GET', key: 'c/header.bin' })).body.equals(body));
    const head = await cos(t, { method: 'HEAD', key: 'c/header.bin' });
    assert.equal(head.headers['x-cos-hash-crc64ecma'], crc64(body), 'HEAD reports the true CRC');

    const init = await cos(t, { method: 'POST', key: 'c/mp.bin', query: { uploads: '' } });
    const uploadId = /<UploadId>([^<]+)</.exec(init.text)![1];
    t.emu.faults.add([
      { action: 'UploadPart', key: 'c/mp.bin', corrupt: 'crc-header' },
      { action: 'CompleteMultipartUpload', key: 'c/mp.bin', corrupt: 'crc-header' },
    ]);
    const part = await cos(t, { method: 'PUT', key: 'c/mp.bin', query: { partNumber: '1', uploadId }, body });
    assert.notEqual(part.headers['x-cos-hash-crc64ecma'], crc64(body));
    const xml = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${part.headers.etag}</ETag></Part></CompleteMultipartUpload>`;
    const done = await cos(t, { method: 'POST', key: 'c/mp.bin', query: { uploadId }, body: xml });
    assert.equal(done.status, 200);
    assert.notEqual(done.headers['x-cos-hash-crc64ecma'], crc64(body));
  });

  it('refuses an unknown corrupt kind', async () => {
    assert.throws(() => t.emu.faults.add({ corrupt: 'bits' as never }), /corrupt must be/);
  });
});

describe('CLI flags', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', ...args], { encoding: 'utf8', timeout: 30_000 });

  it('rejects a bad --latency or --bandwidth with usage and exit code 2', () => {
    for (const arg of ['--latency=-5', '--latency=soon', '--bandwidth=0', '--bandwidth=']) {
      const result = cli(['--port', '0', arg]);
      assert.equal(result.status, 2, `${arg}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`${arg.split('=')[0]} must be`));
      assert.match(result.stderr, /--latency <ms>\] \[--bandwidth <bytes\/s>\]/);
    }
  });

  it('starts with both flags and applies them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cos-emu-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--data', dataDir, '--latency', '120', '--bandwidth', '12500000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner within 30 s: ${out}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /url:\s+(http:\/\/\S+)/.exec(out);
          if (m && /network:.*\n/.test(out)) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      assert.match(out, /network:\s+\+120 ms per answer, 12500000 B\/s shared by request bodies/);
      const ms = await elapsed(async () => {
        const res = await fetch(`${url}/examplebucket-1250000000/x`, { method: 'OPTIONS', headers: { Origin: 'http://a.test', 'Access-Control-Request-Method': 'PUT' } });
        assert.equal(res.status, 200);
      });
      assert.ok(ms >= 115, `preflight took ${ms.toFixed(0)} ms`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
