import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosImageEditor } from '../../../src/elements/uploader/edit/image-editor.js';
import type { CosFileEditedEvent } from '../../../src/events/file-edited.js';
import type { UploadSnapshot } from '../../../src/core/types.js';
import { FakeManager, nextRender } from './fake-manager.js';
import { loadAxe } from '../shared/axe.js';
import { clientFor } from '../shared/client.js';
import { type EmulatorInfo, emulator } from '../shared/emulator.js';

/** A PNG whose top-left quarter is red and the rest blue: any turn or mirror moves the red corner. */
async function photo(width: number, height: number, name = 'photo.png'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#0000ff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#ff0000';
  ctx.fillRect(0, 0, width / 2, height / 2);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

/** A FakeManager that takes new Pic-Operations like the real one: only while queued or paused. */
class EditableManager extends FakeManager {
  readonly headers: [string, string | undefined][] = [];
  setPicOperations(id: string, header: string | undefined): boolean {
    const status = this.get(id).status;
    if (status !== 'queued' && status !== 'paused') return false;
    this.headers.push([id, header]);
    return true;
  }
}

const shadow = (el: Element) => el.shadowRoot!;
const rowOf = (el: CosUploader, id: string) => shadow(el).querySelector<HTMLElement>(`li[data-id="${id}"]`)!;

/** The row's Edit button, once the row edits' chunk has loaded and the row re-rendered. */
async function editButton(el: CosUploader, id: string): Promise<HTMLButtonElement> {
  for (let i = 0; i < 200 && !rowOf(el, id)?.querySelector('button.edit'); i += 1) await new Promise((r) => setTimeout(r, 10));
  return rowOf(el, id).querySelector<HTMLButtonElement>('button.edit')!;
}

async function openEditor(el: CosUploader, id: string): Promise<CosImageEditor> {
  (await editButton(el, id)).click();
  for (let i = 0; i < 100 && !shadow(el).querySelector('cos-image-editor'); i += 1) await new Promise((r) => setTimeout(r, 20));
  const editor = shadow(el).querySelector('cos-image-editor')!;
  await editor.updateComplete;
  await editor.ready;
  await nextRender(el);
  return editor;
}

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function editableUploader(attributes = '') {
  const el = await fixture<CosUploader>(html`<cos-uploader multiple editable edit-aspects=${attributes}></cos-uploader>`);
  const manager = new EditableManager(el.managerHooks());
  el.manager = manager;
  return { el, manager };
}

describe('<cos-uploader editable>: row edits', function () {
  this.timeout(60000);

  it('keyboard only: Enter opens the editor on the crop box, arrows move, Shift+arrows resize, a turn, Enter applies the rule', async () => {
    const { el, manager } = await editableUploader();
    el.addFiles([await photo(200, 100)]);
    const [upload] = manager.snapshot();
    manager.pause(upload.id);
    await nextRender(el);
    const edited: CosFileEditedEvent[] = [];
    el.addEventListener('cos-file-edited', (e) => edited.push(e));

    (await editButton(el, upload.id)).focus();
    await sendKeys({ press: 'Enter' });
    for (let i = 0; i < 100 && !deepActive()?.classList.contains('box'); i += 1) await new Promise((r) => setTimeout(r, 20));
    const editor = shadow(el).querySelector('cos-image-editor')!;
    expect(deepActive()?.classList.contains('box'), 'focus on the crop box').to.equal(true);
    expect(editor.upright).to.deep.equal({ width: 200, height: 100 });

    for (let i = 0; i < 10; i += 1) await sendKeys({ press: 'Shift+ArrowLeft' }); // 10 × 2 px narrower
    for (let i = 0; i < 10; i += 1) await sendKeys({ press: 'Shift+ArrowUp' }); // 10 × 1 px lower
    for (let i = 0; i < 5; i += 1) await sendKeys({ press: 'ArrowRight' });
    for (let i = 0; i < 3; i += 1) await sendKeys({ press: 'ArrowDown' });
    expect(editor.value).to.deep.equal({ rotate: 0, flip: false, crop: { x: 10, y: 3, width: 180, height: 90 } });
    await editor.updateComplete;
    expect(shadow(editor).querySelector('.readout')!.textContent).to.contain('180 × 90 at 10, 3');

    shadow(editor).querySelector<HTMLButtonElement>('.turn-right')!.focus();
    await sendKeys({ press: 'Enter' });
    shadow(editor).querySelector<HTMLElement>('.box')!.focus();
    await sendKeys({ press: 'Enter' });
    await nextRender(el);

    expect(shadow(el).querySelector('cos-image-editor'), 'closed after Enter').to.equal(null);
    const rule = 'imageMogr2/auto-orient/rotate/90/cut/90x180x7x10';
    expect(edited.map((e) => [e.detail.mode, e.detail.rule, e.detail.fileid])).to.deep.equal([['upload', rule, 'photo_edited.png']]);
    const [id, header] = manager.headers[0];
    expect(id).to.equal(upload.id);
    expect(JSON.parse(header!)).to.deep.equal({ is_pic_info: 1, rules: [{ fileid: 'photo_edited.png', rule }] });
    expect(rowOf(el, upload.id).querySelector('[part="edited-badge"]')!.textContent).to.equal('Edited');
    expect(deepActive()?.classList.contains('edit'), 'focus back on the row\'s Edit button').to.equal(true);

    // Redo starts from the applied edit; Escape leaves it as it was.
    const again = await openEditor(el, upload.id);
    expect(again.value).to.deep.equal({ rotate: 90, flip: false, crop: { x: 7, y: 10, width: 90, height: 180 } });
    shadow(again).querySelector<HTMLElement>('.box')!.focus();
    await sendKeys({ press: 'Escape' });
    await nextRender(el);
    expect(shadow(el).querySelector('cos-image-editor')).to.equal(null);
    expect(manager.headers.length).to.equal(1);

    // Remove edit gives the file its own Pic-Operations back (none here).
    rowOf(el, upload.id).querySelector<HTMLButtonElement>('button.remove-edit')!.click();
    await nextRender(el);
    expect(manager.headers[1]).to.deep.equal([upload.id, undefined]);
    expect(rowOf(el, upload.id).querySelector('[part="edited-badge"]')).to.equal(null);
    expect(edited.at(-1)!.detail.mode).to.equal('removed');
  });

  it('pointer: dragging a corner handle and the box, at preview scale, then a page preset', async () => {
    const { el, manager } = await editableUploader('3:2');
    el.addFiles([await photo(960, 480)]);
    const [upload] = manager.snapshot();
    manager.pause(upload.id);
    await nextRender(el);
    const editor = await openEditor(el, upload.id);
    const box = shadow(editor).querySelector<HTMLElement>('.box')!;
    box.scrollIntoView({ block: 'center' });
    await nextRender(el);
    // The 960×480 picture is shown at half size (at most 480 px wide).
    const stage = shadow(editor).querySelector<HTMLElement>('.stage')!.getBoundingClientRect();
    expect([Math.round(stage.width), Math.round(stage.height)]).to.deep.equal([480, 240]);

    const drag = async (from: { x: number; y: number }, dx: number, dy: number) => {
      await sendMouse({ type: 'move', position: [Math.round(from.x), Math.round(from.y)] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [Math.round(from.x + dx / 2), Math.round(from.y + dy / 2)] });
      await sendMouse({ type: 'move', position: [Math.round(from.x + dx), Math.round(from.y + dy)] });
      await sendMouse({ type: 'up' });
      await editor.updateComplete;
    };
    const handle = shadow(editor).querySelector<HTMLElement>('.handle.se')!.getBoundingClientRect();
    await drag({ x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 }, -50, -20);
    expect(editor.value.crop).to.deep.equal({ x: 0, y: 0, width: 860, height: 440 });
    const boxRect = box.getBoundingClientRect();
    await drag({ x: boxRect.x + boxRect.width / 2, y: boxRect.y + boxRect.height / 2 }, 30, 10);
    expect(editor.value.crop).to.deep.equal({ x: 60, y: 20, width: 860, height: 440 });

    // A click outside the box keeps it; a drag outside draws a new one, here up and left from the start.
    const stageAt = (x: number, y: number) => ({ x: stage.x + x / 2, y: stage.y + y / 2 });
    await sendMouse({ type: 'move', position: [Math.round(stageAt(940, 470).x), Math.round(stageAt(940, 470).y)] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'up' });
    await editor.updateComplete;
    expect(editor.value.crop).to.deep.equal({ x: 60, y: 20, width: 860, height: 440 });
    await drag(stageAt(940, 470), -100, -50);
    // Pointer positions are whole CSS pixels: 2 image pixels at this scale.
    const drawn = editor.value.crop!;
    for (const [field, value] of Object.entries({ x: 740, y: 370, width: 200, height: 100 })) {
      expect(Math.abs(drawn[field as keyof typeof drawn] - value), `${field} ${drawn[field as keyof typeof drawn]}`).to.be.at.most(2);
    }

    // The page's 3:2 preset follows the built-in ones; choosing it fits the largest 3:2 box around the current centre.
    const presets = [...shadow(editor).querySelectorAll<HTMLButtonElement>('[role="radio"]')];
    expect(presets.map((b) => b.dataset.aspect)).to.deep.equal(['free', '1:1', '4:3', '16:9', '3:2']);
    presets[4].click();
    await editor.updateComplete;
    expect(presets[4].getAttribute('aria-checked')).to.equal('true');
    // Largest 3:2 in 960×480 is 720×480, centred on the box's centre (820, 410) as far as it fits: x = 240.
    expect(editor.value.crop).to.deep.equal({ x: 240, y: 0, width: 720, height: 480 });
    shadow(editor).querySelector<HTMLButtonElement>('.flip-h')!.click();
    await editor.updateComplete;
    shadow(editor).querySelector<HTMLButtonElement>('.apply')!.click();
    await nextRender(el);
    expect(JSON.parse(manager.headers[0][1]!).rules[0].rule).to.equal('imageMogr2/auto-orient/flip/horizontal/cut/720x480x0x0');
  });

  it('a file already uploading has no Edit; one that starts while the editor is open is refused with a message', async () => {
    const { el, manager } = await editableUploader();
    el.addFiles([await photo(80, 60, 'a.png'), await photo(80, 60, 'b.png')]);
    const [sending, waiting] = manager.snapshot();
    manager.progress(sending.id, 10);
    manager.pause(waiting.id);
    await nextRender(el);
    expect(await editButton(el, waiting.id), 'paused row').to.not.equal(null);
    expect(rowOf(el, sending.id).querySelector('button.edit'), 'uploading row').to.equal(null);

    const editor = await openEditor(el, waiting.id);
    manager.setStatus(waiting.id, 'uploading');
    shadow(editor).querySelector<HTMLButtonElement>('.turn-left')!.click();
    shadow(editor).querySelector<HTMLButtonElement>('.apply')!.click();
    await nextRender(el);
    await editor.updateComplete;
    expect(manager.headers).to.deep.equal([]);
    expect(shadow(editor).querySelector('[role="alert"]')!.textContent).to.contain('The upload has started');
  });

  it('without `editable` no row offers Edit (pages opt in)', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
    const manager = new EditableManager(el.managerHooks());
    el.manager = manager;
    el.addFiles([await photo(40, 40)]);
    const [upload] = manager.snapshot();
    manager.pause(upload.id);
    await nextRender(el);
    await new Promise((r) => setTimeout(r, 200));
    await nextRender(el);
    expect(shadow(el).querySelector('button.edit')).to.equal(null);
    el.setAttribute('editable', '');
    el.requestUpdate();
    expect(await editButton(el, upload.id), 'with the attribute').to.not.equal(null);
  });

  it('axe-core finds no violations with the editor open', async () => {
    const { el, manager } = await editableUploader('3:2 2:3');
    el.addFiles([await photo(300, 200)]);
    const [upload] = manager.snapshot();
    manager.pause(upload.id);
    await nextRender(el);
    await openEditor(el, upload.id);
    const results = await (await loadAxe()).run(el);
    expect(results.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes)}`)).to.deep.equal([]);
  });
});

describe('<cos-uploader editable>: fileids, modes and failures', function () {
  this.timeout(30000);

  /** A manager whose client answers image_process as the test says, recording each call. */
  class CloudManager extends EditableManager {
    readonly processed: [string, string][] = [];
    answer: () => Promise<unknown> = async () => ({ originalInfo: {}, processResults: [] });
    readonly client = {
      imageProcess: (key: string, header: string) => {
        this.processed.push([key, header]);
        return this.answer();
      },
    };
  }

  async function applyTurn(el: CosUploader, id: string): Promise<CosImageEditor> {
    const editor = await openEditor(el, id);
    shadow(editor).querySelector<HTMLButtonElement>('.turn-right')!.click();
    await editor.updateComplete;
    shadow(editor).querySelector<HTMLButtonElement>('.apply')!.click();
    await nextRender(el);
    await editor.updateComplete;
    return editor;
  }

  it('the page\'s own rules come first; edit-fileid names the output; an unusable fileid is said in the editor', async () => {
    const pic = JSON.stringify({ is_pic_info: 1, rules: [{ fileid: '{name}_thumb.webp', rule: 'imageMogr2/thumbnail/100x/format/webp' }] });
    const el = await fixture<CosUploader>(html`<cos-uploader multiple editable edit-fileid="edited/{name}.{ext}" pic-operations=${pic}></cos-uploader>`);
    const manager = new EditableManager(el.managerHooks());
    el.manager = manager;
    el.addFiles([await photo(64, 48)]);
    const [upload] = manager.snapshot();
    manager.pause(upload.id);
    await nextRender(el);
    await applyTurn(el, upload.id);
    expect(JSON.parse(manager.headers[0][1]!).rules).to.deep.equal([
      { fileid: 'photo_thumb.webp', rule: 'imageMogr2/thumbnail/100x/format/webp' },
      { fileid: 'edited/photo.png', rule: 'imageMogr2/auto-orient/rotate/90' },
    ]);

    el.setAttribute('edit-fileid', 'folder/');
    const editor = await applyTurn(el, upload.id);
    expect(manager.headers.length).to.equal(1);
    expect(shadow(editor).querySelector('[role="alert"]')!.textContent).to.contain('folder/');
  });

  it('after upload: image_process with the edit alone; overwrite mode writes the original key once; a failure shows in the row', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader multiple editable edit-mode="overwrite"></cos-uploader>`);
    const manager = new CloudManager(el.managerHooks());
    el.manager = manager;
    el.addFiles([await photo(64, 48, 'a.png'), await photo(64, 48, 'b.png')]);
    const [a, b] = manager.snapshot();
    manager.succeed(a.id);
    manager.succeed(b.id);
    await nextRender(el);

    manager.answer = async () => { throw new Error('Access Denied.'); };
    await applyTurn(el, b.id);
    await nextRender(el);
    expect(rowOf(el, b.id).querySelector('.edit-error')!.textContent).to.contain('Access Denied.');
    expect(rowOf(el, b.id).querySelector('button.edit'), 'can try again').to.not.equal(null);

    manager.answer = async () => ({ originalInfo: {}, processResults: [] });
    await applyTurn(el, a.id);
    await nextRender(el);
    expect(manager.processed[1]).to.deep.equal(['a.png', JSON.stringify({ is_pic_info: 1, rules: [{ fileid: '/a.png', rule: 'imageMogr2/auto-orient/rotate/90' }] })]);
    expect(rowOf(el, a.id).querySelector('[part="edited-badge"]')).to.not.equal(null);
    expect(rowOf(el, a.id).querySelector('button.edit'), 'the original is gone: no second edit').to.equal(null);
  });
});

describe('<cos-uploader editable> against the emulator', function () {
  this.timeout(60000);

  async function uploader(emu: EmulatorInfo, prefix: string) {
    return fixture<CosUploader>(html`<cos-uploader multiple editable bucket=${emu.bucket} region=${emu.region} endpoint=${emu.endpoint}
      token-url=${`${emu.url}/sts`} prefix=${prefix}></cos-uploader>`);
  }

  async function redCorner(emu: EmulatorInfo, key: string): Promise<{ width: number; height: number; red: string }> {
    const bitmap = await createImageBitmap(await clientFor(emu).getObject(key));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const at = (x: number, y: number) => ctx.getImageData(x, y, 1, 1).data[0] > 200;
    const w = bitmap.width - 2;
    const h = bitmap.height - 2;
    const red = at(1, 1) ? 'top-left' : at(w, 1) ? 'top-right' : at(1, h) ? 'bottom-left' : at(w, h) ? 'bottom-right' : 'none';
    return { width: bitmap.width, height: bitmap.height, red };
  }

  it('an edit of a waiting file goes with its upload; re-editing the uploaded file runs image_process with the new rule', async () => {
    const emu = await emulator();
    const prefix = `edit-${Date.now()}/`;
    const el = await uploader(emu, prefix);
    el.addEventListener('cos-file-added', (e) => el.manager!.pause(e.detail.upload.id), { once: true });
    el.addFiles([await photo(120, 80)]);
    for (let i = 0; i < 200 && !el.uploads[0]; i += 1) await new Promise((r) => setTimeout(r, 10));
    let [upload] = el.uploads;
    expect(upload.status).to.equal('paused');
    await nextRender(el);

    // Before upload: a quarter turn right; the red corner goes top-right.
    let editor = await openEditor(el, upload.id);
    shadow(editor).querySelector<HTMLButtonElement>('.turn-right')!.click();
    await editor.updateComplete;
    shadow(editor).querySelector<HTMLButtonElement>('.apply')!.click();
    await nextRender(el);
    const success = new Promise<UploadSnapshot>((resolve) => el.addEventListener('cos-upload-success', (e) => resolve(e.detail.upload as UploadSnapshot), { once: true }));
    el.manager!.resume(upload.id);
    upload = await success;
    const processed = upload.result!.uploadResult!.processResults;
    expect(processed.map((r) => [r.key, r.width, r.height])).to.deep.equal([[`${prefix}photo_edited.png`, 80, 120]]);
    expect(await redCorner(emu, `${prefix}photo_edited.png`)).to.deep.equal({ width: 80, height: 120, red: 'top-right' });

    // After upload: the edit is redone from the original (not the edited copy): a mirror and a crop of the left half.
    await nextRender(el);
    const edited = new Promise<CosFileEditedEvent>((resolve) => el.addEventListener('cos-file-edited', resolve, { once: true }));
    editor = await openEditor(el, upload.id);
    expect(editor.value.rotate).to.equal(90);
    shadow(editor).querySelector<HTMLButtonElement>('.reset')!.click();
    shadow(editor).querySelector<HTMLButtonElement>('.flip-h')!.click();
    await editor.updateComplete;
    const box = shadow(editor).querySelector<HTMLElement>('.box')!;
    box.focus();
    for (let i = 0; i < 60; i += 1) await sendKeys({ press: 'Shift+ArrowLeft' }); // 60 steps of 1 px: the left half
    await sendKeys({ press: 'Enter' });
    const event = await edited;
    expect(event.detail.mode).to.equal('cloud');
    expect(event.detail.rule).to.equal('imageMogr2/auto-orient/flip/horizontal/cut/60x80x0x0');
    expect(event.detail.uploadResult!.processResults.map((r) => [r.key, r.width, r.height])).to.deep.equal([[`${prefix}photo_edited.png`, 60, 80]]);
    // From the original, mirrored, the red quarter is top-right, outside the kept left half: no red. (From the
    // turned copy it would be top-left, inside it.)
    expect((await redCorner(emu, `${prefix}photo_edited.png`)).red).to.equal('none');
    await nextRender(el);
    expect(rowOf(el, upload.id).querySelector('[part="edited-badge"]')).to.not.equal(null);
  });
});
