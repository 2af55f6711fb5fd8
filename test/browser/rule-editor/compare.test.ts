import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { CosRuleEditor } from '../../../src/elements/rule-editor/rule-editor.js';
import { loadAxe, violationLines } from '../shared/axe.js';
import { until } from './helpers.js';
import { mount } from './on-image-helpers.js';


const slider = (el: CosRuleEditor) => el.shadowRoot!.querySelector<HTMLElement>('.compare [role=slider]');
const frame = (el: CosRuleEditor) => el.shadowRoot!.querySelector<HTMLElement>('.compare-frame')!;
const now = (el: CosRuleEditor) => slider(el)!.getAttribute('aria-valuenow');

async function withCompare(rules: { fileid: string; rule: string }[], stage = true): Promise<CosRuleEditor> {
  const el = await mount(rules, { stage });
  await until(() => Boolean(slider(el)), 'the comparison');
  return el;
}

describe('<cos-rule-editor> before/after comparison', () => {
  it('splits the original and the rule’s output where the pointer presses and drags', async () => {
    const el = await withCompare([{ fileid: 'a.png', rule: 'imageMogr2/grayscale/1' }], false);
    expect(el.shadowRoot!.querySelector('.compare h3')!.textContent).to.equal('Before and after · Rule 1');
    expect(now(el)).to.equal('50');
    frame(el).scrollIntoView({ block: 'center' });
    const box = frame(el).getBoundingClientRect();
    const y = Math.round(box.top + box.height / 2);
    await sendMouse({ type: 'move', position: [Math.round(box.left + box.width / 4), y] });
    await sendMouse({ type: 'down' });
    await el.updateComplete;
    expect(Math.abs(Number(now(el)) - 25)).to.be.at.most(1);
    expect(el.shadowRoot!.activeElement, 'the slider takes focus').to.equal(slider(el));
    await sendMouse({ type: 'move', position: [Math.round(box.left + box.width * 0.8), y] });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(Math.abs(Number(now(el)) - 80)).to.be.at.most(1);
    expect(frame(el).style.getPropertyValue('--split')).to.equal(`${now(el)}%`);
    // Released: moving no longer drags.
    await sendMouse({ type: 'move', position: [Math.round(box.left + 2), y] });
    await el.updateComplete;
    expect(Math.abs(Number(now(el)) - 80)).to.be.at.most(1);
    const [after, before] = frame(el).querySelectorAll('img');
    expect(before.alt).to.equal('Original');
    expect(after.alt).to.equal('Output of Rule 1');
  });

  it('is operable with the keyboard', async () => {
    const el = await withCompare([{ fileid: 'a.png', rule: 'imageMogr2/grayscale/1' }], false);
    expect(el.shadowRoot!.querySelector('.stage .hint')!.textContent).to.contain('Add a cut, crop, resize or watermark');
    slider(el)!.focus();
    const press = async (key: string) => {
      await sendKeys({ press: key });
      await el.updateComplete;
      return now(el);
    };
    expect(await press('ArrowRight')).to.equal('51');
    expect(await press('Shift+ArrowLeft')).to.equal('41');
    expect(await press('PageUp')).to.equal('51');
    expect(await press('End')).to.equal('100');
    expect(await press('ArrowRight')).to.equal('100');
    expect(await press('Home')).to.equal('0');
    expect(slider(el)!.getAttribute('aria-valuetext')).to.equal('0% original');
    expect(slider(el)!.getAttribute('aria-label')).to.equal('Split between the original and Rule 1');
  });

  for (const rule of ['imageMogr2/cut/120x80x10x10', 'watermark/2/text/U2FtcGxl/dx/10/dy/10', 'imageMogr2/thumbnail/200x150']) {
    it(`axe-core finds no violations with the on-image editor and the comparison (${rule.split('/')[1]})`, async () => {
      const el = await withCompare([{ fileid: 'a.png', rule }]);
      const results = await (await loadAxe()).run(el, { resultTypes: ['violations'] });
      const summary = violationLines(results);
      expect(summary).to.deep.equal([]);
    });
  }

  it('axe-core finds no violations in Chinese and dark mode', async () => {
    const el = await withCompare([{ fileid: 'a.png', rule: 'imageMogr2/crop/200x200/gravity/center' }]);
    el.setAttribute('lang', 'zh-CN');
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.stage h3')!.textContent).to.equal('在图片上编辑');
    const results = await (await loadAxe()).run(el, { resultTypes: ['violations'] });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`)).to.deep.equal([]);
  });
});
