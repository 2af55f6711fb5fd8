// Hostile and bad input through <cos-uploader> and the real emulator: each file either uploads
// correctly (under a safe key) or is refused / fails with a clear message, and nothing is half-written.
import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosFileRejectedEvent } from '../../../src/events/file-rejected.js';
import type { CosQueueCompleteEvent } from '../../../src/events/queue-complete.js';
import { bytesOf, clientFor, emulator, logUnder, sha256, sleep, uniquePrefix, type EmulatorInfo } from './helpers.js';

async function uploader(emu: EmulatorInfo, prefix: string, extra: { rules?: string } = {}): Promise<CosUploader> {
  return fixture<CosUploader>(html`<cos-uploader
    multiple
    bucket=${emu.bucket}
    region=${emu.region}
    endpoint=${emu.endpoint}
    token-url=${`${emu.url}/sts`}
    prefix=${prefix}
    rules=${extra.rules ?? nothing}
    multipart-threshold="1MB"
    part-size="1MB"
  ></cos-uploader>`);
}

function collectRejections(el: CosUploader): CosFileRejectedEvent['detail'][] {
  const out: CosFileRejectedEvent['detail'][] = [];
  el.addEventListener('cos-file-rejected', (e) => out.push(e.detail));
  return out;
}

describe('bad input through <cos-uploader>', function () {
  this.timeout(60000);

  it('a 0-byte file and names with control characters or .. segments upload under safe keys inside the prefix', async () => {
    const emu = await emulator();
    const prefix = uniquePrefix('names');
    const el = await uploader(emu, prefix);
    const files = [
      new File([], 'empty.txt', { type: 'text/plain' }),
      new File([bytesOf(300, 1)], 'bell\u0007tab\t.txt', { type: 'text/plain' }),
      new File([bytesOf(300, 2)], '..', { type: 'text/plain' }),
      new File([bytesOf(300, 3)], 'x/../../escape.txt', { type: 'text/plain' }),
    ];
    const complete = new Promise<CosQueueCompleteEvent>((resolve) => el.addEventListener('cos-queue-complete', resolve, { once: true }));
    el.addFiles(files);
    const { detail } = await complete;
    expect(detail.uploads.map((u) => [u.status, u.error?.code])).to.deep.equal(files.map(() => ['done', undefined]));
    const client = clientFor(emu);
    for (const [i, upload] of detail.uploads.entries()) {
      expect(upload.key.startsWith(prefix), upload.key).to.equal(true);
      const segments = upload.key.slice(prefix.length).split('/');
      expect(segments.some((s) => s === '..' || s === '.' || s === ''), upload.key).to.equal(false);
      // eslint-disable-next-line no-control-regex -- control characters are what must not reach a key
      expect(/[\u0000-\u001f\u007f]/.test(upload.key), upload.key).to.equal(false);
      expect(await sha256(await client.getObject(upload.key)), upload.key).to.equal(await sha256(files[i]));
    }
    expect((await client.headObject(detail.uploads[0].key)).size).to.equal(0);
    const keys = new Set((await logUnder(emu, '')).map((e) => e.key));
    expect(keys.has('escape.txt') || keys.has(`${prefix}escape.txt`), 'nothing was written where ../ points').to.equal(false);
  });

  it('six rules, a name too long for a key: refused before any request, with a message saying why', async () => {
    const emu = await emulator();
    const prefix = uniquePrefix('refused');
    const six = JSON.stringify(Array.from({ length: 6 }, (_, i) => ({ fileid: `{name}-${i}.png`, rule: 'imageMogr2/thumbnail/8x' })));
    const withSix = await uploader(emu, prefix, { rules: six });
    const sixRejections = collectRejections(withSix);
    const canvas = new OffscreenCanvas(8, 8);
    canvas.getContext('2d')!.fillRect(0, 0, 8, 8);
    withSix.addFiles([new File([await canvas.convertToBlob({ type: 'image/png' })], 'photo.png', { type: 'image/png' })]);
    expect(sixRejections.map((r) => r.reason)).to.deep.equal(['config']);
    expect(sixRejections[0].message).to.match(/5/);

    const plain = await uploader(emu, prefix);
    const nameRejections = collectRejections(plain);
    plain.addFiles([new File(['x'], `${'n'.repeat(900)}.txt`, { type: 'text/plain' })]);
    expect(nameRejections.map((r) => r.reason)).to.deep.equal(['name']);
    await sleep(300);
    await Promise.all([withSix.updateComplete, plain.updateComplete]);
    for (const el of [withSix, plain]) {
      expect(el.shadowRoot!.querySelector('[part~="messages"]')?.textContent?.trim(), 'the refusal is shown').to.not.equal('');
      expect(el.uploads).to.deep.equal([]);
    }
    expect(await logUnder(emu, prefix), 'no request was sent').to.deep.equal([]);
  });

  it('an "image" that is not one, with processing rules: the row shows InvalidImageFormat, the original is stored intact', async () => {
    const emu = await emulator();
    const prefix = uniquePrefix('fake-image');
    const el = await uploader(emu, prefix, { rules: JSON.stringify([{ fileid: '{name}_small.webp', rule: 'imageMogr2/thumbnail/50x/format/webp' }]) });
    const fake = new File([bytesOf(5000, 9)], 'holiday.png', { type: 'image/png' });
    const complete = new Promise<CosQueueCompleteEvent>((resolve) => el.addEventListener('cos-queue-complete', resolve, { once: true }));
    el.addFiles([fake]);
    const { detail } = await complete;
    expect(detail.uploads.map((u) => [u.status, u.error?.code])).to.deep.equal([['failed', 'InvalidImageFormat']]);
    await el.updateComplete;
    const errorText = el.shadowRoot!.querySelector('[part~="error"]')?.textContent ?? '';
    expect(errorText).to.contain('InvalidImageFormat');
    expect(errorText).to.contain(detail.uploads[0].error!.requestId!);
    const client = clientFor(emu);
    expect(await sha256(await client.getObject(`${prefix}holiday.png`))).to.equal(await sha256(fake));
    const processed = await client.headObject(`${prefix}holiday_small.webp`).then(() => 'exists', (err: { code: string }) => err.code);
    expect(processed).to.equal('NotFound');
  });
});
