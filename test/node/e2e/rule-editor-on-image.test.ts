// The rules demo page: a cut region dragged on the image with the real mouse becomes the rule, the emulator's
// render has the drawn size, and a screenshot of the editor at that moment goes to /tmp/shots-e2e.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startDemo, type Demo } from './harness.js';
import { axeViolations, openDemo } from './page.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp/shots-e2e';

describe('demo: editing a rule on the image', { timeout: 120_000 }, () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => demo?.close());

  it('drags a cut region on the sample; the rule text and the server preview follow', async () => {
    const { page, context, errors } = await openDemo(demo, '/demo/pages/rules.html');
    const editor = page.locator('#editor');
    await editor.locator('.rule-text textarea').first().fill('imageMogr2/cut/120x120x0x0/format/png');
    const canvas = editor.locator('.stage .canvas');
    await canvas.locator('img').waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('#editor')?.shadowRoot?.querySelector<HTMLImageElement>('.stage .canvas img');
      return Boolean(img?.complete && img.naturalWidth === 480);
    });
    assert.equal(await editor.locator('.stage-size').textContent(), 'What Cut rectangle receives: 480 × 320 px');

    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const at = (fx: number, fy: number) => [box.x + fx * box.width, box.y + fy * box.height] as const;
    await page.mouse.move(...at(0.45, 0.2));
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(...at(0.45 + (0.5 * i) / 8, 0.2 + (0.55 * i) / 8));
    await page.mouse.up();

    const text = await editor.locator('.rule-text textarea').first().inputValue();
    const m = /^imageMogr2\/cut\/(\d+)x(\d+)x(\d+)x(\d+)\/format\/png$/.exec(text);
    assert.ok(m, text);
    const [w, h, x, y] = m.slice(1).map(Number);
    // 0.45→0.95 of 480 px and 0.2→0.75 of 320 px, within a pixel of rounding.
    for (const [got, want] of [[w, 240], [h, 176], [x, 216], [y, 64]]) assert.ok(Math.abs(got - want) <= 1, `${text}: ${got} vs ${want}`);

    const id = await editor.locator('.rule').first().getAttribute('data-rule');
    await page.waitForFunction(([id, w, h]) => {
      const figure = document.querySelector('#editor')?.shadowRoot?.querySelector(`[data-preview="rule-${id}"]`);
      const img = figure?.querySelector('img');
      return Boolean(img?.complete && img.naturalWidth === w && img.naturalHeight === h && !figure!.classList.contains('loading'));
    }, [id, w, h] as const, { timeout: 30_000 });
    await page.waitForFunction(() => Boolean(document.querySelector('#editor')?.shadowRoot?.querySelector('.compare [role=slider]')));

    assert.deepEqual(await axeViolations(page), []);
    await editor.locator('.side').screenshot({ path: `${SHOTS}/rule-editor-dragged-cut.png` });
    await page.screenshot({ path: `${SHOTS}/rule-editor-dragged-cut-page.png`, fullPage: true });

    // The demo's second rule: a cover resize, a crop and a text watermark. Each tool, as a person would see it.
    const list = editor.locator('.stage-op');
    for (const [label, shot] of [['Rule 2 · Resize', 'rule-editor-thumbnail'], ['Rule 2 · Text watermark', 'rule-editor-watermark']]) {
      await list.selectOption({ label });
      await page.waitForFunction(() => {
        const img = document.querySelector('#editor')?.shadowRoot?.querySelector<HTMLImageElement>('.stage .canvas img');
        return Boolean(img?.complete && img.naturalWidth > 0);
      });
      await editor.locator('.stage').screenshot({ path: `${SHOTS}/${shot}.png` });
    }
    assert.equal(await editor.locator('.stage-size').textContent(), 'What Text watermark receives: 160 × 160 px');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
