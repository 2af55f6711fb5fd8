/** Every worked example of docs/rules.md#worked-examples, run through the download-time entry on generated images. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { processOnDownload } from '../../../src/emulator/image/index.js';
import { estimateJpegQuality } from '../../../src/emulator/image/jpeg-meta.js';
import { makeImage, memoryIO, meta, pixels, regionDiff } from './fixtures/images/helpers.js';

const { io } = memoryIO();

async function run(original: Buffer, rule: string) {
  const result = await processOnDownload({ key: 'in.jpg', original, rawQuery: rule, io });
  assert.ok(result, `rule ${rule} should be recognised`);
  return result;
}

async function size(original: Buffer, rule: string): Promise<string> {
  const { body } = await run(original, rule);
  const m = await meta(body);
  return `${m.width}x${m.height}`;
}

describe('worked examples (docs/rules.md#worked-examples)', () => {
  const img: Record<string, Buffer> = {};
  before(async () => {
    img['1000x500'] = await makeImage(1000, 500);
    img['1000x800'] = await makeImage(1000, 800);
    img['1500x1200'] = await makeImage(1500, 1200);
    img['620x620'] = await makeImage(620, 620, 'png');
    img['960x540'] = await makeImage(960, 540);
  });

  const table: Array<[string, string, string, string]> = [
    ['#1', '1000x500', 'imageView2/1/w/500/h/400', '500x400'],
    ['#2', '1000x500', 'imageView2/2/w/500/h/400', '500x250'],
    ['#3', '1000x500', 'imageView2/3/w/500/h/400', '800x400'],
    ['#4', '1500x1200', 'imageMogr2/crop/600x600', '600x600'],
    ['#5', '620x620', 'imageMogr2/crop/!600x600a20a20', '600x600'],
    ['#6', '1000x800', 'imageMogr2/crop/!500x500-50a10', '450x500'],
    ['#8', '960x540', 'imageMogr2/thumbnail/!50p', '480x270'],
    ['#9', '960x540', 'imageMogr2/thumbnail/!50p|watermark/2/text/Q0xPVUQgSU1BR0U=/gravity/southeast/fontsize/30/fill/IzAwMDAwMA==', '480x270'],
    ['#10', '1000x500', 'imageMogr2/thumbnail/!50px', '500x500'],
    ['#11', '1000x500', 'imageMogr2/thumbnail/!x25p', '1000x125'],
    ['#12', '1000x500', 'imageMogr2/thumbnail/200x', '200x100'],
    ['#13', '1000x500', 'imageMogr2/thumbnail/200x400!', '200x400'],
    ['#14', '1000x500', 'imageMogr2/thumbnail/35000@', '264x132'],
    ['#15', '1000x500', 'imageMogr2/thumbnail/800x800/pad/1/color/I0ZGRkZGRg', '800x800'],
    ['#16', '1000x500', 'imageMogr2/thumbnail/500x400', '500x250'],
    ['#17', '1000x500', 'imageMogr2/thumbnail/!500x400r', '800x400'],
    ['#18', '1000x500', 'imageMogr2/thumbnail/2000x2000>', '1000x500'],
    ['#19', '1000x500', 'imageMogr2/thumbnail/2000x2000<', '2000x1000'],
    ['#20', '1000x500', 'imageMogr2/thumbnail/500x400<', '1000x500'],
    ['#21', '1000x800', 'imageMogr2/cut/600x600x100x10', '600x600'],
    ['#22', '1000x800', 'imageMogr2/crop/300x400/gravity/center', '300x400'],
    ['#23', '1000x800', 'imageMogr2/rotate/270', '800x1000'],
    ['#24', '1000x800', 'imageMogr2/iradius/150', '300x300'],
    ['#25', '1000x800', 'imageMogr2/rradius/100', '1000x800'],
    ['#26', '1000x500', 'imageView2/0/w/400/h/300', '400x200'],
    ['#30', '1000x800', 'watermark/2/text/6IW-6K6v5LqRwrfkuIfosaHkvJjlm74/fill/IzNEM0QzRA/fontsize/20/dissolve/50/gravity/northeast/dx/20/dy/20/batch/1/degree/45', '1000x800'],
  ];
  for (const [id, input, rule, expected] of table) {
    it(`${id} ${input} ${rule} → ${expected}`, async () => assert.equal(await size(img[input], rule), expected));
  }

  it('#15 pads with white bars above and below the 800x400 content', async () => {
    const out = await pixels((await run(img['1000x500'], 'imageMogr2/thumbnail/800x800/pad/1/color/I0ZGRkZGRg/format/png')).body);
    const at = (x: number, y: number) => [...out.data.subarray((y * 800 + x) * 4, (y * 800 + x) * 4 + 3)];
    assert.deepEqual(at(400, 10), [255, 255, 255]);
    assert.deepEqual(at(400, 790), [255, 255, 255]);
    assert.notDeepEqual(at(400, 400), [255, 255, 255]);
  });

  it('#21 cut takes x 100–699, y 10–609 of the input', async () => {
    const cut = await pixels((await run(img['1000x800'], 'imageMogr2/cut/600x600x100x10/format/png')).body);
    const source = await pixels(img['1000x800']);
    const sourceRegion = { data: Buffer.alloc(600 * 600 * 4), width: 600 };
    for (let y = 0; y < 600; y++) source.data.copy(sourceRegion.data, y * 600 * 4, ((y + 10) * 1000 + 100) * 4, ((y + 10) * 1000 + 700) * 4);
    assert.ok(regionDiff(cut, sourceRegion, { left: 0, top: 0, width: 600, height: 600 }) < 3);
  });

  it('#7 imageInfo answers the documented JSON fields, all strings', async () => {
    const { body, contentType } = await run(img['960x540'], 'imageInfo');
    assert.equal(contentType, 'application/json');
    const info = JSON.parse(body.toString());
    assert.equal(info.format, 'jpeg');
    assert.equal(info.width, '960');
    assert.equal(info.height, '540');
    assert.equal(info.size, String(img['960x540'].length));
    assert.equal(info.md5, createHash('md5').update(img['960x540']).digest('hex'));
    assert.equal(info.frame_count, '1');
    assert.equal(info.bit_depth, '8');
    for (const value of Object.values(info)) assert.equal(typeof value, 'string');
  });

  it('#9 the text watermark darkens the south-east corner only', async () => {
    const plain = await pixels((await run(img['960x540'], 'imageMogr2/thumbnail/!50p/format/png')).body);
    const marked = await pixels((await run(img['960x540'], 'imageMogr2/thumbnail/!50p/format/png|watermark/2/text/Q0xPVUQgSU1BR0U=/gravity/southeast/fontsize/30/fill/IzAwMDAwMA==')).body);
    assert.ok(regionDiff(plain, marked, { left: 300, top: 240, width: 180, height: 30 }) > 10);
    assert.ok(regionDiff(plain, marked, { left: 0, top: 0, width: 200, height: 100 }) < 1);
  });

  describe('#27–#29 quality family on JPEG inputs', () => {
    const quality = async (inputQuality: number, rule: string) => {
      const original = await makeImage(200, 100, 'jpeg', { quality: inputQuality });
      return estimateJpegQuality((await run(original, rule)).body);
    };
    it('#27 q80 rquality/80 → 64', async () => assert.equal(await quality(80, 'imageMogr2/rquality/80'), 64));
    it('#28 lquality/80: q85 → 85, q60 → 80', async () => {
      assert.equal(await quality(85, 'imageMogr2/lquality/80'), 85);
      assert.equal(await quality(60, 'imageMogr2/lquality/80'), 80);
    });
    it('#29 quality/70: q90 → 70, q50 → 50; quality/70! forces 70', async () => {
      assert.equal(await quality(90, 'imageMogr2/quality/70'), 70);
      assert.equal(await quality(50, 'imageMogr2/quality/70'), 50);
      assert.equal(await quality(90, 'imageMogr2/quality/70!'), 70);
      assert.equal(await quality(50, 'imageMogr2/quality/70!'), 70);
    });
  });
});
