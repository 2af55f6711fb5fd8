import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/rule-editor/rule-editor.js';
import type { CosRuleEditor } from '../../../src/elements/rule-editor/rule-editor.js';
import type { CosRulesChangeEvent } from '../../../src/events/rules-change.js';
import { $, $$, fill, rows, titleOf } from './helpers.js';

async function addOperation(el: CosRuleEditor, name: string, rule = 0) {
  const card = $$(el.shadowRoot!, '.rule')[rule];
  await fill(el, card.querySelector('.add-op select')!, name);
  card.querySelector<HTMLButtonElement>('.add-op-button')!.click();
  await el.updateComplete;
  return rows(el, rule).at(-1)!;
}

describe('<cos-rule-editor> form', () => {
  it('builds a rule with the form and produces the expected header', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor></cos-rule-editor>`);
    const events: CosRulesChangeEvent[] = [];
    el.addEventListener('cos-rules-change', (e) => events.push(e));
    $<HTMLButtonElement>(el, '.add-rule').click();
    await el.updateComplete;
    await fill(el, $(el, '.rule input[id$="-fileid"]'), 'thumbs/{name}.webp');

    const [thumbnail] = rows(el);
    expect(titleOf(thumbnail)).to.equal('thumbnail');
    await fill(el, thumbnail.querySelector('select[id$="-main-mode"]')!, 'fit');
    await fill(el, rows(el)[0].querySelector('input[id$="-main-w"]')!, '320');
    await fill(el, rows(el)[0].querySelector('input[id$="-main-h"]')!, '240');

    const format = await addOperation(el, 'format');
    await fill(el, format.querySelector('select')!, 'png');

    const watermark = await addOperation(el, 'watermark/2');
    await fill(el, watermark.querySelector('input[id$="-text"]')!, '腾讯云');
    watermark.querySelector<HTMLInputElement>('input[type=radio][value="northwest"]')!.click();
    await el.updateComplete;

    const header = '{"is_pic_info":1,"rules":[{"fileid":"thumbs/{name}.webp","rule":"imageMogr2/thumbnail/320x240/format/png|watermark/2/text/6IW-6K6v5LqR/gravity/northwest"}]}';
    expect(el.value).to.equal(header);
    expect($<HTMLTextAreaElement>(el, '#header').value).to.equal(header);
    expect($<HTMLTextAreaElement>(el, '.rule-text textarea').value).to.equal('imageMogr2/thumbnail/320x240/format/png|watermark/2/text/6IW-6K6v5LqR/gravity/northwest');
    const last = events.at(-1)!.detail;
    expect(last.picOperations).to.equal(header);
    expect(last.valid).to.equal(true);
    expect(last.rules).to.deep.equal([{ fileid: 'thumbs/{name}.webp', rule: 'imageMogr2/thumbnail/320x240/format/png|watermark/2/text/6IW-6K6v5LqR/gravity/northwest' }]);
  });

  it('turns a pasted header into the form', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor></cos-rule-editor>`);
    let detail: CosRulesChangeEvent['detail'] | undefined;
    el.addEventListener('cos-rules-change', (e) => (detail = e.detail));
    const header = JSON.stringify({
      is_pic_info: 1,
      rules: [
        { fileid: '%E7%BC%A9%E7%95%A5%E5%9B%BE/{name}.webp', rule: 'imageMogr2/thumbnail/!50p/format/webp' },
        { bucket: 'other-1250000000', fileid: '/wm/{filename}', rule: 'watermark/1/image/aHR0cDovL2EuY29tL2xvZ28ucG5n/gravity/SouthEast/dx/10/' },
      ],
    });
    await fill(el, $(el, '#header'), header);

    const cards = $$(el.shadowRoot!, '.rule');
    expect(cards).to.have.length(2);
    expect(cards[0].querySelector<HTMLInputElement>('input[id$="-fileid"]')!.value).to.equal('缩略图/{name}.webp');
    expect(rows(el, 0).map(titleOf)).to.deep.equal(['thumbnail', 'format']);
    expect(rows(el, 0)[0].querySelector<HTMLSelectElement>('select[id$="-main-mode"]')!.value).to.equal('scale');
    expect(rows(el, 0)[0].querySelector<HTMLInputElement>('input[id$="-main-p"]')!.value).to.equal('50');
    expect(rows(el, 0)[1].querySelector('select')!.value).to.equal('webp');
    expect(cards[1].querySelector<HTMLInputElement>('input[id$="-bucket"]')!.value).to.equal('other-1250000000');
    const watermark = rows(el, 1)[0];
    expect(titleOf(watermark)).to.equal('watermark/1');
    expect(watermark.querySelector<HTMLInputElement>('input[id$="-image"]')!.value).to.equal('http://a.com/logo.png');
    expect(watermark.querySelector<HTMLInputElement>('input[value="southeast"]')!.checked).to.equal(true);
    expect(watermark.querySelector<HTMLInputElement>('input[id$="-dx"]')!.value).to.equal('10');
    expect(cards[1].querySelector<HTMLTextAreaElement>('.rule-text textarea')!.value).to.equal('watermark/1/image/aHR0cDovL2EuY29tL2xvZ28ucG5n/gravity/SouthEast/dx/10/');
    expect(detail!.rules[1].rule, 'the original spelling survives').to.equal('watermark/1/image/aHR0cDovL2EuY29tL2xvZ28ucG5n/gravity/SouthEast/dx/10/');

    await fill(el, watermark.querySelector('input[id$="-dx"]')!, '24');
    expect(JSON.parse(el.value).rules[1].rule, 'only the edited token changes').to.equal('watermark/1/image/aHR0cDovL2EuY29tL2xvZ28ucG5n/gravity/SouthEast/dx/24/');
  });

  it('keeps the form when the pasted text is not JSON, and says why', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor value='{"rules":[{"fileid":"a.jpg","rule":"imageMogr2/strip"}]}'></cos-rule-editor>`);
    await fill(el, $(el, '#header'), '{"rules":[{"fileid":"a.jpg" "rule":"x"}]}');
    expect($$(el.shadowRoot!, '.rule')).to.have.length(1);
    expect($(el, '#header-msg').textContent).to.contain('not valid JSON');
    expect($<HTMLTextAreaElement>(el, '#header').value, 'the typed text is kept').to.equal('{"rules":[{"fileid":"a.jpg" "rule":"x"}]}');
  });

  it('edits the rule text and the form follows', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor .rules=${[{ fileid: 'a.jpg', rule: 'imageMogr2/strip' }]}></cos-rule-editor>`);
    await fill(el, $(el, '.rule-text textarea'), 'imageMogr2/rotate/90/blur/8x5|imageView2/2/w/400');
    expect(rows(el).map(titleOf)).to.deep.equal(['rotate', 'blur', 'imageView2']);
    expect(rows(el)[0].querySelector<HTMLInputElement>('input[type=number]')!.value).to.equal('90');
    expect(el.rules).to.deep.equal([{ fileid: 'a.jpg', rule: 'imageMogr2/rotate/90/blur/8x5|imageView2/2/w/400' }]);
  });

  it('shows an inline message for an invalid value and marks the field', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor .rules=${[{ fileid: 'a.jpg', rule: 'imageMogr2/bright/10' }]}></cos-rule-editor>`);
    let detail: CosRulesChangeEvent['detail'] | undefined;
    el.addEventListener('cos-rules-change', (e) => (detail = e.detail));
    const input = rows(el)[0].querySelector<HTMLInputElement>('input[type=number]')!;
    await fill(el, input, '150');
    const field = rows(el)[0].querySelector('[part~="field"]')!;
    expect(field.querySelector('.messages .error')!.textContent).to.equal('bright: the value must be between -100 and 100, not 150.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain(field.querySelector('.messages')!.id);
    expect($(el, '.badge').textContent).to.contain('1');
    expect(detail!.valid).to.equal(false);
    expect(detail!.issues.map((i) => i.path)).to.deep.equal(['rules[0].rule']);
    const fileid = $<HTMLInputElement>(el, 'input[id$="-fileid"]');
    await fill(el, fileid, 'thumbs/');
    expect(fileid.closest('.field')!.querySelector('.messages .error')!.textContent).to.contain('ends with /');
  });

  it('refuses a sixth rule: the add button is disabled and a pasted sixth rule is flagged', async () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ fileid: `${i}.jpg`, rule: 'imageMogr2/strip' }));
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor .rules=${five}></cos-rule-editor>`);
    expect($<HTMLButtonElement>(el, '.add-rule').disabled).to.equal(true);
    await fill(el, $(el, '#header'), JSON.stringify({ rules: [...five, { fileid: '6.jpg', rule: 'imageMogr2/strip' }] }));
    expect($$(el.shadowRoot!, '.rule')).to.have.length(6);
    expect($(el, '#header-msg').textContent).to.contain('at most 5 rules');
  });

  it('adds presets, reorders, duplicates and removes rules', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor></cos-rule-editor>`);
    await fill(el, $(el, 'select.presets'), 'avatar');
    await fill(el, $(el, 'select.presets'), 'strip-q80');
    expect(el.rules.map((r) => r.rule)).to.deep.equal(['imageMogr2/thumbnail/!256x256r/crop/256x256/gravity/center', 'imageMogr2/strip/format/jpg/quality/80']);
    $$<HTMLButtonElement>(el.shadowRoot!, '.rule-head .up')[1].click();
    await el.updateComplete;
    expect(el.rules.map((r) => r.fileid)).to.deep.equal(['{name}_q80.jpg', '{name}_avatar.{ext}']);
    $$<HTMLButtonElement>(el.shadowRoot!, '.rule-head .duplicate')[0].click();
    await el.updateComplete;
    $$<HTMLButtonElement>(el.shadowRoot!, '.rule-head .remove')[2].click();
    await el.updateComplete;
    expect(el.rules.map((r) => r.fileid)).to.deep.equal(['{name}_q80.jpg', '{name}_q80.jpg']);
  });

  it('moves operations across pipeline steps without merging them', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor .rules=${[{ fileid: 'a.jpg', rule: 'imageMogr2/thumbnail/200x/strip|watermark/2/text/dGV4dA' }]}></cos-rule-editor>`);
    rows(el)[2].querySelector<HTMLButtonElement>('.up')!.click();
    await el.updateComplete;
    expect(el.rules[0].rule).to.equal('imageMogr2/thumbnail/200x|watermark/2/text/dGV4dA|imageMogr2/strip');
    rows(el)[0].querySelector<HTMLButtonElement>('.duplicate')!.click();
    await el.updateComplete;
    expect(el.rules[0].rule).to.equal('imageMogr2/thumbnail/200x/thumbnail/200x|watermark/2/text/dGV4dA|imageMogr2/strip');
  });

  it('speaks Chinese with lang="zh-CN"', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor lang="zh-CN" .rules=${[{ fileid: 'a.jpg', rule: 'imageMogr2/thumbnail/200x' }]}></cos-rule-editor>`);
    expect($(el, '.add-rule').textContent).to.equal('添加规则');
    expect(rows(el)[0].querySelector('.op-title')!.textContent).to.contain('缩放');
    expect($(el, 'label[for="header"]').textContent).to.equal('Pic-Operations 请求头');
  });

  it('labels every control', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor .rules=${[
      { fileid: 'a.jpg', rule: 'imageMogr2/thumbnail/800x800/pad/1/color/I0ZGRkZGRg/crop/300x/gravity/center/size-limit/15k!/quality/80!' },
      { fileid: 'b.jpg', rule: 'watermark/2/text/dGV4dA/fill/IzNEM0QzRA|imageView2/2/w/400|imageMogr2/cut/10x10x0x0/blur/8x5/Foo/1' },
    ]}></cos-rule-editor>`);
    for (const control of $$<HTMLInputElement>(el.shadowRoot!, 'input, select, textarea, button')) {
      const named = control.tagName === 'BUTTON' && control.textContent!.trim() !== '';
      const labelled = named || control.labels?.length || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
      expect(Boolean(labelled), control.outerHTML.slice(0, 120)).to.equal(true);
    }
  });
});
