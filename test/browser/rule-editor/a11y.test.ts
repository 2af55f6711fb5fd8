import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/rule-editor/rule-editor.js';
import type { CosRuleEditor } from '../../../src/elements/rule-editor/rule-editor.js';
import { loadAxe, violationLines } from '../shared/axe.js';


const RULES = [
  { fileid: '{name}_thumb.{ext}', rule: 'imageMogr2/thumbnail/800x800/pad/1/color/I0ZGRkZGRg/crop/300x/gravity/center/bright/150' },
  { fileid: 'wm/', rule: 'watermark/2/text/dGV4dA/fill/IzNEM0QzRA|imageView2/2/w/400|imageMogr2/cut/10x10x0x0/Foo/1' },
];

describe('<cos-rule-editor> accessibility', () => {
  for (const variant of [{ theme: 'light', lang: 'en' }, { theme: 'dark', lang: 'en' }, { theme: 'light', lang: 'zh-CN' }]) {
    it(`axe-core finds no violations (${variant.theme}, ${variant.lang})`, async () => {
      const el = await fixture<CosRuleEditor>(html`<cos-rule-editor theme=${variant.theme} lang=${variant.lang} .rules=${RULES}></cos-rule-editor>`);
      el.shadowRoot!.querySelectorAll('details').forEach((d) => (d.open = true));
      const results = await (await loadAxe()).run(el, { resultTypes: ['violations'] });
      const summary = violationLines(results);
      expect(summary).to.deep.equal([]);
    });
  }
});
