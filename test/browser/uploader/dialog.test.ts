import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosQueueCompleteEvent } from '../../../src/events/queue-complete.js';
import { emulator } from '../shared/emulator.js';
import { FakeManager, fileOf, nextRender } from './fake-manager.js';
import { describeViolations, loadAxe } from '../shared/axe.js';
import { until } from './intake-helpers.js';

const opener = (el: CosUploader) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="opener"]')!;
const dialogOf = (el: CosUploader) => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog')!;
const active = (el: CosUploader) => el.shadowRoot!.activeElement;

describe('<cos-uploader mode="dialog">', () => {
  it('renders a button, not the drop zone, until opened', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog"></cos-uploader>`);
    expect(opener(el).textContent!.trim()).to.equal('Upload files');
    expect(opener(el).getAttribute('aria-haspopup')).to.equal('dialog');
    expect(dialogOf(el).open).to.equal(false);
    expect(el.shadowRoot!.querySelector('.dropzone')!.getClientRects().length, 'the drop zone is hidden in the closed dialog').to.equal(0);
  });

  it('the button slot replaces its text', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog"><span slot="button">Add photos</span></cos-uploader>`);
    const slot = opener(el).querySelector<HTMLSlotElement>('slot[name="button"]')!;
    expect(slot.assignedElements()[0].textContent).to.equal('Add photos');
  });

  it('opens with Enter and with Space, focus moves in, Tab stays inside, Escape closes and focus returns', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog" multiple></cos-uploader>`);
    const manager = new FakeManager(el.managerHooks());
    el.manager = manager;
    el.addFiles([fileOf('a.png'), fileOf('b.png')]);
    await nextRender(el);
    for (const key of ['Enter', ' ']) {
      opener(el).focus();
      await sendKeys({ press: key === ' ' ? 'Space' : key });
      await el.updateComplete;
      const dialog = dialogOf(el);
      expect(dialog.open, `${key} opens the dialog`).to.equal(true);
      expect(active(el)?.className, 'focus is on the drop zone').to.equal('dropzone');
      const seen = new Set<Element>();
      for (let i = 0; i < 14; i += 1) {
        await sendKeys({ press: i % 5 === 4 ? 'Shift+Tab' : 'Tab' });
        const now = active(el);
        expect(document.activeElement === el, `Tab ${i} stays in the element`).to.equal(true);
        expect(now && dialog.contains(now), `Tab ${i} stays in the dialog (${now?.outerHTML.slice(0, 60)})`).to.equal(true);
        seen.add(now!);
      }
      expect(seen.size, 'Tab went round several stops').to.be.greaterThan(3);
      expect(seen.has(el.shadowRoot!.querySelector('[part~="close"]')!), 'the close button is a stop').to.equal(true);
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog.open, 'the dialog to close');
      expect(active(el) === opener(el), 'focus is back on the button').to.equal(true);
    }
  });

  it('focus() goes to the button while closed and to the drop zone while open', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog"></cos-uploader>`);
    await until(() => opener(el) !== null, 'the button');
    el.focus();
    expect(active(el) === opener(el), 'closed: the button has focus').to.equal(true);
    opener(el).click();
    await el.updateComplete;
    el.focus();
    expect(active(el)?.className, 'open: the drop zone has focus').to.equal('dropzone');
  });

  it('the close button closes it and focus returns to the button', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog"></cos-uploader>`);
    opener(el).click();
    expect(dialogOf(el).open).to.equal(true);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="close"]')!.click();
    expect(dialogOf(el).open).to.equal(false);
    expect(active(el) === opener(el), 'focus is back on the button').to.equal(true);
  });

  it('uploads go on while it is closed and the button shows their progress', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog" multiple></cos-uploader>`);
    const manager = new FakeManager(el.managerHooks());
    el.manager = manager;
    opener(el).click();
    el.addFiles([fileOf('a.png', 'image/png', 100), fileOf('b.png', 'image/png', 100), fileOf('c.png', 'image/png', 200)]);
    await nextRender(el);
    expect(el.shadowRoot!.querySelectorAll('dialog [part~="file"]')).to.have.length(3);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="close"]')!.click();
    const [a, b] = manager.snapshot();
    manager.succeed(a.id);
    manager.progress(b.id, 68);
    await nextRender(el);
    expect(opener(el).textContent!.replace(/\s+/g, ' ').trim()).to.equal('Upload files 1 of 3 · 42 %');
    const fill = opener(el).querySelector('.ring-fill')!;
    expect(fill.getAttribute('stroke-dashoffset')).to.equal('58');
    expect(opener(el).querySelector('[style]'), 'no style attribute').to.equal(null);
  });

  it('a real multipart upload started in the dialog finishes after the dialog closed', async function () {
    this.timeout(60000);
    const emu = await emulator();
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog" bucket=${emu.bucket} region=${emu.region} endpoint=${emu.endpoint}
      token-url=${`${emu.url}/sts`} prefix=${`dialog-${Date.now()}/`} multipart-threshold="1MB" part-size="1MB" concurrency="1"></cos-uploader>`);
    opener(el).click();
    const complete = new Promise<CosQueueCompleteEvent>((resolve) => el.addEventListener('cos-queue-complete', resolve, { once: true }));
    el.addFiles([new File([new Uint8Array(3 * 1024 * 1024).fill(7)], 'big.bin', { type: 'application/octet-stream' })]);
    await until(() => el.uploads[0]?.status === 'uploading', 'the upload to start');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="close"]')!.click();
    expect(dialogOf(el).open).to.equal(false);
    await complete;
    expect(el.uploads[0].status).to.equal('done');
    await nextRender(el);
    expect(opener(el).textContent).to.contain('1 of 1 · 100 %');
  });

  it('passes axe-core open with rows, and closed', async () => {
    const axe = await loadAxe();
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog" multiple lang="en"></cos-uploader>`);
    const manager = new FakeManager(el.managerHooks());
    el.manager = manager;
    el.addFiles([fileOf('a.png'), fileOf('b.png')]);
    manager.progress(manager.snapshot()[0].id, 8);
    await nextRender(el);
    let results = await axe.run(el);
    expect(results.violations, describeViolations(results)).to.deep.equal([]);
    opener(el).click();
    await nextRender(el);
    results = await axe.run(el);
    expect(results.violations, describeViolations(results)).to.deep.equal([]);
  });

  it('a label around it opens the dialog, not the file picker', async () => {
    const label = await fixture<HTMLLabelElement>(html`<label>Attachments <cos-uploader mode="dialog"></cos-uploader></label>`);
    const el = label.querySelector('cos-uploader')!;
    await el.updateComplete;
    let pickerOpened = false;
    el.shadowRoot!.querySelector('input[type=file]')!.addEventListener('click', (e) => {
      pickerOpened = true;
      e.preventDefault();
    });
    el.click();
    expect(dialogOf(el).open).to.equal(true);
    expect(pickerOpened).to.equal(false);
    dialogOf(el).close();
  });

  it('files dragged onto the button open the dialog', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog"></cos-uploader>`);
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], 'x.png', { type: 'image/png' }));
    opener(el).dispatchEvent(new DragEvent('dragenter', { bubbles: true, composed: true, cancelable: true, dataTransfer: transfer }));
    expect(dialogOf(el).open).to.equal(true);
    dialogOf(el).close();
  });

  it('closing the dialog stops a running camera', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog" sources="camera"></cos-uploader>`);
    opener(el).click();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-source="camera"]')!.click();
    await until(() => !!el.shadowRoot!.querySelector('video'), 'the camera view');
    const stream = el.shadowRoot!.querySelector('video')!.srcObject as MediaStream;
    await sendKeys({ press: 'Escape' });
    await until(() => stream.getTracks().every((t) => t.readyState === 'ended'), 'the camera to stop');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('video')).to.equal(null);
  });

  it('switching back to inline shows the drop zone in place', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader mode="dialog"></cos-uploader>`);
    el.mode = 'inline';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dialog')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.dropzone')!.getClientRects().length).to.be.greaterThan(0);
  });
});
