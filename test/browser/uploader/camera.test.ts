import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosSourceErrorEvent } from '../../../src/events/source-error.js';
import { FakeManager } from './fake-manager.js';
import { messagesOf, until } from './intake-helpers.js';

// The runner starts Chromium with --use-fake-device-for-media-stream and --use-fake-ui-for-media-stream:
// getUserMedia gets a generated test pattern, granted without a prompt.

async function uploader(sources = 'camera') {
  const el = await fixture<CosUploader>(html`<cos-uploader multiple sources=${sources}></cos-uploader>`);
  const manager = new FakeManager(el.managerHooks());
  el.manager = manager;
  await el.updateComplete;
  return { el, manager };
}

const $ = (el: CosUploader, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

describe('<cos-uploader sources>', () => {
  it('offers the buttons it lists, in order, in a labelled group', async () => {
    const { el } = await uploader('folder files camera');
    const group = $(el, '[part~="sources"]')!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(group.getAttribute('aria-label')).to.equal('Add files from');
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).to.deep.equal(['Folder', 'Files', 'Camera']);
    expect($(el, 'input[data-input="folder"]')!.hasAttribute('webkitdirectory')).to.equal(true);
    const capture = $(el, 'input[data-input="camera"]') as HTMLInputElement;
    expect([capture.accept, capture.getAttribute('capture')]).to.deep.equal(['image/*', 'environment']);
  });

  it('an unknown source is reported', async () => {
    const { el } = await uploader('files scanner');
    await el.updateComplete;
    expect(messagesOf(el)).to.contain('"scanner" is not a source');
  });

  it('unknown mode and paste values are reported, not silently ignored', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader mode="popup" paste="yes"></cos-uploader>`);
    await el.updateComplete;
    expect(messagesOf(el)).to.contain('mode="popup" is not understood; use inline or dialog.');
    expect(messagesOf(el)).to.contain('paste="yes" is not understood; use document.');
    expect(el.shadowRoot!.querySelector('.dropzone'), 'an unknown mode shows the inline drop zone').to.not.equal(null);
  });

  it('files picked through the capture input join the queue', async () => {
    const { el, manager } = await uploader('camera');
    const input = $(el, 'input[data-input="camera"]') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(10)], 'IMG_0001.jpg', { type: 'image/jpeg' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    expect(manager.snapshot().map((u) => u.name)).to.deep.equal(['IMG_0001.jpg']);
  });
});

describe('<cos-uploader sources="camera"> on a desktop with a webcam', function () {
  this.timeout(30000);

  it('takes a still photo that joins the queue as a decodable JPEG named photo-<time>.jpg', async () => {
    const { el, manager } = await uploader();
    $(el, 'button[data-source="camera"]')!.click();
    await until(() => !!$(el, '[part~="camera"] video'), 'the camera view');
    const take = () => $(el, '.take-photo') as HTMLButtonElement;
    await until(() => { void el.updateComplete; return !take().disabled; }, 'the first frame', 15000);
    const video = $(el, 'video') as HTMLVideoElement;
    await until(() => video.videoWidth > 0, 'the preview size');
    const size = [video.videoWidth, video.videoHeight];
    const rejected: string[] = [];
    el.addEventListener('cos-file-rejected', (e) => rejected.push(e.detail.message));
    take().click();
    await until(() => manager.snapshot().length === 1 || rejected.length > 0, 'the photo in the queue');
    expect(rejected).to.deep.equal([]);
    const photo = manager.snapshot()[0];
    expect(photo.type).to.equal('image/jpeg');
    expect(photo.name).to.match(/^photo-\d{8}-\d{6}-\d{3}\.jpg$/);
    const bytes = new Uint8Array(await (photo.file as Blob).arrayBuffer());
    expect([bytes[0], bytes[1]], 'JPEG magic').to.deep.equal([0xff, 0xd8]);
    const bitmap = await createImageBitmap(photo.file as Blob);
    expect([bitmap.width, bitmap.height], 'the photo has the stream size').to.deep.equal(size);
    expect(bitmap.width).to.be.greaterThan(0);
  });

  it('closing the view or removing the element stops the camera', async () => {
    const { el } = await uploader();
    $(el, 'button[data-source="camera"]')!.click();
    await until(() => !!$(el, 'video'), 'the camera view');
    const stream = ($(el, 'video') as HTMLVideoElement).srcObject as MediaStream;
    ($(el, '.close-camera') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, 'video')).to.equal(null);
    expect(stream.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
    $(el, 'button[data-source="camera"]')!.click();
    await until(() => !!$(el, 'video'), 'the camera view again');
    const again = ($(el, 'video') as HTMLVideoElement).srcObject as MediaStream;
    el.remove();
    expect(again.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
  });

  for (const [name, reason, text] of [
    ['NotAllowedError', 'denied', 'Camera access was refused'],
    ['NotFoundError', 'unavailable', 'No camera was found'],
    ['NotReadableError', 'failed', 'The camera could not start: Device in use'],
  ] as const) {
    it(`${name} from getUserMedia: a visible message and a cos-source-error (${reason})`, async () => {
      const { el } = await uploader();
      const original = navigator.mediaDevices.getUserMedia;
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException(name === 'NotReadableError' ? 'Device in use' : 'no', name));
      try {
        const errors: CosSourceErrorEvent[] = [];
        el.addEventListener('cos-source-error', (e) => errors.push(e));
        $(el, 'button[data-source="camera"]')!.click();
        await until(() => errors.length === 1, 'the error event');
        expect(errors[0].detail).to.include({ source: 'camera', reason, name });
        await el.updateComplete;
        expect(messagesOf(el)).to.contain(text);
        expect($(el, 'video')).to.equal(null);
      } finally {
        navigator.mediaDevices.getUserMedia = original;
      }
    });
  }
});
