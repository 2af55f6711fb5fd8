/** Image and text watermarks (docs/rules.md#watermarks): where they land, options, and references. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { ImageError, processOnDownload } from '../../../src/emulator/image/index.js';
import { watermarkKeys } from '../../../src/emulator/image/watermark-marks.js';
import { b64, makeImage, memoryIO, pixels, regionDiff } from './fixtures/images/helpers.js';

const W = 320;
const H = 200;
const ctx = memoryIO();
let base: Buffer;
let basePixels: Awaited<ReturnType<typeof pixels>>;

before(async () => {
  base = await makeImage(W, H, 'png');
  basePixels = await pixels(base);
  const red = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#ff0000' } }).png().toBuffer();
  ctx.store.set('marks/red.png', { data: red, contentType: 'image/png', etag: '"r"' });
  const huge = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#0000ff' } }).png().toBuffer();
  ctx.store.set('marks/huge.png', { data: huge, contentType: 'image/png', etag: '"h"' });
});

const marked = async (rule: string) => {
  const result = await processOnDownload({ key: 'in.png', original: base, rawQuery: rule, io: ctx.io });
  assert.ok(result);
  return pixels(result.body);
};
const redUrl = b64('http://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/marks/red.png');
const px = (p: { data: Buffer; width: number }, x: number, y: number) => [...p.data.subarray((y * p.width + x) * 4, (y * p.width + x) * 4 + 3)];

describe('watermark/1 (image)', () => {
  it('defaults to the south-east corner at 90% opacity and leaves the rest untouched', async () => {
    const out = await marked(`watermark/1/image/${redUrl}`);
    assert.equal(`${out.width}x${out.height}`, `${W}x${H}`);
    const [r, g] = px(out, W - 5, H - 5);
    assert.ok(r > 220 && g < 60, `got ${r},${g}`);
    assert.ok(regionDiff(basePixels, out, { left: W - 40, top: H - 20, width: 40, height: 20 }) > 30);
    assert.equal(regionDiff(basePixels, out, { left: 0, top: 0, width: W - 40, height: H - 20 }), 0);
  });

  it('honours gravity, dx and dy', async () => {
    const out = await marked(`watermark/1/image/${redUrl}/gravity/northwest/dx/10/dy/15`);
    assert.ok(px(out, 12, 17)[0] > 220);
    assert.deepEqual(px(out, 5, 5), px(basePixels, 5, 5));
    assert.deepEqual(px(out, W - 5, H - 5), px(basePixels, W - 5, H - 5));
  });

  it('dissolve sets the opacity', async () => {
    const out = await marked(`watermark/1/image/${redUrl}/gravity/center/dissolve/50`);
    const [r] = px(out, W / 2, H / 2);
    const [r0] = px(basePixels, W / 2, H / 2);
    assert.ok(Math.abs(r - (255 + r0) / 2) <= 3, `got ${r} for base ${r0}`);
  });

  it('batch/1 tiles the mark over the whole image', async () => {
    const out = await marked(`watermark/1/image/${redUrl}/batch/1/spacing/50`);
    assert.ok(px(out, 5, 5)[0] > 200);
    assert.ok(px(out, 65, 35)[0] > 200);
    assert.deepEqual(px(out, 45, 5), px(basePixels, 45, 5));
  });

  it('scatype/1 scales the mark to spcent‰ of the image width', async () => {
    const out = await marked(`watermark/1/image/${redUrl}/gravity/northwest/scatype/1/spcent/500/dissolve/100`);
    assert.deepEqual(px(out, 159, 79), [255, 0, 0]);
    assert.deepEqual(px(out, 161, 81), px(basePixels, 161, 81));
  });

  it('a mark larger than the image is cropped, or fitted with blogo/1', async () => {
    const cropped = await marked(`watermark/1/image/${b64('marks/huge.png')}/dissolve/100`);
    assert.deepEqual(px(cropped, 0, 0), [0, 0, 255]);
    const fitted = await marked(`watermark/1/image/${b64('marks/huge.png')}/blogo/1/gravity/northwest/dissolve/100`);
    assert.deepEqual(px(fitted, 1, 1), [0, 0, 255]);
    assert.deepEqual(px(fitted, 298, H - 2), [0, 0, 255]);
    assert.notDeepEqual(px(fitted, W - 2, H - 2), [0, 0, 255]);
  });

  it('resolves COS URLs, path-style emulator URLs and bare keys', () => {
    assert.deepEqual(watermarkKeys('http://b-1250000000.cos.ap-guangzhou.myqcloud.com/marks/red.png?q-sign-algorithm=sha1'), ['marks/red.png', 'red.png']);
    assert.deepEqual(watermarkKeys('http://127.0.0.1:9000/b-1250000000/marks/red.png'), ['b-1250000000/marks/red.png', 'marks/red.png']);
    assert.deepEqual(watermarkKeys('/marks/%E6%B0%B4.png'), ['marks/%E6%B0%B4.png']);
    assert.deepEqual(watermarkKeys('http://h/%E6%B0%B4%E5%8D%B0.png'), ['水印.png']);
  });

  it('rejects a missing image, a non-image and an animated mark', async () => {
    await assert.rejects(marked(`watermark/1/image/${b64('marks/none.png')}`), /does not exist/);
    ctx.store.set('marks/text.txt', { data: Buffer.from('hello'), contentType: 'text/plain', etag: '"t"' });
    await assert.rejects(marked(`watermark/1/image/${b64('marks/text.txt')}`), (e: unknown) => e instanceof ImageError && e.code === 'InvalidImageFormat');
    await assert.rejects(marked('watermark/1/gravity/center'), /needs an image parameter/);
  });
});

describe('watermark/2 (text)', () => {
  it('draws text in the fill colour at the gravity position', async () => {
    const out = await marked(`watermark/2/text/${b64('HELLO')}/fontsize/40/fill/${b64('#00FF00')}/gravity/north/dissolve/100`);
    let green = 0;
    for (let y = 0; y < 50; y++) for (let x = 100; x < 220; x++) if (px(out, x, y)[1] > 240 && px(out, x, y)[0] < 30) green++;
    assert.ok(green > 50, `green pixels: ${green}`);
    assert.equal(regionDiff(basePixels, out, { left: 0, top: 100, width: W, height: 100 }), 0);
  });

  it('shadow adds dark pixels; bigger fontsize covers more area', async () => {
    const small = await marked(`watermark/2/text/${b64('Ag')}/fontsize/12/gravity/center`);
    const big = await marked(`watermark/2/text/${b64('Ag')}/fontsize/60/gravity/center`);
    const changed = (p: typeof small) => regionDiff(basePixels, p, { left: 0, top: 0, width: W, height: H });
    assert.ok(changed(big) > changed(small) * 4);
    const shadowed = await marked(`watermark/2/text/${b64('Ag')}/fontsize/60/gravity/center/shadow/80/fill/${b64('#FFFFFF')}`);
    const plain = await marked(`watermark/2/text/${b64('Ag')}/fontsize/60/gravity/center/fill/${b64('#FFFFFF')}`);
    assert.ok(regionDiff(plain, shadowed, { left: 0, top: 0, width: W, height: H }) > 0.2);
  });

  it('renders text with markup characters literally', async () => {
    const out = await marked(`watermark/2/text/${b64('<b>&amp;</b>')}/fontsize/20`);
    assert.ok(regionDiff(basePixels, out, { left: 0, top: 0, width: W, height: H }) > 0);
  });

  it('rejects a missing text, unknown keys and out-of-range values', async () => {
    await assert.rejects(marked('watermark/2/fontsize/20'), /needs a text parameter/);
    await assert.rejects(marked(`watermark/2/text/${b64('x')}/colour/abc`), /Unknown watermark\/2 parameter "colour"/);
    await assert.rejects(marked(`watermark/2/text/${b64('x')}/dissolve/0`), /dissolve must be between 1 and 100/);
    await assert.rejects(marked(`watermark/2/text/${b64('x')}/fill/${b64('blue-ish')}`), /colour like #RRGGBB/);
  });
});
