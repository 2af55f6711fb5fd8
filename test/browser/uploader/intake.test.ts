import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosFileRejectedEvent } from '../../../src/events/file-rejected.js';
import { filesFromDataTransfer } from '../../../src/elements/uploader/dropped-files.js';
import { FakeManager, fileOf, nextRender } from './fake-manager.js';

async function setup(template = html`<cos-uploader multiple></cos-uploader>`) {
  const el = await fixture<CosUploader>(template);
  const manager = new FakeManager(el.managerHooks());
  el.manager = manager;
  await el.updateComplete;
  return { el, manager, zone: el.shadowRoot!.querySelector('.dropzone') as HTMLElement };
}

function transferOf(...files: File[]): DataTransfer {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer;
}

function rejections(el: HTMLElement): CosFileRejectedEvent[] {
  const seen: CosFileRejectedEvent[] = [];
  el.addEventListener('cos-file-rejected', (e) => seen.push(e));
  return seen;
}

describe('<cos-uploader> adding files', () => {
  it('takes dropped files (DataTransfer + DragEvent) and styles the drag', async () => {
    const { el, manager, zone } = await setup();
    const transfer = transferOf(fileOf('a.png'), fileOf('b.jpg', 'image/jpeg'));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
    await el.updateComplete;
    expect(el.hasAttribute('dragover')).to.equal(true);
    expect(el.shadowRoot!.querySelector('.prompt')!.textContent).to.contain('Release to add the files');
    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true });
    zone.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(true);
    await nextRender(el);
    expect(el.hasAttribute('dragover')).to.equal(false);
    expect(manager.snapshot().map((u) => u.key)).to.deep.equal(['a.png', 'b.jpg']);
    expect([...el.shadowRoot!.querySelectorAll('[part~="file-name"]')].map((n) => n.textContent)).to.deep.equal(['a.png', 'b.jpg']);
  });

  it('walks dropped folders and keeps their paths in the keys', async () => {
    const file = (name: string, fullPath: string) => ({ isDirectory: false, isFile: true, fullPath, file: (ok: (f: File) => void) => ok(fileOf(name)) });
    const folder = (fullPath: string, children: unknown[]) => ({
      isDirectory: true,
      isFile: false,
      fullPath,
      createReader: () => {
        let given = false;
        return { readEntries: (ok: (e: unknown[]) => void) => ok(given ? [] : ((given = true), children)) };
      },
    });
    const tree = folder('/album', [file('1.png', '/album/1.png'), folder('/album/raw', [file('2.png', '/album/raw/2.png')])]);
    const transfer = { items: [{ kind: 'file', webkitGetAsEntry: () => tree, getAsFile: () => null }], files: [] } as unknown as DataTransfer;
    const { files } = await filesFromDataTransfer(transfer);
    expect(files.map((f) => f.path)).to.deep.equal(['album/1.png', 'album/raw/2.png']);

    const { el, manager, zone } = await setup(html`<cos-uploader multiple prefix="u/"></cos-uploader>`);
    const drop = new DragEvent('drop', { bubbles: true, cancelable: true, composed: true });
    Object.defineProperty(drop, 'dataTransfer', { value: transfer });
    zone.dispatchEvent(drop);
    await nextRender(el);
    expect(manager.snapshot().map((u) => u.key)).to.deep.equal(['u/album/1.png', 'u/album/raw/2.png']);
  });

  it('takes files from the picker', async () => {
    const { el, manager } = await setup();
    const input = el.shadowRoot!.querySelector('input[type=file]') as HTMLInputElement;
    input.files = transferOf(fileOf('picked.png')).files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await nextRender(el);
    expect(manager.snapshot().map((u) => u.name)).to.deep.equal(['picked.png']);
    expect(input.value).to.equal('');
  });

  it('takes pasted files', async () => {
    const { el, manager, zone } = await setup();
    zone.focus();
    const paste = new ClipboardEvent('paste', { clipboardData: transferOf(fileOf('image.png')), bubbles: true, cancelable: true, composed: true });
    zone.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await nextRender(el);
    expect(manager.snapshot().map((u) => u.name)).to.deep.equal(['image.png']);
  });

  it('opens the picker with Enter and Space on the focused drop zone', async () => {
    const { el, zone } = await setup();
    const input = el.shadowRoot!.querySelector('input[type=file]') as HTMLInputElement;
    let opened = 0;
    input.click = () => void (opened += 1);
    zone.focus();
    expect(el.shadowRoot!.activeElement).to.equal(zone);
    zone.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    zone.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    zone.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(opened).to.equal(2);
  });

  it('a surrounding <label> opens the picker and focuses the drop zone, like a labelled file input', async () => {
    const label = await fixture<HTMLLabelElement>(html`<label><span>Images</span> <cos-uploader multiple></cos-uploader></label>`);
    const el = label.querySelector('cos-uploader')!;
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector('input[type=file]') as HTMLInputElement;
    let opened = 0;
    input.click = () => void (opened += 1);
    label.querySelector('span')!.click();
    expect(opened).to.equal(1);
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('.dropzone'));
    (el.shadowRoot!.querySelector('.dropzone') as HTMLElement).click();
    expect(opened, 'a click inside is not doubled by the label').to.equal(2);
  });

  it('refuses wrong type, too big and too many before any request, with a message and an event each', async () => {
    const { el, manager } = await setup(html`<cos-uploader multiple accept="image/*,.pdf" max-file-size="1KB" max-files="2"></cos-uploader>`);
    const seen = rejections(el);
    el.addFiles([fileOf('doc.txt', 'text/plain'), fileOf('big.png', 'image/png', 2048), fileOf('ok.png'), fileOf('ok.pdf', 'application/pdf'), fileOf('third.png')]);
    await el.updateComplete;
    expect(seen.map((e) => [e.detail.file.name, e.detail.reason])).to.deep.equal([['doc.txt', 'type'], ['big.png', 'size'], ['third.png', 'count']]);
    expect(manager.snapshot().map((u) => u.key)).to.deep.equal(['ok.png', 'ok.pdf']);
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('doc.txt was not added: this type of file is not accepted (image/*,.pdf).');
    expect(alert.textContent).to.contain('big.png was not added: it is 2 KB, above the 1 KB limit.');
    expect(alert.textContent).to.contain('third.png was not added: at most 2 files.');
    (alert.querySelector('.dismiss') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(alert.querySelectorAll('.notice')).to.have.length(2);
  });

  it('refuses every file, sending nothing, when bucket or credentials are missing', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader region="ap-guangzhou"></cos-uploader>`);
    const pending = oneEvent(el, 'cos-file-rejected');
    el.addFiles([fileOf('a.png')]);
    const event = (await pending) as CosFileRejectedEvent;
    expect(event.detail.reason).to.equal('config');
    expect(event.detail.message).to.contain('needs bucket, region and token-url or sign-url');
    expect(el.manager).to.equal(undefined);
  });

  it('makes keys safe: prefix, control characters, dot segments, duplicates', async () => {
    const { el, manager } = await setup(html`<cos-uploader multiple prefix="/in//box/"></cos-uploader>`);
    el.addFiles([fileOf('a\u0007b.png'), fileOf('..'), fileOf('same.png'), fileOf('same.png')]);
    expect(manager.snapshot().map((u) => u.key)).to.deep.equal(['in/box/a_b.png', 'in/box/_', 'in/box/same.png', 'in/box/same-2.png']);
  });

  it('refuses a name whose key would pass 850 bytes', async () => {
    const { el, manager } = await setup();
    const seen = rejections(el);
    el.addFiles([fileOf(`${'长'.repeat(300)}.png`)]);
    expect(seen.map((e) => e.detail.reason)).to.deep.equal(['name']);
    expect(manager.calls).to.deep.equal([]);
  });

  it('replaces a finished file in single-file mode, and refuses a second one while the first runs', async () => {
    const { el, manager } = await setup(html`<cos-uploader></cos-uploader>`);
    const seen = rejections(el);
    el.addFiles([fileOf('one.png')]);
    el.addFiles([fileOf('two.png')]);
    expect(seen.map((e) => [e.detail.file.name, e.detail.reason])).to.deep.equal([['two.png', 'count']]);
    manager.succeed(manager.snapshot()[0].id);
    el.addFiles([fileOf('three.png')]);
    expect(manager.snapshot().map((u) => u.name)).to.deep.equal(['three.png']);
  });

  it('sends the Pic-Operations with templates filled per file; an unusable value refuses files', async () => {
    const header = JSON.stringify({ is_pic_info: 1, rules: [{ fileid: 'thumbs/{name}.webp', rule: 'imageMogr2/thumbnail/200x/format/webp' }] });
    const { el, manager } = await setup(html`<cos-uploader multiple pic-operations=${header}></cos-uploader>`);
    el.addFiles([fileOf('cat.png'), fileOf('照片.jpg', 'image/jpeg')]);
    const sent = [...manager.picOperations.values()].map((value) => JSON.parse(value!).rules[0].fileid);
    expect(sent).to.deep.equal(['thumbs/cat.webp', 'thumbs/%E7%85%A7%E7%89%87.webp']);
    el.addFiles([fileOf('report.pdf', 'application/pdf')]);
    expect(manager.picOperations.get('report.pdf'), 'COS refuses Pic-Operations on a non-image').to.equal(undefined);

    el.picOperations = '{"rules": [';
    await el.updateComplete;
    const seen = rejections(el);
    el.addFiles([fileOf('dog.png')]);
    expect(seen[0].detail.reason).to.equal('config');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('pic-operations is not valid');
    expect(manager.snapshot()).to.have.length(3);
  });

  it('builds the Pic-Operations from the rules property (the rule editor path)', async () => {
    const { el, manager } = await setup();
    el.rules = [{ fileid: '{name}_small.{ext}', rule: 'imageMogr2/thumbnail/!50p' }];
    el.addFiles([fileOf('x.png')]);
    expect(JSON.parse(manager.picOperations.get('x.png')!)).to.deep.equal({ is_pic_info: 1, rules: [{ fileid: 'x_small.png', rule: 'imageMogr2/thumbnail/!50p' }] });
  });

  it('fills the templates from the stored key: a second photo.jpg (stored as photo-2.jpg) does not overwrite the first one\'s outputs', async () => {
    const { el, manager } = await setup(html`<cos-uploader multiple prefix="in/"></cos-uploader>`);
    el.rules = [{ fileid: '{name}_small.{ext}', rule: 'imageMogr2/thumbnail/!50p' }, { fileid: '/thumbs/{filename}', rule: 'imageMogr2/thumbnail/80x' }];
    el.addFiles([fileOf('photo.jpg', 'image/jpeg'), fileOf('photo.jpg', 'image/jpeg')]);
    el.addFiles([fileOf('photo.jpg', 'image/jpeg')]);
    const fileids = (key: string) => JSON.parse(manager.picOperations.get(key)!).rules.map((r: { fileid: string }) => r.fileid);
    expect(manager.snapshot().map((u) => u.key)).to.deep.equal(['in/photo.jpg', 'in/photo-2.jpg', 'in/photo-3.jpg']);
    expect(fileids('in/photo.jpg')).to.deep.equal(['photo_small.jpg', '/thumbs/photo.jpg']);
    expect(fileids('in/photo-2.jpg')).to.deep.equal(['photo-2_small.jpg', '/thumbs/photo-2.jpg']);
    expect(fileids('in/photo-3.jpg')).to.deep.equal(['photo-3_small.jpg', '/thumbs/photo-3.jpg']);
  });

  it('ignores files while disabled, also through a disabled fieldset', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><fieldset><cos-uploader multiple></cos-uploader></fieldset></form>`);
    const el = form.querySelector('cos-uploader')!;
    const manager = new FakeManager(el.managerHooks());
    el.manager = manager;
    el.disabled = true;
    await el.updateComplete;
    el.addFiles([fileOf('a.png')]);
    expect(manager.calls).to.deep.equal([]);
    el.disabled = false;
    form.querySelector('fieldset')!.disabled = true;
    await nextRender(el);
    el.addFiles([fileOf('a.png')]);
    expect(manager.calls).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('.dropzone')!.getAttribute('aria-disabled')).to.equal('true');
  });
});
