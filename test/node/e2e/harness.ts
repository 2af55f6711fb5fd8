// Runs the real demo (Vite dev server with the embedded emulator) and drives it with Playwright in Debian Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { getAuthorization } from '../../../src/core/auth/sign.js';
import { nodeHash } from '../../../src/node/node-hash.js';
// @ts-expect-error -- plain .mjs helper without types
import { findChromium, chromiumArgs } from '../../../scripts/find-chromium.mjs';

/** One request as the emulator logged it (`GET /cos/-/log`); status is 0 until the answer is sent. */
export interface LogEntry {
  method: string;
  action: string;
  key: string;
  partNumber?: number;
  uploadId?: string;
  status: number;
}

/** A fault rule for `POST /cos/-/faults` (see src/emulator/faults.ts). */
export interface FaultRule {
  action?: string;
  key?: string;
  partNumber?: number;
  times?: number;
  probability?: number;
  status?: number;
  code?: string;
  delayMs?: number;
}

export interface DemoPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors thrown in the page (each test asserts there are none). */
  errors: string[];
}

export interface Demo {
  url: string;
  /** The emulator's base URL as mounted in the demo (same origin). */
  cosUrl: string;
  dataDir: string;
  browser: Browser;
  /** A page in a fresh context; `initScripts` run before any page script on every load. */
  newPage(options?: Parameters<Browser['newContext']>[0], initScripts?: string[]): Promise<DemoPage>;
  admin(path: string, init?: RequestInit): Promise<Response>;
  /** The emulator's request log, oldest first. */
  log(): Promise<LogEntry[]>;
  faults(rules: FaultRule | FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  /** A stored object read back with a signed GET (temporary keys from the emulator's STS endpoint). */
  getObject(key: string): Promise<{ status: number; body: Buffer }>;
  close(): Promise<void>;
}

/** Polls `check` until it holds; fails with `what` after `timeout` ms. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const root = new URL('../../../', import.meta.url).pathname;

/** Debian's Chromium (or CHROME_PATH) through Playwright, headless, with the project's flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
}

export async function startDemo(): Promise<Demo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cos-e2e-'));
  process.env.COS_EMULATOR_DATA = dataDir;
  const server: ViteDevServer = await createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    cacheDir: join(dataDir, 'vite-cache'),
    server: { port: 0, host: '127.0.0.1' },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('demo server has no port');
  const url = `http://127.0.0.1:${address.port}`;
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const admin = (path: string, init?: RequestInit) => fetch(`${url}/cos${path}`, init);
  async function adminOk(path: string, init?: RequestInit): Promise<Response> {
    const res = await admin(path, init);
    if (!res.ok) throw new Error(`${init?.method ?? 'GET'} /cos${path}: ${res.status} ${await res.text()}`);
    return res;
  }
  return {
    url,
    cosUrl: `${url}/cos`,
    dataDir,
    browser,
    async newPage(options, initScripts = []) {
      const context = await browser.newContext(options);
      contexts.push(context);
      // tsx compiles these files with esbuild's keepNames: functions sent to page.evaluate call its __name helper.
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      for (const script of initScripts) await context.addInitScript(script);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => {
        errors.push(err.message);
        console.error('[pageerror]', err.message);
      });
      return { page, context, errors };
    },
    admin,
    log: async () => (await (await adminOk('/-/log')).json()) as LogEntry[],
    async faults(rules) {
      await adminOk('/-/faults', { method: 'POST', body: JSON.stringify(rules) });
    },
    async clearFaults() {
      await adminOk('/-/faults', { method: 'DELETE' });
    },
    async getObject(key) {
      const info = (await (await adminOk('/-/info')).json()) as { bucket: string };
      const sts = (await (await adminOk('/sts')).json()) as { Credentials: { TmpSecretId: string; TmpSecretKey: string; Token: string } };
      const { TmpSecretId, TmpSecretKey, Token } = sts.Credentials;
      const authorization = await getAuthorization({ SecretId: TmpSecretId, SecretKey: TmpSecretKey, Method: 'GET', Key: key }, nodeHash);
      const path = key.split('/').map(encodeURIComponent).join('/');
      const res = await fetch(`${url}/cos/${info.bucket}/${path}`, { headers: { Authorization: authorization, 'x-cos-security-token': Token } });
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
