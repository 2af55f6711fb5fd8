import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosProcessingCompleteEvent, CosProcessingErrorEvent } from '../../../src/events/processing-complete.js';
import type { CosUploadSuccessEvent } from '../../../src/events/upload-success.js';
import { clientFor } from '../shared/client.js';
import { type EmulatorInfo, emulator } from '../shared/emulator.js';

async function pngOf(width: number, height: number, name: string): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#0ea5e9';
  ctx.fillRect(0, 0, width, height);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

const rules = JSON.stringify({ is_pic_info: 1, rules: [{ fileid: '{name}_thumb.webp', rule: 'imageMogr2/thumbnail/50x/format/webp' }] });

async function uploaderFor(emu: EmulatorInfo, prefix: string): Promise<CosUploader> {
  return fixture<CosUploader>(html`<cos-uploader
    multiple
    processing="async"
    bucket=${emu.bucket}
    region=${emu.region}
    endpoint=${emu.endpoint}
    ci-endpoint=${`${emu.url}/ci/{Bucket}`}
    token-url=${`${emu.url}/sts`}
    prefix=${prefix}
    pic-operations=${rules}
  ></cos-uploader>`);
}

const row = (el: CosUploader) => el.shadowRoot!.querySelector<HTMLElement>('li.file')!;

describe('<cos-uploader processing="async">: rules run as picture jobs after the upload', function () {
  this.timeout(60000);

  it('uploads without Pic-Operations, says so in cos-upload-success, then shows the job results', async () => {
    const emu = await emulator();
    const prefix = `async-${Date.now()}/`;
    const el = await uploaderFor(emu, prefix);
    const success = new Promise<CosUploadSuccessEvent>((r) => el.addEventListener('cos-upload-success', r, { once: true }));
    const processed = new Promise<CosProcessingCompleteEvent>((r) => el.addEventListener('cos-processing-complete', r, { once: true }));
    el.addFiles([await pngOf(200, 100, 'wide.png')]);

    const uploaded = (await success).detail;
    expect(uploaded.processing).to.equal('async');
    expect(uploaded.uploadResult).to.equal(undefined);
    const { detail } = await processed;
    expect(detail).to.include({ key: `${prefix}wide.png`, mode: 'async' });
    expect(detail.uploadResult.processResults.map((o) => [o.key, o.format, o.width, o.height])).to.deep.equal([[`${prefix}wide_thumb.webp`, 'webp', 50, 25]]);
    expect(detail.uploadResult.originalInfo.imageInfo).to.include({ width: 200, height: 100 });
    await waitUntil(() => row(el).dataset.processing === 'done' && row(el).querySelector('cos-results'), 'results shown in the row');
    expect(row(el).querySelector('.status')!.textContent).to.equal('Uploaded');
    expect(el.shadowRoot!.querySelector('[role=status][aria-live]')!.textContent).to.equal('“wide.png” processed');
  });

  it('a failed job keeps the original, shows the CI error, and "Retry processing" submits again', async () => {
    const emu = await emulator();
    const prefix = `async-fail-${Date.now()}/`;
    const el = await uploaderFor(emu, prefix);
    const failed = new Promise<CosProcessingErrorEvent>((r) => el.addEventListener('cos-processing-error', r, { once: true }));
    // Named and typed as a PNG, but not an image at all: the upload succeeds, the job cannot decode it.
    el.addFiles([new File(['definitely not a png'], 'broken.png', { type: 'image/png' })]);

    const { detail } = await failed;
    expect(detail.key).to.equal(`${prefix}broken.png`);
    expect(detail.error.code).to.equal('InvalidImageFormat');
    await waitUntil(() => row(el).dataset.processing === 'failed', 'row shows the failure');
    expect(row(el).querySelector('.status')!.textContent).to.equal('Uploaded; processing failed');
    expect(row(el).querySelector('[part="error"]')!.textContent).to.contain('InvalidImageFormat');
    expect(el.shadowRoot!.querySelector('[role=status][aria-live]')!.textContent).to.equal('Processing “broken.png” failed (InvalidImageFormat)');
    const client = clientFor(emu);
    expect(await (await client.getObject(`${prefix}broken.png`)).text()).to.equal('definitely not a png');

    // The stored object is fixed behind the element's back; retrying processing now succeeds without a new upload.
    await client.putObject(`${prefix}broken.png`, await pngOf(80, 80, 'fixed.png'), { headers: { 'Content-Type': 'image/png' } });
    const processed = new Promise<CosProcessingCompleteEvent>((r) => el.addEventListener('cos-processing-complete', r, { once: true }));
    row(el).querySelector<HTMLButtonElement>('button.retryProcessing')!.click();
    await waitUntil(() => row(el).dataset.processing === 'processing' || row(el).dataset.processing === 'done', 'retry started');
    expect((await processed).detail.uploadResult.processResults[0]).to.include({ key: `${prefix}broken_thumb.webp`, width: 50 });
    await waitUntil(() => row(el).dataset.processing === 'done', 'row shows the results');
    expect(row(el).querySelector('button.retryProcessing')).to.equal(null);
  });
});
