import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosUploadStartEvent } from '../../../src/events/upload-start.js';
import type { UploadResult } from '../../../src/core/types.js';
import { FakeManager, fileOf, nextRender } from './fake-manager.js';

const EVENTS = ['cos-file-added', 'cos-upload-start', 'cos-upload-progress', 'cos-upload-success', 'cos-upload-error', 'cos-queue-complete'] as const;

/** Records every uploader event reaching the document (so they must bubble and be composed). */
function recordEvents() {
  const seen: Event[] = [];
  const listener = (event: Event) => seen.push(event);
  for (const name of EVENTS) document.addEventListener(name, listener);
  return {
    seen,
    names: () => seen.map((e) => e.type),
    stop: () => EVENTS.forEach((name) => document.removeEventListener(name, listener)),
  };
}

async function setup(template = html`<cos-uploader multiple></cos-uploader>`) {
  const el = await fixture<CosUploader>(template);
  const manager = new FakeManager(el.managerHooks());
  el.manager = manager;
  await el.updateComplete;
  return { el, manager };
}

const processed: UploadResult = {
  originalInfo: { key: 'cat.png', location: 'b.cos.ap-guangzhou.myqcloud.com/cat.png', etag: '"e1"', imageInfo: { format: 'PNG', width: 640, height: 427, quality: 100, ave: '0xa18454' } },
  processResults: [{ key: 'thumbs/cat.webp', location: 'b/thumbs/cat.webp', format: 'webp', width: 200, height: 133, size: 5120, etag: '"e2"' }],
};

describe('<cos-uploader> progress and events', () => {
  it('progress bars carry role and aria values that follow the manager', async () => {
    const { el, manager } = await setup();
    el.addFiles([fileOf('a.png', 'image/png', 1000), fileOf('b.png', 'image/png', 3000)]);
    const [a, b] = manager.snapshot();
    manager.progress(a.id, 250, { speed: 2048, eta: 65 });
    manager.progress(b.id, 3000, { speed: 4096, eta: 0 });
    await nextRender(el);
    const bars = [...el.shadowRoot!.querySelectorAll('.file [role=progressbar]')];
    expect(bars.map((bar) => bar.getAttribute('aria-valuenow'))).to.deep.equal(['25', '100']);
    expect(bars[0].getAttribute('aria-label')).to.equal('Upload progress of a.png');
    expect(bars[0].getAttribute('aria-valuemin')).to.equal('0');
    expect(bars[0].getAttribute('aria-valuemax')).to.equal('100');
    // Set through the CSSOM as a custom property (no style attribute in the template): the bar is a quarter full.
    expect((bars[0] as HTMLElement).style.getPropertyValue('--_percent')).to.equal('25');
    const indicator = bars[0].querySelector('.indicator') as HTMLElement;
    indicator.style.transition = 'none';
    expect(indicator.getBoundingClientRect().width / bars[0].getBoundingClientRect().width).to.be.closeTo(0.25, 0.01);
    expect(el.shadowRoot!.querySelector('.speed')!.textContent).to.equal('2 KB/s, 1 min 5 s left');
    // b has sent every byte and awaits its answer: "Finishing", and no speed left over from its last progress.
    const [rowA, rowB] = [...el.shadowRoot!.querySelectorAll('li.file')];
    expect(rowA.querySelector('.status')!.textContent).to.equal('Uploading');
    expect(rowB.querySelector('.status')!.textContent).to.equal('Finishing');
    expect(rowB.querySelector('.speed')).to.equal(null);
    const total = el.shadowRoot!.querySelector('[part~="total-progress"]')!;
    expect(total.getAttribute('aria-valuenow')).to.equal(String(Math.floor((3250 / 4000) * 100)));
    manager.succeed(a.id);
    await nextRender(el);
    expect(bars[0].getAttribute('aria-valuenow')).to.equal('100');
    expect(el.shadowRoot!.querySelector('.total-label')!.textContent).to.equal('1 of 2 files uploaded');
  });

  it('fires each event once with its typed detail, bubbling and composed', async () => {
    const record = recordEvents();
    try {
      const { el, manager } = await setup();
      el.addFiles([fileOf('cat.png', 'image/png', 100), fileOf('bad.png', 'image/png', 100)]);
      const [cat, bad] = manager.snapshot();
      manager.progress(cat.id, 10);
      manager.progress(cat.id, 60);
      manager.succeed(cat.id, { etag: '"abc"', location: 'bucket/cat.png', uploadResult: processed });
      manager.fail(bad.id, { code: 'AccessDenied', message: 'Access Denied.', status: 403, requestId: 'NjU1req' });
      await nextRender(el);
      expect(record.names()).to.deep.equal([
        'cos-file-added', 'cos-file-added', 'cos-upload-start', 'cos-upload-start',
        'cos-upload-progress', 'cos-upload-success', 'cos-upload-error', 'cos-queue-complete',
      ]);
      const detail = <T>(type: string) => (record.seen.find((e) => e.type === type) as unknown as { detail: T }).detail;
      expect(detail<{ key: string; file: File }>('cos-file-added').key).to.equal('cat.png');
      expect(detail<{ loaded: number; total: number }>('cos-upload-progress')).to.include({ loaded: 60, total: 100 });
      const success = detail<{ key: string; etag: string; location: string; uploadResult: UploadResult }>('cos-upload-success');
      expect(success).to.include({ key: 'cat.png', etag: '"abc"', location: 'bucket/cat.png' });
      expect(success.uploadResult.processResults[0].key).to.equal('thumbs/cat.webp');
      expect(detail<{ error: object }>('cos-upload-error').error).to.deep.equal({ code: 'AccessDenied', message: 'Access Denied.', status: 403, requestId: 'NjU1req' });
      expect(detail<{ succeeded: number; failed: number }>('cos-queue-complete')).to.include({ succeeded: 1, failed: 1 });
      for (const event of record.seen) expect(event.bubbles && event.composed, event.type).to.equal(true);
    } finally {
      record.stop();
    }
  });

  it('cos-upload-start preventDefault skips the file', async () => {
    const { el, manager } = await setup();
    el.addEventListener('cos-upload-start', (event: CosUploadStartEvent) => {
      if (event.detail.key === 'skip.png') event.preventDefault();
    });
    el.addFiles([fileOf('skip.png'), fileOf('keep.png')]);
    expect(manager.snapshot().map((u) => [u.key, u.status])).to.deep.equal([['skip.png', 'cancelled'], ['keep.png', 'uploading']]);
  });

  it('a veto still works with a manager that never asks (the start event cancels it)', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
    const manager = new FakeManager({ keyFor: (f) => (f as File).name });
    el.manager = manager;
    el.addEventListener('cos-upload-start', (event) => event.preventDefault());
    manager.add([fileOf('x.png')]);
    expect(manager.calls).to.include(`cancel:${manager.snapshot()[0].id}`);
  });

  it('shows a failure on its row with the COS code and request id, and retries it', async () => {
    const { el, manager } = await setup();
    el.addFiles([fileOf('a.png')]);
    const [a] = manager.snapshot();
    manager.fail(a.id, { code: 'SignatureDoesNotMatch', message: 'The Signature you specified is invalid.', status: 403, requestId: 'NjU1ZmE3' });
    await nextRender(el);
    const error = el.shadowRoot!.querySelector('[part~="error"]')!;
    expect(error.textContent).to.contain('Error SignatureDoesNotMatch');
    expect(error.textContent).to.contain('The Signature you specified is invalid.');
    expect(error.textContent).to.contain('Request ID NjU1ZmE3');
    (el.shadowRoot!.querySelector('button.retry') as HTMLButtonElement).click();
    expect(manager.calls).to.include(`retry:${a.id}`);
  });

  it('row and toolbar buttons drive the manager, with labels naming the file', async () => {
    const { el, manager } = await setup();
    el.addFiles([fileOf('a.png'), fileOf('b.png')]);
    const [a, b] = manager.snapshot();
    await nextRender(el);
    const pause = el.shadowRoot!.querySelector('.file button.pause') as HTMLButtonElement;
    expect(pause.getAttribute('aria-label')).to.equal('Pause a.png');
    pause.click();
    await nextRender(el);
    (el.shadowRoot!.querySelector('.file button.resume') as HTMLButtonElement).click();
    (el.shadowRoot!.querySelector('.file button.cancel') as HTMLButtonElement).click();
    (el.shadowRoot!.querySelector('.toolbar button.pauseAll') as HTMLButtonElement).click();
    manager.succeed(b.id);
    await nextRender(el);
    (el.shadowRoot!.querySelector('.toolbar button.clearFinished') as HTMLButtonElement).click();
    expect(manager.calls.slice(1)).to.deep.equal([`pause:${a.id}`, `resume:${a.id}`, `cancel:${a.id}`, 'pauseAll', `remove:${a.id}`, `remove:${b.id}`]);
  });

  it('renders cos-results under a file with processed results, and a resume note', async () => {
    const { el, manager } = await setup();
    el.urlFor = async (key) => `https://cdn.example.com/${key}?sign=1`;
    el.addFiles([fileOf('cat.png')]);
    const [cat] = manager.snapshot();
    manager.progress(cat.id, 8, { resumedParts: 3 });
    await nextRender(el);
    expect(el.shadowRoot!.querySelector('.note')!.textContent).to.equal('Resumed an earlier upload (parts already stored: 3)');
    manager.succeed(cat.id, { uploadResult: processed });
    await nextRender(el);
    const results = el.shadowRoot!.querySelector('cos-results')!;
    expect(results.results).to.equal(processed);
    await nextRender(results);
    const img = results.shadowRoot!.querySelector('img') as HTMLImageElement;
    expect(img.getAttribute('src')).to.equal('https://cdn.example.com/thumbs/cat.webp?sign=1');
  });

  it('announces starts, quarters, completions and the end of the queue in a live region', async () => {
    const { el, manager } = await setup();
    const live = el.shadowRoot!.querySelector('[role=status]')!;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    el.addFiles([fileOf('a.png', 'image/png', 100)]);
    await nextRender(el);
    expect(live.textContent).to.contain('a.png: upload started');
    manager.progress(manager.snapshot()[0].id, 55);
    await nextRender(el);
    expect(live.textContent).to.contain('a.png: 50%');
    manager.succeed(manager.snapshot()[0].id);
    await nextRender(el);
    expect(live.textContent).to.contain('a.png: uploaded; Uploads finished: 1 uploaded, 0 failed');
  });

  it('pauses running uploads when removed from the page and resumes them when put back', async () => {
    const { el, manager } = await setup();
    el.addFiles([fileOf('a.png')]);
    const parent = el.parentElement!;
    el.remove();
    expect(manager.snapshot()[0].status).to.equal('paused');
    expect(manager.listenerCount).to.equal(0);
    parent.append(el);
    expect(manager.snapshot()[0].status).to.equal('uploading');
    expect(manager.listenerCount).to.equal(2);
  });

  it('shows thumbnails for images and revokes them when the file leaves the list', async () => {
    const { el, manager } = await setup();
    el.addFiles([fileOf('a.png'), fileOf('notes.txt', 'text/plain')]);
    await nextRender(el);
    const thumbs = [...el.shadowRoot!.querySelectorAll('[part~="thumbnail"]')];
    const src = thumbs[0].querySelector('img')!.src;
    expect(src).to.match(/^blob:/);
    expect(thumbs[1].querySelector('img')).to.equal(null);
    manager.remove(manager.snapshot()[0].id);
    await nextRender(el);
    const fetched = await fetch(src).then(() => 'loaded', () => 'revoked');
    expect(fetched).to.equal('revoked');
  });
});
