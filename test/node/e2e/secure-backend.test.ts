// The real-bucket demo page against the demo backend (demo/server/real-bucket-sts.mjs, built on cos-uploader/server)
// with the emulator as its STS: sign in, upload into the user's own prefix, in both modes; a wrong password
// gets nothing. Screenshots go to /tmp/shots-e2e for a person to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from '../../../src/emulator/state.js';
import { emulatorCredentialSource, toNodeListener, type AuditEvent } from '../../../src/server/index.js';
// @ts-expect-error -- plain .mjs demo without types
import { createDemoBackend } from '../../../demo/server/real-bucket-sts.mjs';
import { startDemo, type Demo } from './harness.js';
import { openDemo, pickFiles, waitForStatuses } from './page.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp/shots-e2e';

describe('real-bucket demo page with the secure demo backend', { timeout: 120_000 }, () => {
  let demo: Demo;
  let backend: Server;
  let backendUrl: string;
  const audit: AuditEvent[] = [];

  before(async () => {
    demo = await startDemo();
    const handler = createDemoBackend({
      bucket: 'examplebucket-1250000000',
      region: 'ap-guangzhou',
      prefix: 'uploads/',
      users: new Map([['alice', 'pw-alice'], ['bob', 'pw-bob']]),
      allowedOrigins: [demo.url],
      source: emulatorCredentialSource({ url: demo.cosUrl }),
      secretId: DEV_SECRET_ID,
      secretKey: DEV_SECRET_KEY,
      hosts: [new URL(demo.url).host],
      audit: (e: AuditEvent) => void audit.push(e),
    });
    backend = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    backendUrl = `http://127.0.0.1:${(backend.address() as { port: number }).port}`;
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    backend?.closeAllConnections();
    await new Promise<void>((resolve) => (backend ? backend.close(() => resolve()) : resolve()));
    await demo?.close();
  });

  async function signIn(page: Page, user: string, password: string, mode: 'sts' | 'sign'): Promise<string> {
    await page.fill('input[name=bucket]', 'examplebucket-1250000000');
    await page.fill('input[name=region]', 'ap-guangzhou');
    await page.fill('input[name=backend]', backendUrl);
    await page.fill('input[name=endpoint]', `${demo.cosUrl}/{Bucket}`);
    await page.selectOption('select[name=mode]', mode);
    await page.fill('input[name=user]', user);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForFunction(() => !/Signing in/.test(document.getElementById('login-status')?.textContent ?? '') && document.getElementById('login-status')?.textContent);
    return (await page.textContent('#login-status')) ?? '';
  }

  it('a wrong password gets no uploader and no keys', async () => {
    const { page, context, errors } = await openDemo(demo, '/demo/pages/real-bucket.html');
    assert.match(await signIn(page, 'alice', 'guess', 'sts'), /Sign-in failed: Wrong user or password/);
    assert.equal(await page.isHidden('#real'), true);
    const probe = await page.evaluate(async (url) => (await fetch(`${url}/sts`, { credentials: 'include' })).status, backendUrl);
    assert.equal(probe, 401);
    await page.screenshot({ path: `${SHOTS}/secure-backend-refused.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const [user, mode] of [['alice', 'sts'], ['bob', 'sign']] as const) {
    it(`${user} signs in (${mode}) and uploads into uploads/${user}/ only`, async () => {
      const { page, context, errors } = await openDemo(demo, '/demo/pages/real-bucket.html');
      assert.match(await signIn(page, user, `pw-${user}`, mode), new RegExp(`Signed in as ${user}: uploads go to uploads/${user}/`));
      await pickFiles(page, [{ name: `${mode}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`hello from ${user}`) }], '#real');
      await waitForStatuses(page, ['done'], '#real');
      const stored = await demo.getObject(`uploads/${user}/${mode}.txt`);
      assert.equal(stored.status, 200);
      assert.equal(stored.body.toString(), `hello from ${user}`);
      const writes = (await demo.log()).filter((e) => e.action === 'PutObject' && e.status === 200).map((e) => e.key);
      assert.ok(writes.includes(`uploads/${user}/${mode}.txt`), writes.join());
      assert.ok(audit.some((e) => e.decision === 'allow' && e.userId === user && e.handler === mode));
      await page.screenshot({ path: `${SHOTS}/secure-backend-${mode}.png`, fullPage: true });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
