// Security: the permanent SecretKey appears in no browser request or response, in no page and in no
// bundle. A page built from the real bundle (dist/cos-uploader.js) uploads through both credential modes
// (temporary keys, signing backend) in Chromium while every request and response is recorded and scanned.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright';
// @ts-expect-error -- plain .mjs helper without types
import { findChromium, chromiumArgs } from '../../../scripts/find-chromium.mjs';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from '../../../src/emulator/index.js';
import { startLab, type Lab } from './helpers.js';

const root = new URL('../../../', import.meta.url).pathname;

interface Recorded {
  where: string;
  data: Buffer;
}

/** The secret as it could leak: raw, URL-encoded, base64, hex. */
function forms(secret: string): Buffer[] {
  const raw = Buffer.from(secret, 'utf8');
  return [raw, Buffer.from(encodeURIComponent(secret)), Buffer.from(raw.toString('base64')), Buffer.from(raw.toString('hex'))];
}

function leaks(records: Recorded[], secret: string): string[] {
  const needles = forms(secret);
  return records.filter((r) => needles.some((n) => r.data.includes(n))).map((r) => r.where);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map((f) => join(dir, String(f))).filter((f) => statSync(f).isFile());
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };

describe('the permanent secret key never reaches the browser', { timeout: 180_000 }, () => {
  let lab: Lab;
  let buildDir = '';
  let site: Server;
  let siteUrl = '';
  let browser: Browser;

  before(async () => {
    lab = await startLab();
    buildDir = mkdtempSync(join(tmpdir(), 'cos-secret-scan-'));
    const quiet = { root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' as const };
    await build({ ...quiet, mode: 'standalone', build: { outDir: join(buildDir, 'standalone'), emptyOutDir: true } });
    await build({ ...quiet, build: { outDir: join(buildDir, 'library'), emptyOutDir: true } });
    site = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(pageHtml(lab));
        return;
      }
      const file = join(buildDir, 'standalone', path);
      if (!file.startsWith(join(buildDir, 'standalone')) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const address = site.address();
    siteUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
    await lab.close();
    rmSync(buildDir, { recursive: true, force: true });
  });

  it('uploads through temporary keys and a signing backend; no request, response, page or storage holds the secret', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const records: Recorded[] = [];
    const pending: Promise<void>[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (message) => records.push({ where: `console ${message.type()}`, data: Buffer.from(message.text()) }));
    page.on('request', (request) => {
      pending.push((async () => {
        const headers = await request.allHeaders();
        records.push({ where: `request ${request.method()} ${request.url()}`, data: Buffer.from(`${request.url()}\n${JSON.stringify(headers)}`) });
        const body = request.postDataBuffer();
        if (body) records.push({ where: `request body ${request.method()} ${request.url()}`, data: body });
      })());
    });
    page.on('response', (response) => {
      pending.push((async () => {
        const headers = await response.allHeaders();
        records.push({ where: `response ${response.status()} ${response.url()}`, data: Buffer.from(JSON.stringify(headers)) });
        const body = await response.body().catch(() => undefined);
        if (body) records.push({ where: `response body ${response.url()}`, data: body });
      })());
    });

    await page.goto(siteUrl);
    const outcomes = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(64, 48);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#c33';
      ctx.fillRect(0, 0, 64, 48);
      const image = new File([await canvas.convertToBlob({ type: 'image/png' })], 'red.png', { type: 'image/png' });
      const bytes = new Uint8Array(2.5 * 1024 * 1024).map((_, i) => (i * 7) & 0xff);
      const data = new File([bytes], 'data.bin', { type: 'application/octet-stream' });
      await customElements.whenDefined('cos-uploader');
      const results: string[][] = [];
      for (const id of ['with-sts', 'with-signer']) {
        const el = document.getElementById(id) as HTMLElement & { addFiles(files: File[]): void };
        const done = new Promise<CustomEvent>((resolve) => el.addEventListener('cos-queue-complete', (e) => resolve(e as CustomEvent), { once: true }));
        el.addFiles([image, data]);
        const { uploads } = (await done).detail as { uploads: { key: string; status: string; multipart: boolean }[] };
        results.push(uploads.map((u) => `${u.key} ${u.status} ${u.multipart ? 'multipart' : 'put'}`));
      }
      return results;
    });
    assert.deepEqual(outcomes, [
      ['sts/red.png done put', 'sts/data.bin done multipart'],
      ['signer/red.png done put', 'signer/data.bin done multipart'],
    ]);
    // Let the processed thumbnails load through their pre-signed URLs, so those requests are scanned too.
    await page.waitForFunction(`(${ALL_IMAGES})(document).length >= 2 && (${ALL_IMAGES})(document).every((img) => img.complete)`, undefined, { timeout: 15_000 });

    const rendered = (await page.evaluate(RENDERED_STATE)) as { dom: string; local: string; session: string; cookie: string };
    records.push({ where: 'rendered DOM (shadow roots included)', data: Buffer.from(rendered.dom) });
    records.push({ where: 'localStorage / sessionStorage / cookies', data: Buffer.from(`${rendered.local}${rendered.session}${rendered.cookie}`) });
    await Promise.all(pending);
    await context.close();
    assert.deepEqual(pageErrors, []);

    // The recording works: the uploads, the STS answer with its temporary secret and the signer's answers are in it.
    const wheres = records.map((r) => r.where);
    // (Chromium does not hand Blob upload bodies to Playwright; those are the user's file bytes.)
    assert.ok(wheres.some((w) => w.startsWith('request PUT') && w.includes('partNumber=')), 'part requests were recorded');
    assert.ok(wheres.some((w) => w.startsWith('request body POST') && w.includes('uploadId=')), 'the Complete XML body was recorded');
    assert.ok(wheres.some((w) => w.startsWith('response body') && w.includes('/sts')), 'the STS answer was recorded');
    assert.ok(wheres.some((w) => w.startsWith('response body') && w.includes('/sign')), 'the signer answers were recorded');
    const stsAnswer = records.find((r) => r.where.startsWith('response body') && r.where.includes('/sts'))!;
    const tmpSecretKey = (JSON.parse(stsAnswer.data.toString('utf8')) as { Credentials: { TmpSecretKey: string } }).Credentials.TmpSecretKey;
    assert.ok(leaks(records, tmpSecretKey).length > 0, 'the scanner finds a secret that is there (the temporary one)');

    assert.deepEqual(leaks(records, lab.emu.secretKey), [], 'the permanent SecretKey leaked');
    // In the temporary-key mode even the permanent SecretId stays out of every COS request.
    const stsModeRequests = records.filter((r) => r.where.startsWith('request') && r.where.includes('/sts/'));
    assert.ok(stsModeRequests.length >= 4);
    assert.deepEqual(leaks(stsModeRequests, lab.emu.secretId), [], 'the permanent SecretId appeared in a temporary-key request');
  });

  it('no bundle (library, standalone, and dist/ when present) contains emulator secrets or emulator code', () => {
    const files = [...filesUnder(buildDir), ...filesUnder(join(root, 'dist'))];
    assert.ok(files.some((f) => f.endsWith('cos-uploader.js')) && files.some((f) => f.endsWith('core.js')), 'both builds were scanned');
    const records = files.map((f) => ({ where: relative(root, f), data: readFileSync(f) }));
    for (const secret of [DEV_SECRET_KEY, DEV_SECRET_ID, lab.emu.secretKey, 'createCosEmulator', 'COS_SECRET_KEY']) {
      assert.deepEqual(leaks(records, secret), [], `"${secret}" found in a bundle`);
    }
  });
});

// Browser-side scripts as source text: tsx would wrap named functions in a `__name` helper the page lacks.
const ALL_IMAGES = `function images(root) {
  const found = [];
  for (const el of root.querySelectorAll('*')) {
    if (el instanceof HTMLImageElement) found.push(el);
    if (el.shadowRoot) found.push(...images(el.shadowRoot));
  }
  return found;
}`;
const RENDERED_STATE = `(() => {
  const parts = [document.documentElement.outerHTML];
  const visit = (root) => root.querySelectorAll('*').forEach((el) => {
    if (el.shadowRoot) { parts.push(el.shadowRoot.innerHTML); visit(el.shadowRoot); }
  });
  visit(document);
  return { dom: parts.join('\\n'), local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), cookie: document.cookie };
})()`;

function pageHtml(lab: Lab): string {
  const common = `bucket="${lab.emu.bucket}" region="${lab.emu.region}" endpoint="${lab.endpoint}" multiple multipart-threshold="1MB" part-size="1MB"`;
  const rules = JSON.stringify([{ fileid: '{name}_thumb.png', rule: 'imageMogr2/thumbnail/32x' }]).replace(/"/g, '&quot;');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>secret scan</title>
<script type="module" src="/cos-uploader.js"></script></head>
<body>
  <cos-uploader id="with-sts" ${common} prefix="sts/" token-url="${lab.url}/sts" rules="${rules}"></cos-uploader>
  <cos-uploader id="with-signer" ${common} prefix="signer/" sign-url="${lab.url}/sign" rules="${rules}"></cos-uploader>
</body></html>`;
}
