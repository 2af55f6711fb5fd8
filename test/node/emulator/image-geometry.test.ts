import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cropPlan, parseCrop, parseThumbnail, placeBox, rotatedSize, thumbnailSize } from '../../../src/emulator/image/geometry.js';
import { ImageError } from '../../../src/emulator/image/index.js';
import { view2Size } from '../../../src/emulator/image/view2.js';

const thumb = (w: number, h: number, token: string) => {
  const s = thumbnailSize(w, h, parseThumbnail(token));
  return `${s.width}x${s.height}`;
};

describe('thumbnail sizes (docs/rules.md#thumbnail, docs/rules.md#worked-examples)', () => {
  const cases: Array<[number, number, string, string]> = [
    [960, 540, '!50p', '480x270'], // docs/rules.md#worked-examples #8
    [1000, 500, '!50px', '500x500'], // #10
    [1000, 500, '!x25p', '1000x125'], // #11
    [1000, 500, '200x', '200x100'], // #12
    [1000, 500, 'x100', '200x100'],
    [1000, 500, '200x400!', '200x400'], // #13
    [1000, 500, '35000@', '264x132'], // #14 (floor)
    [1000, 500, '500x400', '500x250'], // #16
    [1000, 500, '!500x400r', '800x400'], // #17
    [1000, 500, '2000x2000>', '1000x500'], // #18
    [1000, 500, '2000x2000<', '2000x1000'], // #19
    [1000, 500, '500x400<', '1000x500'], // #20
    [1000, 500, '500x400>', '500x250'],
    [640, 427, '!33p', '211x141'],
  ];
  for (const [w, h, token, expected] of cases) {
    it(`${w}x${h} thumbnail/${token} → ${expected}`, () => assert.equal(thumb(w, h, token), expected));
  }

  it('rejects malformed geometry at parse time and out-of-range values at size time', () => {
    assert.throws(() => parseThumbnail('50p'), ImageError);
    assert.throws(() => parseThumbnail('1.5x'), ImageError);
    assert.throws(() => thumb(100, 100, '0x'), /between 1 and/);
    assert.throws(() => thumb(100, 100, '!2000p'), /between 1 and 1000/);
  });
});

describe('crop / cut boxes (docs/rules.md#cut, docs/rules.md#crop)', () => {
  it('#4 1500x1200 crop/600x600 scales to 750x600 then takes 600x600', () => {
    const plan = cropPlan(1500, 1200, parseCrop('600x600'), 'northwest');
    assert.deepEqual(plan.scaled, { width: 750, height: 600 });
    assert.deepEqual(plan.box, { left: 0, top: 0, width: 600, height: 600 });
  });
  it('#22 1000x800 crop/300x400 gravity center → 500x400, x=100', () => {
    const plan = cropPlan(1000, 800, parseCrop('300x400'), 'center');
    assert.deepEqual(plan.scaled, { width: 500, height: 400 });
    assert.deepEqual(plan.box, { left: 100, top: 0, width: 300, height: 400 });
  });
  it('#5 crop/!600x600a20a20 takes 600x600 at (20,20)', () => {
    assert.deepEqual(cropPlan(620, 620, parseCrop('!600x600a20a20'), 'northwest').box, { left: 20, top: 20, width: 600, height: 600 });
  });
  it('#6 1000x800 crop/!500x500-50a10 → 450x500 at (0,10)', () => {
    assert.deepEqual(cropPlan(1000, 800, parseCrop('!500x500-50a10'), 'northwest').box, { left: 0, top: 10, width: 450, height: 500 });
  });
  it('single-side crops keep the other side and do not scale', () => {
    const plan = cropPlan(1000, 800, parseCrop('300x'), 'east');
    assert.equal(plan.scaled, undefined);
    assert.deepEqual(plan.box, { left: 700, top: 0, width: 300, height: 800 });
    assert.deepEqual(cropPlan(1000, 800, parseCrop('x200'), 'south').box, { left: 0, top: 600, width: 1000, height: 200 });
  });
  it('rejects unknown crop syntax', () => assert.throws(() => parseCrop('300y400'), /Unsupported crop size/));
});

describe('gravity placement (docs/rules.md#gravity)', () => {
  it('offsets point inwards and are ignored on the centred axis', () => {
    assert.deepEqual(placeBox(100, 80, 10, 10, 'northwest', 5, 6), { left: 5, top: 6 });
    assert.deepEqual(placeBox(100, 80, 10, 10, 'southeast', 5, 6), { left: 85, top: 64 });
    assert.deepEqual(placeBox(100, 80, 10, 10, 'center', 5, 6), { left: 45, top: 35 });
    assert.deepEqual(placeBox(100, 80, 10, 10, 'north', 5, 6), { left: 45, top: 6 });
    assert.deepEqual(placeBox(100, 80, 10, 10, 'east', 5, 6), { left: 85, top: 35 });
  });
});

describe('imageView2 sizes (docs/rules.md#imageview2, docs/rules.md#worked-examples)', () => {
  const size = (mode: number, W?: number, H?: number, w = 1000, h = 500) => {
    const plan = view2Size(w, h, mode, W, H);
    const out = plan.crop ?? plan.scaled;
    return `${out.width}x${out.height}`;
  };
  it('#1 mode 1 → 500x400 via 800x400', () => {
    assert.deepEqual(view2Size(1000, 500, 1, 500, 400), { scaled: { width: 800, height: 400 }, crop: { width: 500, height: 400 } });
  });
  it('#2 mode 2 → 500x250', () => assert.equal(size(2, 500, 400), '500x250'));
  it('#3 mode 3 → 800x400', () => assert.equal(size(3, 500, 400), '800x400'));
  it('#26 mode 0 w400 h300 → 400x200', () => assert.equal(size(0, 400, 300), '400x200'));
  it('modes 4 and 5 use long/short edges; one value gives a square constraint', () => {
    assert.equal(size(4, 400, 300), '600x300');
    assert.equal(size(5, 400, 300), '400x300');
    assert.equal(size(5, 400, 300, 500, 1000), '300x400');
    assert.equal(size(3, 400), '800x400');
    assert.equal(size(2, 400), '400x200');
  });
  it('never enlarges', () => assert.equal(size(2, 5000, 5000), '1000x500'));
});

describe('rotated bounding box (docs/rules.md#rotate-auto-orient-flip)', () => {
  it('#23 270° swaps sides; other angles take the ceil of the bounding box', () => {
    assert.deepEqual(rotatedSize(1000, 800, 270), { width: 800, height: 1000 });
    assert.deepEqual(rotatedSize(1000, 800, 180), { width: 1000, height: 800 });
    assert.deepEqual(rotatedSize(64, 48, 45), { width: 80, height: 80 });
  });
});
