/** Behaviour of individual operations beyond output sizes: pixels, formats, metadata, animation. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { processOnDownload } from '../../../src/emulator/image/index.js';
import { decodeBmp } from '../../../src/emulator/image/bmp.js';
import { makeAnimatedGif, makeImage, memoryIO, meta, pixels, regionDiff } from './fixtures/images/helpers.js';

const { io } = memoryIO();
const run = async (original: Buffer, rule: string) => {
  const result = await processOnDownload({ key: 'in', original, rawQuery: rule, io });
  assert.ok(result);
  return result;
};
const whole = (w: number, h: number) => ({ left: 0, top: 0, width: w, height: h });
const mean = (p: { data: Buffer }) => {
  let sum = 0;
  for (let i = 0; i < p.data.length; i += 4) sum += p.data[i] + p.data[i + 1] + p.data[i + 2];
  return sum / (p.data.length / 4) / 3;
};

describe('pixel operations', () => {
  let png: Buffer;
  let base: Awaited<ReturnType<typeof pixels>>;
  before(async () => {
    png = await makeImage(160, 120, 'png');
    base = await pixels(png);
  });

  it('grayscale/1 makes R=G=B and keeps alpha; grayscale/0 changes nothing', async () => {
    const gray = await pixels((await run(png, 'imageMogr2/grayscale/1')).body);
    for (let i = 0; i < gray.data.length; i += 4 * 97) {
      assert.equal(gray.data[i], gray.data[i + 1]);
      assert.equal(gray.data[i + 1], gray.data[i + 2]);
      assert.equal(gray.data[i + 3], 255);
    }
    assert.equal(regionDiff(base, await pixels((await run(png, 'imageMogr2/grayscale/0')).body), whole(160, 120)), 0);
  });

  it('blur and sharpen change pixels but not the size', async () => {
    for (const rule of ['imageMogr2/blur/8x5', 'imageMogr2/sharpen/300']) {
      const out = await pixels((await run(png, rule)).body);
      assert.equal(`${out.width}x${out.height}`, '160x120');
      assert.ok(regionDiff(base, out, whole(160, 120)) > 0.5, rule);
    }
  });

  it('bright raises or lowers the mean; contrast spreads or narrows it', async () => {
    const m0 = mean(base);
    assert.ok(mean(await pixels((await run(png, 'imageMogr2/bright/50')).body)) > m0 + 10);
    assert.ok(mean(await pixels((await run(png, 'imageMogr2/bright/-50')).body)) < m0 - 10);
    const flat = await pixels((await run(png, 'imageMogr2/contrast/-100')).body);
    assert.ok(flat.data.subarray(0, 4000).every((v, i) => i % 4 === 3 || Math.abs(v - 128) <= 1));
  });

  it('flip/horizontal mirrors left-right, flip/vertical top-bottom', async () => {
    const h = await pixels((await run(png, 'imageMogr2/flip/horizontal')).body);
    const v = await pixels((await run(png, 'imageMogr2/flip/vertical')).body);
    const px = (p: typeof base, x: number, y: number) => [...p.data.subarray((y * 160 + x) * 4, (y * 160 + x) * 4 + 4)];
    assert.deepEqual(px(h, 159, 7), px(base, 0, 7));
    assert.deepEqual(px(v, 9, 119), px(base, 9, 0));
  });

  it('rotate/45 grows the canvas to the bounding box with transparent corners', async () => {
    const out = await run(png, 'imageMogr2/rotate/45');
    const p = await pixels(out.body);
    assert.equal(`${p.width}x${p.height}`, '198x198');
    assert.equal(p.data[3], 0);
  });

  it('iradius cuts a circle with transparent corners; rradius rounds the corners only', async () => {
    const circle = await pixels((await run(png, 'imageMogr2/iradius/50')).body);
    assert.equal(`${circle.width}x${circle.height}`, '100x100');
    assert.equal(circle.data[3], 0);
    assert.equal(circle.data[(50 * 100 + 50) * 4 + 3], 255);
    const rounded = await pixels((await run(png, 'imageMogr2/rradius/30')).body);
    assert.equal(rounded.data[3], 0);
    assert.equal(rounded.data[(60 * 160 + 80) * 4 + 3], 255);
  });

  it('iradius on a JPEG fills the corners white (no alpha in JPEG)', async () => {
    const jpeg = await makeImage(160, 120);
    const out = await pixels((await run(jpeg, 'imageMogr2/iradius/50')).body);
    assert.ok(out.data[0] > 245 && out.data[1] > 245 && out.data[2] > 245);
  });

  it('rcrop centre-crops to the allowed aspect ratio range', async () => {
    const m = await meta((await run(png, 'imageMogr2/rcrop/50x100')).body);
    assert.equal(`${m.width}x${m.height}`, '120x120');
  });
});

describe('auto-orient', () => {
  for (const orientation of [3, 5, 6, 7, 8]) {
    it(`EXIF orientation ${orientation} gives the same pixels as sharp's autoOrient`, async () => {
      const jpeg = await makeImage(80, 40, 'jpeg', { orientation, quality: 100 });
      assert.equal((await meta(jpeg)).orientation, orientation);
      const ours = await pixels((await run(jpeg, 'imageMogr2/auto-orient/format/png')).body);
      const reference = await pixels(await sharp(jpeg).autoOrient().png().toBuffer());
      assert.equal(`${ours.width}x${ours.height}`, `${reference.width}x${reference.height}`);
      assert.ok(regionDiff(ours, reference, whole(ours.width, ours.height)) < 1);
    });
  }
  it('resets the orientation tag of a JPEG output; without auto-orient the tag is kept', async () => {
    const jpeg = await makeImage(80, 40, 'jpeg', { orientation: 6 });
    assert.equal((await meta((await run(jpeg, 'imageMogr2/auto-orient')).body)).orientation, 1);
    assert.equal((await meta((await run(jpeg, 'imageMogr2/thumbnail/40x')).body)).orientation, 6);
  });
});

describe('output settings', () => {
  let jpeg: Buffer;
  before(async () => {
    jpeg = await makeImage(120, 80, 'jpeg', { orientation: 1 });
  });

  it('strip removes EXIF; otherwise a JPEG keeps it', async () => {
    assert.ok((await meta((await run(jpeg, 'imageMogr2/thumbnail/60x')).body)).exif);
    assert.equal((await meta((await run(jpeg, 'imageMogr2/thumbnail/60x/strip')).body)).exif, undefined);
  });

  for (const [rule, format, type] of [
    ['imageMogr2/format/avif', 'heif', 'image/avif'],
    ['imageMogr2/format/gif', 'gif', 'image/gif'],
    ['imageMogr2/format/webp', 'webp', 'image/webp'],
    ['imageMogr2/format/yjpeg', 'jpeg', 'image/jpeg'],
    ['imageView2/2/w/60/format/png', 'png', 'image/png'],
  ]) {
    it(`${rule} → ${type}`, async () => {
      const out = await run(jpeg, rule);
      assert.equal(out.contentType, type);
      assert.equal((await meta(out.body)).format, format);
    });
  }

  it('format/bmp writes a 24-bit BMP that round-trips, and BMP input is accepted', async () => {
    const out = await run(jpeg, 'imageMogr2/format/bmp');
    assert.equal(out.contentType, 'image/bmp');
    const bmp = decodeBmp(out.body);
    assert.equal(`${bmp.width}x${bmp.height}`, '120x80');
    const back = await run(out.body, 'imageMogr2/thumbnail/60x/format/png');
    assert.equal((await meta(back.body)).width, 60);
    const info = JSON.parse((await run(out.body, 'imageInfo')).body.toString());
    assert.equal(`${info.format} ${info.width}x${info.height}`, 'bmp 120x80');
  });

  it('size-limit lowers JPEG quality until the output fits', async () => {
    const big = await makeImage(400, 300, 'jpeg', { quality: 100 });
    const out = await run(big, 'imageMogr2/size-limit/8k');
    assert.ok(out.body.length <= 8 * 1024, `got ${out.body.length}`);
    assert.ok(big.length > 8 * 1024);
  });

  it('imageView2 q/<Q>! forces the quality', async () => {
    const { estimateJpegQuality } = await import('../../../src/emulator/image/jpeg-meta.js');
    const q50 = await makeImage(60, 40, 'jpeg', { quality: 50 });
    assert.equal(estimateJpegQuality((await run(q50, 'imageView2/2/w/30/q/75!')).body), 75);
    assert.equal(estimateJpegQuality((await run(q50, 'imageView2/2/w/30/q/75')).body), 50);
  });
});

describe('animated GIF', () => {
  let gif: Buffer;
  before(async () => {
    gif = await makeAnimatedGif(40, 30, 6);
  });

  it('thumbnail keeps every frame; imageInfo reports frame_count', async () => {
    const m = await meta((await run(gif, 'imageMogr2/thumbnail/20x')).body);
    assert.equal(`${m.format} ${m.width}x${m.pageHeight ?? m.height} ${m.pages}`, 'gif 20x15 6');
    assert.equal(JSON.parse((await run(gif, 'imageInfo')).body.toString()).frame_count, '6');
  });
  it('is never enlarged', async () => {
    const m = await meta((await run(gif, 'imageMogr2/thumbnail/80x')).body);
    assert.equal(`${m.width}x${m.pageHeight ?? m.height}`, '40x30');
  });
  it('cgif/3 keeps three frames; a JPEG output keeps the first frame', async () => {
    assert.equal((await meta((await run(gif, 'imageMogr2/cgif/3')).body)).pages, 3);
    const jpeg = await meta((await run(gif, 'imageMogr2/format/jpg')).body);
    assert.equal(`${jpeg.format} ${jpeg.height} ${jpeg.pages ?? 1}`, 'jpeg 30 1');
  });
  it('format/webp keeps the animation', async () => {
    const m = await meta((await run(gif, 'imageMogr2/format/webp')).body);
    assert.equal(`${m.format} ${m.pages}`, 'webp 6');
  });
});
