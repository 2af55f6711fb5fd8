import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/rule-editor/rule-editor.js';
import type { CosRuleEditor } from '../../../src/elements/rule-editor/rule-editor.js';
import { $, rows, titleOf } from './helpers.js';

const focused = (el: CosRuleEditor) => el.shadowRoot!.activeElement as HTMLElement | null;

async function press(el: CosRuleEditor, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('<cos-rule-editor> with the keyboard only', () => {
  it('adds a rule and an operation, moves and removes operations', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor></cos-rule-editor>`);
    $(el, '.add-rule').focus();
    await press(el, 'Enter');
    expect(el.rules).to.have.length(1);
    expect(focused(el)?.tagName, 'focus goes to the new rule').to.equal('H3');

    // Tab from the rule text back to the operation picker: Shift+Tab lands on the "Add operation" button.
    $(el, '.rule-text textarea').focus();
    await press(el, 'Shift+Tab');
    await press(el, 'Shift+Tab');
    expect(focused(el)?.tagName).to.equal('SELECT');
    for (const key of ['r', 'o', 't']) await sendKeys({ press: key });
    await press(el, 'Tab');
    expect(focused(el)?.textContent).to.equal('Add operation');
    await press(el, 'Enter');
    expect(rows(el).map(titleOf)).to.deep.equal(['thumbnail', 'rotate']);

    rows(el)[1].querySelector<HTMLButtonElement>('.up')!.focus();
    await press(el, 'Enter');
    expect(rows(el).map(titleOf)).to.deep.equal(['rotate', 'thumbnail']);
    expect(focused(el)?.classList.contains('down'), 'focus stays with the moved operation').to.equal(true);
    expect(focused(el)?.closest('.op')).to.equal(rows(el)[0]);

    rows(el)[0].querySelector<HTMLButtonElement>('.remove')!.focus();
    await press(el, 'Enter');
    expect(rows(el).map(titleOf)).to.deep.equal(['thumbnail']);
    expect(focused(el)?.closest('.op')).to.equal(rows(el)[0]);
    await press(el, 'Enter');
    expect(rows(el)).to.have.length(0);
    expect(focused(el)?.tagName).to.equal('SELECT');
    expect(el.rules[0].rule).to.equal('');
  });

  it('moves the gravity with arrow keys and types numbers', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor .rules=${[{ fileid: 'a.jpg', rule: 'imageMogr2/crop/300x400/gravity/center' }]}></cos-rule-editor>`);
    rows(el)[0].querySelector<HTMLInputElement>('input[value="center"]')!.focus();
    await press(el, 'ArrowRight');
    expect(el.rules[0].rule).to.equal('imageMogr2/crop/300x400/gravity/east');
    const width = rows(el)[0].querySelector<HTMLInputElement>('input[id$="-main-w"]')!;
    width.focus();
    width.select();
    await sendKeys({ type: '250' });
    await press(el, 'Tab');
    expect(el.rules[0].rule).to.equal('imageMogr2/crop/250x400/gravity/east');
  });

  it('removes a rule and moves focus to the next one', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor .rules=${[{ fileid: 'a.jpg', rule: 'imageMogr2/strip' }, { fileid: 'b.jpg', rule: 'imageMogr2/strip' }]}></cos-rule-editor>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.rule-head .remove')!.focus();
    await press(el, 'Enter');
    expect(el.rules.map((r) => r.fileid)).to.deep.equal(['b.jpg']);
    expect(focused(el)?.closest('.rule')?.getAttribute('data-rule')).to.equal(el.shadowRoot!.querySelector('.rule')!.getAttribute('data-rule'));
    await press(el, 'Enter');
    expect(el.rules).to.deep.equal([]);
    expect(focused(el)?.classList.contains('add-rule')).to.equal(true);
  });
});
