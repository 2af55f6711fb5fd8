// Signing on a plain-http page that is not localhost: no secure context, so no crypto.subtle. The demo is
// served as http://intranet.test:<port> (Chromium maps the name to 127.0.0.1) and uploads in token-url mode,
// signing each request in the page with the plain TypeScript SHA-1/HMAC (docs/networks.md).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { createServer, type ViteDevServer } from 'vite';
import { bytesOf } from '../../shared/bytes.js';
import { root } from '../e2e/harness.js';
import { pickFiles, waitForStatuses, waitReady } from '../e2e/page.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { getAuthorization } from '../../../src/core/auth/sign.js';
// @ts-expect-error -- plain .mjs helper without types
import { findChromium, chromiumArgs } from '../../../scripts/find-chromium.mjs';

describe('an insecure (plain http, not localhost) origin', { timeout: 120_000 }, () => {
  let server: ViteDevServer;
  let browser: Browser;
  let port: number;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cos-insecure-'));
    process.env.COS_EMULATOR_DATA = dataDir;
    server = await createServer({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      cacheDir: join(dataDir, 'vite-cache'),
      server: { port: 0, host: '127.0.0.1', allowedHosts: ['intranet.test'] },
    });
    await server.listen();
    port = (server.httpServer!.address() as { port: number }).port;
    browser = await chromium.launch({ executablePath: findChromium(), args: [...chromiumArgs, '--host-resolver-rules=MAP intranet.test 127.0.0.1'] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has no crypto.subtle, and the uploader still signs and stores the file byte for byte', async () => {
    const context = await browser.newContext();
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const origin = `http://intranet.test:${port}`;
    await page.goto(`${origin}/`);
    await waitReady(page);
    const context_ = await page.evaluate(() => ({ secure: isSecureContext, subtle: typeof globalThis.crypto?.subtle, origin: location.origin }));
    assert.deepEqual(context_, { secure: false, subtle: 'undefined', origin });

    // One simple PUT and one multipart upload (above the 8 MiB threshold): every request kind is signed.
    const small = Buffer.from(bytesOf(300_000, 21));
    const big = Buffer.from(bytesOf(9 * 1024 * 1024 + 7, 22));
    await page.evaluate(() => document.querySelector('#uploader')!.setAttribute('prefix', 'insecure/'));
    await pickFiles(page, [
      { name: 'intranet.bin', mimeType: 'application/octet-stream', buffer: small },
      { name: 'intranet-big.bin', mimeType: 'application/octet-stream', buffer: big },
    ]);
    const done = await waitForStatuses(page, ['done', 'done'], '#uploader', 60_000);
    assert.deepEqual(done.map((r) => r.statusText), ['Uploaded', 'Uploaded']);

    // Read back with a signature made in Node with node:crypto.
    const info = (await (await fetch(`http://127.0.0.1:${port}/cos/-/info`)).json()) as { bucket: string };
    const sts = (await (await fetch(`http://127.0.0.1:${port}/cos/sts`)).json()) as { Credentials: { TmpSecretId: string; TmpSecretKey: string; Token: string } };
    for (const [key, bytes] of [['insecure/intranet.bin', small], ['insecure/intranet-big.bin', big]] as const) {
      const { TmpSecretId, TmpSecretKey, Token } = sts.Credentials;
      const authorization = await getAuthorization({ SecretId: TmpSecretId, SecretKey: TmpSecretKey, Method: 'GET', Key: key }, nodeHash);
      const stored = await fetch(`http://127.0.0.1:${port}/cos/${info.bucket}/${key}`, { headers: { Authorization: authorization, 'x-cos-security-token': Token } });
      assert.equal(stored.status, 200, key);
      assert.ok(Buffer.from(await stored.arrayBuffer()).equals(bytes), `${key} stored byte for byte`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
});
