// The ways to run the emulator: `npm run emulator` (cli.ts) and mounted in Vite (vite-plugin.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { getAuthorization } from '../../../src/core/auth/sign.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { cosEmulatorPlugin } from '../../../src/emulator/vite-plugin.js';
import { BUCKET } from './helpers.js';

const root = new URL('../../../', import.meta.url).pathname;

function runCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/emulator/cli.ts'), ...args], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI not ready: ${out}`)), 20_000);
    child.stdout.on('data', () => {
      if (out.includes('admin:')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`CLI exited: ${out}`));
    });
  });
  // A run that is expected to fail never awaits `ready`; keep its rejection from being unhandled.
  ready.catch(() => undefined);
  return { child, ready, exited, output: () => out };
}

test('cli: prints URL, bucket, region and credentials (from COS_SECRET_ID / COS_SECRET_KEY) when ready, then serves', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cos-cli-'));
  const cli = runCli(['--port', '0', '--data', data, '--region', 'ap-beijing'], { COS_SECRET_ID: 'AKIDfromEnv', COS_SECRET_KEY: 'keyFromEnv' });
  try {
    const banner = await cli.ready;
    const url = /url:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    assert.ok(url, banner);
    assert.match(banner, new RegExp(`bucket:\\s+${BUCKET}`));
    assert.match(banner, /region:\s+ap-beijing/);
    assert.match(banner, /SecretId:\s+AKIDfromEnv/);
    assert.match(banner, /SecretKey:\s+keyFromEnv/);
    assert.doesNotMatch(banner, /development defaults/);
    const info = await fetch(`${url}/-/info`).then((r) => r.json());
    assert.equal(info.region, 'ap-beijing');
  } finally {
    cli.child.kill('SIGTERM');
    await cli.exited;
    rmSync(data, { recursive: true, force: true });
  }
});

test('cli: development credentials are printed as such; a bad option exits with usage', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cos-cli-'));
  const env = { COS_SECRET_ID: '', COS_SECRET_KEY: '' };
  const cli = runCli(['--port', '0', '--data', data], env);
  try {
    assert.match(await cli.ready, /development defaults/);
  } finally {
    cli.child.kill('SIGTERM');
    await cli.exited;
    rmSync(data, { recursive: true, force: true });
  }
  const bad = runCli(['--port', 'nope'], env);
  assert.equal(await bad.exited, 2);
  assert.match(bad.output(), /--port must be/);
});

test('vite plugin: mounted at /cos on the dev server, answers 404 XML itself and serves objects', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cos-vite-'));
  const plugin = cosEmulatorPlugin({ mount: '/cos', dataDir: data, secretId: 'AKIDvite', secretKey: 'viteKey' });
  const server = await createServer({ configFile: false, root: data, logLevel: 'silent', plugins: [plugin], server: { port: 0, host: '127.0.0.1' } });
  try {
    await server.listen();
    const address = server.httpServer!.address() as { port: number };
    const host = `127.0.0.1:${address.port}`;
    const base = `http://${host}/cos`;
    const sign = (method: string, key: string, headers: Record<string, string> = {}) =>
      getAuthorization({ SecretId: 'AKIDvite', SecretKey: 'viteKey', Method: method, Key: key, Headers: { Host: host, ...headers } }, nodeHash);

    const missing = await fetch(`${base}/${BUCKET}/nothing.txt`, { headers: { Authorization: await sign('GET', 'nothing.txt') } });
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /<Code>NoSuchKey<\/Code>/);
    const unknown = await fetch(`${base}/no/such/route`);
    assert.notEqual(unknown.headers.get('content-type'), 'text/html', 'never Vite\'s SPA fallback');

    const put = await fetch(`${base}/${BUCKET}/hello.txt`, { method: 'PUT', body: 'via vite', headers: { Authorization: await sign('PUT', 'hello.txt', { 'Content-Length': '8' }) } });
    assert.equal(put.status, 200);
    const get = await fetch(`${base}/${BUCKET}/hello.txt`, { headers: { Authorization: await sign('GET', 'hello.txt') } });
    assert.equal(await get.text(), 'via vite');

    const info = await fetch(`${base}/-/info`).then((r) => r.json());
    assert.equal(info.url, base);
    assert.equal(plugin.api?.emulator?.url, base);
    const sts = await fetch(`${base}/sts`).then((r) => r.json());
    assert.ok(sts.Credentials.TmpSecretId);
  } finally {
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
});
