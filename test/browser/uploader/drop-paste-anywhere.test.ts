import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosSourceErrorEvent } from '../../../src/events/source-error.js';
import { FakeManager, fileOf } from './fake-manager.js';
import { drag, messagesOf, paste, transferOf, until } from './intake-helpers.js';

/** An uploader with a fake manager, inside a page section holding other drop targets. */
async function page(attributes: string) {
  const wrapper = await fixture<HTMLElement>(html`<div>
    <section id="area" style="height: 120px">area</section>
    <div id="taker">takes drops itself</div>
    <div id="stopper">stops drops</div>
    <input id="text" type="text" />
    <div id="editor" contenteditable="true">edit me</div>
    <cos-uploader id="other" multiple></cos-uploader>
  </div>`);
  wrapper.insertAdjacentHTML('beforeend', `<cos-uploader id="ours" multiple ${attributes}></cos-uploader>`);
  const el = wrapper.querySelector<CosUploader>('#ours')!;
  await el.updateComplete;
  const manager = new FakeManager(el.managerHooks());
  el.manager = manager;
  const other = wrapper.querySelector<CosUploader>('#other')!;
  const otherManager = new FakeManager(other.managerHooks());
  other.manager = otherManager;
  await el.updateComplete;
  const $ = (selector: string) => wrapper.querySelector<HTMLElement>(selector)!;
  return { el, manager, other, otherManager, $ };
}

const overlay = (el: CosUploader) => el.shadowRoot!.querySelector('[part~="page-overlay"]');

describe('<cos-uploader drop-target>', () => {
  afterEach(() => fixtureCleanup());

  it('drop-target="document": a drop anywhere joins the queue, with an overlay while dragging', async () => {
    const { el, manager } = await page('drop-target="document"');
    const transfer = transferOf(fileOf('anywhere.png'));
    expect(drag(document.body, 'dragenter', transfer).defaultPrevented, 'the drag is accepted').to.equal(true);
    await el.updateComplete;
    expect(overlay(el)).to.not.equal(null);
    expect(overlay(el)!.textContent).to.contain('Drop files to upload');
    expect(getComputedStyle(overlay(el)!).position).to.equal('fixed');
    expect(getComputedStyle(overlay(el)!).pointerEvents, 'drops reach what is under it').to.equal('none');
    expect(drag(document.body, 'drop', transfer).defaultPrevented).to.equal(true);
    await until(() => manager.snapshot().length === 1, 'the dropped file');
    expect(manager.snapshot()[0].name).to.equal('anywhere.png');
    await el.updateComplete;
    expect(overlay(el)).to.equal(null);
  });

  it('the overlay goes when the drag leaves the page', async () => {
    const { el } = await page('drop-target="document"');
    const transfer = transferOf(fileOf('a.png'));
    drag(document.body, 'dragenter', transfer);
    await el.updateComplete;
    expect(overlay(el)).to.not.equal(null);
    drag(document.body, 'dragleave', transfer);
    await el.updateComplete;
    expect(overlay(el)).to.equal(null);
  });

  it('leaves alone drops another handler took: preventDefault, stopPropagation, another uploader', async () => {
    const { el, manager, other, otherManager, $ } = await page('drop-target="document"');
    $('#taker').addEventListener('drop', (e) => e.preventDefault());
    $('#stopper').addEventListener('drop', (e) => e.stopPropagation());
    expect(drag($('#taker'), 'drop', transferOf(fileOf('taken.png'))).defaultPrevented).to.equal(true);
    drag($('#stopper'), 'drop', transferOf(fileOf('stopped.png')));
    const otherZone = other.shadowRoot!.querySelector('.dropzone')!;
    drag(otherZone, 'drop', transferOf(fileOf('for-the-other.png')));
    await until(() => otherManager.snapshot().length === 1, 'the other uploader to take its drop');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(manager.snapshot(), 'ours took none of them').to.have.length(0);
    expect(otherManager.snapshot()[0].name).to.equal('for-the-other.png');
    // A drag over the other uploader shows no page overlay for ours.
    drag(otherZone, 'dragover', transferOf(fileOf('x.png')));
    await el.updateComplete;
    expect(overlay(el)).to.equal(null);
  });

  it('a drop on its own drop zone is added once', async () => {
    const { el, manager } = await page('drop-target="document"');
    drag(el.shadowRoot!.querySelector('.dropzone')!, 'drop', transferOf(fileOf('own.png')));
    await until(() => manager.snapshot().length === 1, 'the file');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(manager.snapshot()).to.have.length(1);
  });

  it('a CSS selector limits the area, and the overlay covers that element only', async () => {
    const { el, manager, $ } = await page('drop-target="#area"');
    const transfer = transferOf(fileOf('in-area.png'));
    drag($('#area'), 'dragenter', transfer);
    await el.updateComplete;
    const box = $('#area').getBoundingClientRect();
    const shown = overlay(el)!.getBoundingClientRect();
    expect([shown.top, shown.left, shown.width, shown.height].map(Math.round)).to.deep.equal([box.top, box.left, box.width, box.height].map(Math.round));
    drag($('#area'), 'drop', transfer);
    drag(document.body, 'drop', transferOf(fileOf('outside.png')));
    await until(() => manager.snapshot().length === 1, 'the file dropped on the area');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(manager.snapshot().map((u) => u.name)).to.deep.equal(['in-area.png']);
  });

  it('a selector matching nothing is a visible error and a cos-source-error', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div></div>`);
    const errors: CosSourceErrorEvent[] = [];
    wrapper.addEventListener('cos-source-error', (e) => errors.push(e));
    wrapper.innerHTML = '<cos-uploader drop-target="#nowhere"></cos-uploader>';
    const el = wrapper.firstElementChild as CosUploader;
    await el.updateComplete;
    await until(() => errors.length === 1, 'the error event');
    expect(errors[0].detail).to.include({ source: 'drop-target', reason: 'unavailable' });
    await el.updateComplete;
    expect(messagesOf(el)).to.contain('drop-target "#nowhere" matches no element');
  });

  it('a disabled uploader takes no page drop; removing the element removes its listeners', async () => {
    const { el, manager } = await page('drop-target="document" disabled');
    drag(document.body, 'drop', transferOf(fileOf('disabled.png')));
    el.disabled = false;
    await el.updateComplete;
    el.remove();
    expect(drag(document.body, 'dragover', transferOf(fileOf('gone.png'))).defaultPrevented, 'no listener left').to.equal(false);
    drag(document.body, 'drop', transferOf(fileOf('gone.png')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(manager.snapshot()).to.have.length(0);
  });
});

describe('<cos-uploader paste="document">', () => {
  afterEach(() => fixtureCleanup());

  it('a file pasted anywhere joins the queue, without focus in the element', async () => {
    const { manager } = await page('paste="document"');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(paste(document.body, transferOf(fileOf('screenshot.png'))).defaultPrevented).to.equal(true);
    await until(() => manager.snapshot().length === 1, 'the pasted file');
    expect(manager.snapshot()[0].name).to.equal('screenshot.png');
  });

  it('a paste into a text field or editable content is left to it', async () => {
    const { manager, $ } = await page('paste="document"');
    $('#text').focus();
    expect(paste($('#text'), transferOf(fileOf('into-input.png'))).defaultPrevented).to.equal(false);
    expect(paste($('#editor'), transferOf(fileOf('into-editor.png'))).defaultPrevented).to.equal(false);
    expect(manager.snapshot()).to.have.length(0);
  });

  it('text-only pastes, a hidden element and an uploader without the attribute take nothing', async () => {
    const { el, manager } = await page('paste="document"');
    const text = new DataTransfer();
    text.setData('text/plain', 'hello');
    expect(paste(document.body, text).defaultPrevented).to.equal(false);
    el.hidden = true;
    expect(paste(document.body, transferOf(fileOf('hidden.png'))).defaultPrevented).to.equal(false);
    el.hidden = false;
    el.paste = undefined;
    await el.updateComplete;
    expect(paste(document.body, transferOf(fileOf('off.png'))).defaultPrevented).to.equal(false);
    expect(manager.snapshot()).to.have.length(0);
  });

  it('an element scrolled out of view takes nothing', async () => {
    const { el, manager } = await page('paste="document"');
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    // Observer callbacks run in creation order: once this one reports, the element's own has too.
    const reported = (inView: boolean) =>
      new Promise<void>((resolve) => {
        const observer = new IntersectionObserver((entries) => {
          if (entries[entries.length - 1].isIntersecting === inView) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(el);
      }).then(() => new Promise((resolve) => setTimeout(resolve, 100)));
    el.before(spacer);
    await reported(false);
    expect(paste(document.body, transferOf(fileOf('far.png'))).defaultPrevented).to.equal(false);
    spacer.remove();
    await reported(true);
    expect(paste(document.body, transferOf(fileOf('near.png'))).defaultPrevented).to.equal(true);
    await until(() => manager.snapshot().length === 1, 'the file');
    expect(manager.snapshot().map((u) => u.name)).to.deep.equal(['near.png']);
  });
});
