// axe-core on every demo page (light and dark), and full-page screenshots of the demo with results showing
// (light, dark, zh-CN) written to /tmp/shots-e2e for a person to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { makeFixtures, type Fixtures } from './fixtures.js';
import { startDemo, type Demo } from './harness.js';
import { axeViolations, openDemo, pickFiles, rows, thumbnails, waitForStatuses } from './page.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp/shots-e2e';
const PAGES = ['/', '/demo/pages/cms-form.html', '/demo/pages/rules.html', '/demo/pages/real-bucket.html'];

/** Waits for the rule editor's preview images, so axe and screenshots see the page at rest. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const editor = document.querySelector('cos-rule-editor');
    const images = [...(editor?.shadowRoot?.querySelectorAll('img') ?? [])];
    return images.every((img) => img.complete);
  });
}

async function select(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).selectOption(value);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('cos-uploader, cos-rule-editor, cos-results')].map((el) => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete)));
}

async function shoot(page: Page, name: string): Promise<void> {
  await thumbnails(page, '#results', 2);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('demo: accessibility and screenshots', { timeout: 150_000 }, () => {
  let demo: Demo;
  let files: Fixtures;

  before(async () => {
    [demo, files] = await Promise.all([startDemo(), makeFixtures()]);
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await demo?.close();
    files?.remove();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations on any demo page in ${colorScheme} mode`, async () => {
      const found: string[] = [];
      for (const path of PAGES) {
        const { page, context, errors } = await openDemo(demo, path, { colorScheme });
        await settle(page);
        found.push(...(await axeViolations(page)).map((v) => `${path}: ${v}`));
        const shownDespiteHidden = await page.evaluate(() =>
          [...document.querySelectorAll('[hidden]')].filter((el) => getComputedStyle(el).display !== 'none').map((el) => el.localName));
        assert.deepEqual(shownDespiteHidden, [], `${path}: hidden elements stay hidden`);
        assert.deepEqual(errors, [], path);
        await context.close();
      }
      assert.deepEqual(found, []);
    });
  }

  it('shows the demo with results in light, dark and zh-CN, each without axe violations', async () => {
    const light = await openDemo(demo, '/', { colorScheme: 'light' });
    await select(light.page, '#theme', 'light');
    await pickFiles(light.page, [files.photo]);
    await waitForStatuses(light.page, ['done']);
    await settle(light.page);
    assert.deepEqual(await axeViolations(light.page), []);
    await shoot(light.page, 'light');

    const dark = await openDemo(demo, '/', { colorScheme: 'dark' });
    await select(dark.page, '#theme', 'dark');
    await pickFiles(dark.page, [files.photo]);
    await waitForStatuses(dark.page, ['done']);
    await settle(dark.page);
    const background = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(11, 17, 32)');
    assert.equal(await dark.page.locator('#uploader').getAttribute('theme'), 'dark');
    assert.deepEqual(await axeViolations(dark.page), []);
    await shoot(dark.page, 'dark');

    const zh = await openDemo(demo, '/', { colorScheme: 'light', locale: 'zh-CN' });
    await select(zh.page, '#lang', 'zh-CN');
    await pickFiles(zh.page, [files.photo]);
    await waitForStatuses(zh.page, ['done']);
    await settle(zh.page);
    assert.equal(await zh.page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal((await rows(zh.page))[0].statusText, '已上传');
    assert.equal(await zh.page.locator('#uploader [part~="dropzone"] .prompt').innerText(), '拖放文件到此处、粘贴，或按下以选择文件');
    assert.equal(await zh.page.locator('#upload-title').innerText(), '1 · 上传');
    assert.deepEqual(await axeViolations(zh.page), []);
    await shoot(zh.page, 'zh-CN');

    for (const opened of [light, dark, zh]) assert.deepEqual(opened.errors, []);
  });
});
