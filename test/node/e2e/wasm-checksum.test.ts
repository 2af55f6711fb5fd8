// The standalone bundle choosing its CRC-64 engine by the page's CSP (docs/crc64-wasm.md#when-webassembly-is-used):
// a 12 MiB file (multipart, large enough for WebAssembly) uploaded on the strict-CSP test page served under three
// policies. Each case is a fresh page (the decision is made once per page); each checks the digest the page computed
// against the file's, which engine computed it, and the CSP violations the page saw.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { crc64 } from '../../../src/core/integrity/crc64.js';
import { root } from './harness.js';
import { pickFiles, rows, waitForStatuses } from './page.js';
import { startStandaloneSite, type StandaloneSite } from './standalone-site.js';

const BASE = ["default-src 'self'", "style-src 'self'", "img-src 'self' blob: data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"];
const STRICT = [...BASE, "script-src 'self'"].join('; ');
const WASM_ALLOWED = [...BASE, "script-src 'self' 'wasm-unsafe-eval'"].join('; ');
const pageDir = join(root, 'test/node/e2e/strict-csp');

const COLLECT = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)')), true);
`;

interface Outcome {
  checksums: ({ crc64: string; engine: string } | undefined)[];
  violations: string[];
  heads: number;
}

describe('CRC-64 engine by the page CSP (standalone build)', { timeout: 240_000 }, () => {
  let site: StandaloneSite;
  const file = randomBytes(12 * 1024 * 1024);
  const expected = crc64(file);
  const heads: string[] = [];

  before(async () => {
    const own = (name: string) => readFileSync(join(pageDir, name), 'utf8');
    const html = own('index.html');
    site = await startStandaloneSite('wasm-crc', {
      pages: { '/': html, '/no-csp.html': html, '/strict.html': html, '/page.js': own('page.js'), '/page.css': own('page.css') },
      headers: { 'Content-Security-Policy': WASM_ALLOWED },
      pageHeaders: { '/no-csp.html': {}, '/strict.html': { 'Content-Security-Policy': STRICT } },
    });
  });

  after(() => site?.close());

  /** Opens `path` in a fresh page, uploads the file with `wasm-checksum` set to `mode` (unset: auto). */
  async function upload(path: string, mode?: string): Promise<Outcome> {
    const page: Page = await (await site.browser.newContext()).newPage();
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    await page.addInitScript(COLLECT);
    page.on('request', (request) => {
      if (request.method() === 'HEAD') heads.push(new URL(request.url()).pathname);
    });
    const problems: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const headsBefore = heads.length;
    try {
      await page.goto(site.url + path);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await page.evaluate((mode) => {
        const uploader = document.querySelector('#uploader') as HTMLElement & { picOperations: string };
        // A binary file: no image processing.
        uploader.picOperations = '';
        if (mode) uploader.setAttribute('wasm-checksum', mode);
        const seen: unknown[] = [];
        (window as unknown as { __checksums: unknown[] }).__checksums = seen;
        uploader.addEventListener('cos-upload-success', (e) => seen.push((e as CustomEvent).detail.upload.result?.checksum));
      }, mode);
      await pickFiles(page, [{ name: `large-${path.replace(/\W/g, '') || 'root'}-${mode ?? 'auto'}.bin`, mimeType: 'application/octet-stream', buffer: file }]);
      await waitForStatuses(page, ['done']).catch(async (error) => {
        throw new Error(`${error.message}\nrows: ${JSON.stringify(await rows(page))}\nconsole: ${JSON.stringify(problems)}`);
      });
      // Reports are dispatched as tasks: let any pending one arrive before reading.
      await page.waitForTimeout(200);
      const { checksums, violations } = await page.evaluate(() => {
        const w = window as unknown as { __checksums: Outcome['checksums']; __violations: string[] };
        return { checksums: w.__checksums, violations: w.__violations };
      });
      return { checksums, violations, heads: heads.length - headsBefore };
    } finally {
      await page.context().close();
    }
  }

  it("uses WebAssembly where the CSP allows 'wasm-unsafe-eval', with no violation", async () => {
    const outcome = await upload('/');
    assert.deepEqual(outcome, { checksums: [{ crc64: expected, engine: 'wasm' }], violations: [], heads: 1 });
  });

  it('uses WebAssembly on a page without any CSP', async () => {
    const outcome = await upload('/no-csp.html');
    assert.deepEqual(outcome, { checksums: [{ crc64: expected, engine: 'wasm' }], violations: [], heads: 1 });
  });

  it("keeps JS under script-src 'self': no compile tried, so no violation", async () => {
    const outcome = await upload('/strict.html');
    assert.deepEqual(outcome, { checksums: [{ crc64: expected, engine: 'js' }], violations: [], heads: 1 });
  });

  it("wasm-checksum=\"off\" keeps JS and sends no HEAD, even where WebAssembly is allowed", async () => {
    const outcome = await upload('/', 'off');
    assert.deepEqual(outcome, { checksums: [{ crc64: expected, engine: 'js' }], violations: [], heads: 0 });
  });

  it('wasm-checksum="on" under a CSP that forbids it: the compile is refused (one report), JS checks the file', async () => {
    const outcome = await upload('/strict.html', 'on');
    assert.deepEqual(outcome.checksums, [{ crc64: expected, engine: 'js' }]);
    assert.equal(outcome.heads, 0);
    assert.equal(outcome.violations.length, 1, JSON.stringify(outcome.violations));
    assert.match(outcome.violations[0], /^script-src blocked wasm-eval/);
  });
});
