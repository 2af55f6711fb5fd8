// The demo when COS's CRC header cannot be read (a CORS rule without it in ExposeHeaders; here the page's
// XMLHttpRequest is made to hide it, as a browser does): the upload still finishes, and the uploader says once that
// integrity is not being checked. Also saves a screenshot of that state.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { makeFixtures, type Fixtures } from './fixtures.js';
import { startDemo, type Demo, type DemoPage } from './harness.js';
import { dropFiles, openDemo, waitForStatuses } from './page.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp/shots-e2e';

describe('demo: CRC header not readable', { timeout: 120_000 }, () => {
  let demo: Demo;
  let files: Fixtures;
  let opened: DemoPage;

  before(async () => {
    [demo, files] = await Promise.all([startDemo(), makeFixtures()]);
    // What a browser does with a header the CORS rule does not expose: the page cannot read it.
    const hideCrc = `(() => {
      const all = XMLHttpRequest.prototype.getAllResponseHeaders;
      XMLHttpRequest.prototype.getAllResponseHeaders = function () {
        return all.call(this).split('\\r\\n').filter((line) => !/^x-cos-hash-crc64ecma:/i.test(line)).join('\\r\\n');
      };
    })();`;
    opened = await openDemo(demo, '/', undefined, [hideCrc]);
  });
  after(async () => {
    await demo?.close();
    files?.remove();
  });

  it('uploads anyway and shows one warning, with the event fired once', async () => {
    const { page, errors } = opened;
    await page.evaluate(() => {
      const w = window as unknown as { warnings: string[] };
      w.warnings = [];
      document.querySelector('#uploader')!.addEventListener('cos-upload-warning', (e) => w.warnings.push((e as CustomEvent).detail.warning.code));
    });
    await dropFiles(page, [files.photo]);
    await waitForStatuses(page, ['done']);
    await dropFiles(page, [files.photo]);
    await waitForStatuses(page, ['done', 'done']);
    const messages = await page.evaluate(() =>
      [...document.querySelector('#uploader')!.shadowRoot!.querySelectorAll('[part~="messages"] .notice')].map((n) => n.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
    assert.equal(messages.filter((m) => m.includes('x-cos-hash-crc64ecma')).length, 1, messages.join(' | '));
    assert.deepEqual(await page.evaluate(() => (window as unknown as { warnings: string[] }).warnings), ['IntegrityUnchecked']);
    mkdirSync(SHOTS, { recursive: true });
    await page.locator('#uploader').screenshot({ path: `${SHOTS}/integrity-warning.png` });
    assert.deepEqual(errors, []);
  });
});
