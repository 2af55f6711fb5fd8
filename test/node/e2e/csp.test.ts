// The standalone bundle on a page with a strict Content-Security-Policy (styles and scripts from the page's own
// origin only, Trusted Types enforced with Lit's policy): an upload with processing, the results and the rule
// editor's live preview run without a single `securitypolicyviolation`.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { crc64 } from '../../../src/core/integrity/crc64.js';
import { drawPhoto } from './fixtures.js';
import { root } from './harness.js';
import { pickFiles, rows, thumbnails, waitForStatuses } from './page.js';
import { startStandaloneSite, type StandaloneSite } from './standalone-site.js';

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const pageDir = join(root, 'test/node/e2e/strict-csp');

/** Collects every CSP / Trusted Types violation the page reports, from before its first script runs. */
const COLLECT_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    // The element that carried the refused style, inside whichever shadow root (events are composed).
    const el = e.composedPath()[0];
    const host = el && el.getRootNode && el.getRootNode().host;
    const where = el && el.localName ? (host ? host.localName + ' ' : '') + el.localName + (el.getAttribute('part') ? '[part=' + el.getAttribute('part') + ']' : '') : 'document';
    window.__violations.push(where + ': ' + e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + e.sample);
  }, true);
`;

describe('strict CSP + Trusted Types page', { timeout: 180_000 }, () => {
  let site: StandaloneSite;
  let work: string;
  let url: string;
  let browser: Browser;
  let page: Page;
  const consoleProblems: string[] = [];

  before(async () => {
    // The real standalone build (DOMParser XML reader, lazy chunks), as a CMS would deploy it.
    const own = (name: string) => readFileSync(join(pageDir, name), 'utf8');
    site = await startStandaloneSite('csp', {
      pages: { '/': own('index.html'), '/page.js': own('page.js'), '/page.css': own('page.css') },
      headers: { 'Content-Security-Policy': POLICY },
    });
    ({ work, url, browser } = site);
    page = await (await browser.newContext({ viewport: { width: 1200, height: 1000 } })).newPage();
    // tsx compiles this file with esbuild's keepNames: functions sent to page.evaluate call its __name helper.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    await page.addInitScript(COLLECT_VIOLATIONS);
    page.on('console', (msg) => {
      if (/Content Security Policy|Trusted Type|TrustedHTML|TrustedScript/i.test(msg.text())) consoleProblems.push(msg.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(`page error: ${error.message}`));
  });

  after(() => site?.close());

  const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

  it('serves the policy, and the page sees it enforced', async () => {
    const response = await page.goto(url);
    assert.equal(response?.headers()['content-security-policy'], POLICY);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    // The policy bites: an inline style attribute set from markup is refused and reported.
    const probe = await page.evaluate(async () => {
      const before = (window as unknown as { __violations: string[] }).__violations.length;
      const div = document.createElement('div');
      div.setAttribute('style', 'color: red');
      document.body.append(div);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const seen = (window as unknown as { __violations: string[] }).__violations.splice(before);
      div.remove();
      return seen;
    });
    assert.equal(probe.length, 1, 'the probe style attribute is reported');
    assert.match(probe[0], /^div: style-src/);
    // Chromium also logs the refusal to the console, naming the refused text by its hash. That line is the probe's
    // own: take it out, so the console check below sees only what the elements did.
    const probeHash = `sha256-${createHash('sha256').update('color: red').digest('base64')}`;
    for (let i = 0; i < 50 && !consoleProblems.some((p) => p.includes(probeHash)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const probeLines = consoleProblems.filter((p) => p.includes(probeHash));
    assert.equal(probeLines.length, 1, `the probe's console line: ${JSON.stringify(consoleProblems)}`);
    assert.match(probeLines[0], /^Applying inline style violates/);
    consoleProblems.splice(consoleProblems.indexOf(probeLines[0]), 1);
  });

  it('uploads an image with processing, shows the results, and previews the rule: no violation outside the uploader rows', async () => {
    const photo = await drawPhoto(640, 400, 'png');
    await pickFiles(page, [{ name: 'photo.png', mimeType: 'image/png', buffer: photo }]);
    await waitForStatuses(page, ['done']).catch(async (error) => {
      // Say what the page showed, not only that it timed out.
      throw new Error(`${error.message}\nrows: ${JSON.stringify(await rows(page))}\nviolations: ${JSON.stringify(await violations())}\nconsole: ${JSON.stringify(consoleProblems)}`);
    });
    const shown = await thumbnails(page, '#results', 1);
    assert.deepEqual(shown.map((t) => [t.width, t.height]), [[120, 75]]);
    // The editor previews its rule on the uploaded original (download-time processing, shown through a blob: URL).
    await page.waitForFunction(() => {
      const img = document.querySelector('#editor')?.shadowRoot?.querySelector<HTMLImageElement>('[data-preview^="rule-"] img');
      return !!img && img.complete && img.naturalWidth === 120;
    }, undefined, { timeout: 30_000 }).catch(async (error) => {
      const preview = await page.evaluate(() => document.querySelector('#editor')?.shadowRoot?.querySelector('[part~="preview"]')?.outerHTML.replace(/\s+/g, ' ').slice(0, 3000));
      throw new Error(`${error.message}\npreview: ${preview}\nviolations: ${JSON.stringify(await violations())}\nconsole: ${JSON.stringify(consoleProblems)}`);
    });
    // The swatch colour of the original's average colour arrives through the CSSOM, not a style attribute.
    const swatch = await page.evaluate(() => {
      const el = document.querySelector('#results')?.shadowRoot?.querySelector('.swatch');
      return el ? { attribute: el.getAttribute('style'), background: getComputedStyle(el).backgroundColor } : undefined;
    });
    assert.ok(swatch && swatch.background !== 'rgba(0, 0, 0, 0)', `swatch ${JSON.stringify(swatch)}`);
    await page.screenshot({ path: join(work, 'csp.png'), fullPage: true });
    if (process.env.CSP_SCREENSHOT) await page.screenshot({ path: process.env.CSP_SCREENSHOT, fullPage: true });
    // Results, rule editor, page and Trusted Types: nothing refused. The uploader's own rows are checked below.
    assert.deepEqual((await violations()).filter((v) => !v.startsWith('cos-uploader ')), []);
    assert.deepEqual(consoleProblems, []);
  });

  // A file large enough for the WebAssembly CRC (docs/crc64-wasm.md): under script-src 'self' the page keeps the JS
  // hash, without trying to compile (which would be reported); the violations are checked by the next test.
  it('checks a large file with the JS CRC-64: this policy does not allow compiling WebAssembly', async () => {
    const large = randomBytes(12 * 1024 * 1024);
    await page.evaluate(() => {
      const uploader = document.querySelector('#uploader') as HTMLElement & { picOperations: string };
      uploader.picOperations = '';
      const seen: unknown[] = [];
      (window as unknown as { __checksums: unknown[] }).__checksums = seen;
      uploader.addEventListener('cos-upload-success', (e) => seen.push((e as CustomEvent).detail.upload.result?.checksum));
    });
    await pickFiles(page, [{ name: 'large.bin', mimeType: 'application/octet-stream', buffer: large }]);
    await waitForStatuses(page, ['done', 'done']);
    const checksums = await page.evaluate(() => (window as unknown as { __checksums: unknown[] }).__checksums);
    assert.deepEqual(checksums, [{ crc64: crc64(large), engine: 'js' }]);
  });

  // Runs after the upload above: the uploader's rows set their progress and position through the CSSOM too.
  it('the whole page, the uploader rows included, reports zero violations', async () => {
    assert.deepEqual(await violations(), []);
  });

  // The page's console at the end: no refused style, script or Trusted Types sink, no page error (the probe's
  // own line was taken out where it was made).
  it('the console shows no refused inline style either', async () => {
    assert.deepEqual(consoleProblems, []);
  });
});
