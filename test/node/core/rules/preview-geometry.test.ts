import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRule } from '../../../../src/core/rules/format.js';
import { parseRule } from '../../../../src/core/rules/parse.js';
import {
  cropFromRegion, cropRegion, cutFromRegion, cutRegion, inputSize, moveRegion, nearestGravity, regionFromCorners, resizeRegion, ruleBefore,
  thumbnailBox, thumbnailFromPoint, toImagePoint, watermarkAnchor, watermarkOffsets,
} from '../../../../src/core/rules/preview-geometry.js';

const image = { width: 400, height: 300 };
const model = (text: string) => parseRule(text).rule;

describe('preview geometry: the image an operation receives', () => {
  it('cuts the pipeline before an operation, leaving out modifiers that qualify it', () => {
    const rule = model('imageMogr2/thumbnail/200x|imageMogr2/rotate/90/gravity/center/cut/50x50x0x0');
    assert.equal(formatRule(ruleBefore(rule, 1, 2)), 'imageMogr2/thumbnail/200x|imageMogr2/rotate/90');
    assert.equal(formatRule(ruleBefore(rule, 0, 0)), '');
    assert.equal(formatRule(ruleBefore(rule, 1)), 'imageMogr2/thumbnail/200x');
  });

  it('predicts the input size through earlier steps', () => {
    const rule = model('imageMogr2/thumbnail/200x|imageMogr2/rotate/90/cut/50x50x0x0');
    assert.deepEqual(inputSize(rule, 1, 1, image), { width: 150, height: 200 });
    assert.deepEqual(inputSize(rule, 0, 0, image), image);
    assert.equal(inputSize(model('style/abc|imageMogr2/cut/5x5x0x0'), 1, 0, image), undefined);
  });
});

describe('preview geometry: points and regions', () => {
  it('maps fractions of the shown picture to whole image pixels, clamped', () => {
    assert.deepEqual(toImagePoint(0.25, 0.5, image), { x: 100, y: 150 });
    assert.deepEqual(toImagePoint(-1, 2, image), { x: 0, y: 300 });
  });

  it('normalises, resizes and moves regions inside the image', () => {
    assert.deepEqual(regionFromCorners({ x: 300, y: 200 }, { x: 100, y: 50 }, image), { left: 100, top: 50, width: 200, height: 150 });
    assert.deepEqual(regionFromCorners({ x: 400, y: 10 }, { x: 400, y: 10 }, image), { left: 399, top: 10, width: 1, height: 1 });
    const r = { left: 100, top: 50, width: 200, height: 150 };
    assert.deepEqual(resizeRegion(r, 'se', { x: 350, y: 250 }, image), { left: 100, top: 50, width: 250, height: 200 });
    assert.deepEqual(resizeRegion(r, 'nw', { x: 120, y: 60 }, image), { left: 120, top: 60, width: 180, height: 140 });
    assert.deepEqual(resizeRegion(r, 'ne', { x: 50, y: 0 }, image), { left: 50, top: 0, width: 50, height: 200 });
    assert.deepEqual(moveRegion(r, 500, -500, image), { left: 200, top: 0, width: 200, height: 150 });
  });

  it('picks the gravity of the ninth under a point', () => {
    assert.equal(nearestGravity({ x: 10, y: 10 }, image), 'northwest');
    assert.equal(nearestGravity({ x: 200, y: 150 }, image), 'center');
    assert.equal(nearestGravity({ x: 399, y: 299 }, image), 'southeast');
    assert.equal(nearestGravity({ x: 400, y: 120 }, image), 'east');
  });
});

describe('preview geometry: cut and crop', () => {
  const region = { left: 40, top: 30, width: 200, height: 100 };

  it('writes a cut in the gravity it has when the gravity can say it, else from the top-left', () => {
    assert.deepEqual(cutFromRegion(region, 'northwest', image), { rect: { width: 200, height: 100, x: 40, y: 30 }, gravity: 'northwest' });
    assert.deepEqual(cutFromRegion(region, 'southeast', image), { rect: { width: 200, height: 100, x: 160, y: 170 }, gravity: 'southeast' });
    assert.deepEqual(cutFromRegion(region, 'center', image), { rect: { width: 200, height: 100, x: 40, y: 30 }, gravity: 'northwest' });
    assert.deepEqual(cutFromRegion({ left: 100, top: 30, width: 200, height: 100 }, 'center', image).gravity, 'north');
    for (const gravity of ['northwest', 'southeast', 'center', 'east'] as const) {
      const { rect, gravity: g } = cutFromRegion(region, gravity, image);
      assert.deepEqual(cutRegion(rect, g, image), region, gravity);
    }
  });

  it('writes a crop as the offset form that takes the drawn region unscaled, and reads both forms back', () => {
    const { box, gravity } = cropFromRegion(region, 'northwest', image);
    assert.deepEqual(box, { width: 200, height: 100, offset: { x: 40, xMode: 'a', y: 30, yMode: 'a' } });
    assert.deepEqual(cropRegion(box, gravity, image), region);
    const centred = cropFromRegion({ left: 150, top: 120, width: 100, height: 60 }, 'center', image);
    assert.equal(centred.gravity, 'center');
    assert.deepEqual(centred.box.offset, { x: 0, xMode: 'a', y: 0, yMode: 'a' });
    assert.equal(cropFromRegion(region, 'southeast', image).gravity, 'northwest');
    // A plain crop shrinks first: 300x300 on 400x300 keeps the middle 300x300 at centre.
    assert.deepEqual(cropRegion({ width: 300, height: 300 }, 'center', image), { left: 50, top: 0, width: 300, height: 300 });
    assert.deepEqual(cropRegion({ width: 150, height: 150 }, 'northwest', image), { left: 0, top: 0, width: 300, height: 300 });
  });
});

describe('preview geometry: watermarks and thumbnails', () => {
  it('anchors a watermark at its gravity and turns a dragged anchor into inward offsets', () => {
    assert.deepEqual(watermarkAnchor('southeast', 10, 20, image), { x: 390, y: 280 });
    assert.deepEqual(watermarkOffsets({ x: 350, y: 250 }, 'southeast', image, { dx: 0, dy: 0 }), { dx: 50, dy: 50 });
    assert.deepEqual(watermarkOffsets({ x: 350, y: 250 }, 'north', image, { dx: 7, dy: 0 }), { dx: 7, dy: 250 });
    assert.deepEqual(watermarkOffsets({ x: 500, y: -5 }, 'northwest', image, { dx: 0, dy: 0 }), { dx: 500, dy: 0 });
  });

  it('sizes a thumbnail box from its corner, keeping the form', () => {
    assert.deepEqual(thumbnailBox({ form: 'width', width: 200 }, image), { width: 200, height: 150 });
    assert.equal(thumbnailBox({ form: 'scale', percent: 50 }, image), undefined);
    assert.deepEqual(thumbnailFromPoint({ form: 'fit', width: 1, height: 1 }, { x: 240.4, y: 180.6 }), { form: 'fit', width: 240, height: 181 });
    assert.deepEqual(thumbnailFromPoint({ form: 'cover', width: 1, height: 1 }, { x: 0, y: 9 }), { form: 'cover', width: 1, height: 9 });
    assert.deepEqual(thumbnailFromPoint({ form: 'height', height: 5 }, { x: 10, y: 90 }), { form: 'height', height: 90 });
  });
});

describe('JPEG orientation', () => {
  it('reads the Orientation tag from real JPEGs made by sharp, in either byte order', async () => {
    const { default: sharp } = await import('sharp');
    const { jpegOrientation, storedSize } = await import('../../../../src/core/rules/jpeg-orientation.js');
    for (const orientation of [1, 3, 6, 8]) {
      const jpeg = await sharp({ create: { width: 8, height: 4, channels: 3, background: '#888' } }).jpeg().withMetadata({ orientation }).toBuffer();
      assert.equal(jpegOrientation(new Uint8Array(jpeg)), orientation);
    }
    const png = await sharp({ create: { width: 8, height: 4, channels: 3, background: '#888' } }).png().toBuffer();
    assert.equal(jpegOrientation(new Uint8Array(png)), 1);
    assert.equal(jpegOrientation(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8])), 1);
    assert.deepEqual(storedSize({ width: 300, height: 400 }, 6), { width: 400, height: 300 });
    assert.deepEqual(storedSize({ width: 300, height: 400 }, 3), { width: 300, height: 400 });
  });
});
