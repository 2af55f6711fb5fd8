// Issue #17: the documentation's Pic-Operations example sent to the real emulator from the browser; <cos-results>
// shows the fields the emulator now computes (bit depth, DPI and MD5 in the detailed layout, not in the compact one).
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosResults } from '../../../src/elements/results/results.js';
import type { UploadResult } from '../../../src/core/types.js';
import { emulator } from '../shared/emulator.js';
import { clientFor } from '../shared/client.js';

/** A canvas JPEG whose JFIF header is set to record 300 DPI (bytes 13–17: units = inch, X and Y density). */
async function jpegAt300Dpi(): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 40;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#a18454';
  g.fillRect(0, 0, 64, 40);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const jfif = String.fromCharCode(...bytes.subarray(6, 10));
  if (bytes[2] !== 0xff || bytes[3] !== 0xe0 || jfif !== 'JFIF') throw new Error('the canvas JPEG has no JFIF header to patch');
  bytes.set([1, 300 >> 8, 300 & 0xff, 300 >> 8, 300 & 0xff], 13);
  return new Blob([bytes], { type: 'image/jpeg' });
}

const text = (el: Node | null) => (el?.textContent ?? '').replace(/\s+/g, '');

describe('<cos-results> with every documented UploadResult field', () => {
  let result: UploadResult;
  let originalMd5: string;

  before(async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const picOperations = JSON.stringify({ is_pic_info: 1, rules: [{ bucket: emu.bucket, fileid: 'test.png', rule: 'imageMogr2/format/png' }] });
    const put = await client.putObject(`i17-${Date.now()}/filename.jpg`, await jpegAt300Dpi(), { picOperations });
    result = put.uploadResult!;
    // A simple PUT's ETag is the quoted MD5 of the body, so the browser needs no MD5 of its own.
    originalMd5 = put.etag.replace(/"/g, '');
  });

  it('the core parsed bit depth, DPI, frame count and MD5 from the emulator\'s answer', () => {
    const info = result.originalInfo.imageInfo!;
    expect([info.format, info.width, info.height, info.frameCount, info.bitDepth, info.horizontalDpi, info.verticalDpi, info.md5])
      .to.deep.equal(['JPEG', 64, 40, 1, 8, 300, 300, originalMd5]);
    const [object] = result.processResults;
    expect([object.format, object.bitDepth, object.frameCount]).to.deep.equal(['png', 8, 1]);
    expect(object.md5).to.equal(object.etag.replace(/"/g, ''));
  });

  it('the detailed layout shows bit depth, resolution and MD5 of the original, bit depth and MD5 of each output', async () => {
    const el = await fixture<CosResults>(html`<cos-results layout="detailed" .results=${result} .urlFor=${async () => null}></cos-results>`);
    await el.updateComplete;
    const root = el.shadowRoot!;
    const original = text(root.querySelector('.original'));
    for (const fact of ['FormatJPEG', 'Dimensions64×40', 'Bitdepth8', 'Resolution300×300DPI', `MD5${originalMd5}`]) expect(original).to.contain(fact);
    const item = text(root.querySelector('[part~="item"]'));
    expect(item).to.contain('Bitdepth8');
    expect(item).to.contain(`MD5${result.processResults[0].md5}`);
  });

  it('the compact layout keeps its short captions', async () => {
    const el = await fixture<CosResults>(html`<cos-results layout="compact" .results=${result} .urlFor=${async () => null}></cos-results>`);
    await el.updateComplete;
    const all = text(el.shadowRoot!);
    expect(all).not.to.contain('Bitdepth');
    expect(all).not.to.contain('DPI');
    expect(all).not.to.contain('MD5');
  });
});
