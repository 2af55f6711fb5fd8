import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NO_EDIT, editRule, flipEdit, isIdentityEdit, normalizeCrop, parseEditRule, storedRectToUpright, storedRectToView, turnEdit,
  uprightRectToStored, uprightSize, uprightToStored, storedToUpright, viewRectToStored, viewSize, type ImageEdit, type Orientation,
} from '../../../../src/core/rules/edit-geometry.js';
import { boxWithRatio, moveBox, parseAspects, resizeBox } from '../../../../src/core/rules/crop-box.js';

const STORED = { width: 60, height: 40 };
const ORIENTATIONS: Orientation[] = [1, 2, 3, 4, 5, 6, 7, 8];

describe('EXIF orientation mapping (docs/editing.md#orientation)', () => {
  it('orientations 5–8 swap the sides', () => {
    for (const o of ORIENTATIONS) assert.deepEqual(uprightSize(STORED, o), o >= 5 ? { width: 40, height: 60 } : STORED);
  });

  it('maps the upright top-left corner to the documented stored corner', () => {
    // Where the first displayed pixel comes from, per the EXIF definition of each orientation.
    const expected: Record<Orientation, [number, number]> = {
      1: [0, 0], 2: [60, 0], 3: [60, 40], 4: [0, 40], 5: [0, 0], 6: [0, 40], 7: [60, 40], 8: [60, 0],
    };
    for (const o of ORIENTATIONS) {
      const p = uprightToStored({ x: 0, y: 0 }, STORED, o);
      assert.deepEqual([p.x, p.y], expected[o], `orientation ${o}`);
    }
  });

  it('stored → upright → stored is the identity for points and rectangles', () => {
    const rect = { x: 3, y: 5, width: 17, height: 11 };
    for (const o of ORIENTATIONS) {
      const p = { x: 7, y: 9 };
      assert.deepEqual(uprightToStored(storedToUpright(p, STORED, o), STORED, o), p);
      assert.deepEqual(uprightRectToStored(storedRectToUpright(rect, STORED, o), STORED, o), rect);
    }
  });

  it('view rectangles map to stored ones and back through every turn and mirror', () => {
    const rect = { x: 4, y: 2, width: 9, height: 21 };
    for (const o of ORIENTATIONS) {
      for (const rotate of [0, 90, 180, 270] as const) {
        for (const flip of [false, true]) {
          const edit = { rotate, flip };
          const stored = viewRectToStored(rect, STORED, o, edit);
          assert.ok(stored.x >= 0 && stored.y >= 0 && stored.x + stored.width <= 60 && stored.y + stored.height <= 40, `${o} ${rotate} ${flip}`);
          assert.deepEqual(storedRectToView(stored, STORED, o, edit), rect, `${o} ${rotate} ${flip}`);
        }
      }
    }
  });
});

describe('turns and flips in canonical form', () => {
  const upright = { width: 60, height: 40 };

  it('four clockwise turns, two flips of either axis, and a turn both ways give the start back', () => {
    const start: ImageEdit = { rotate: 0, flip: false, crop: { x: 1, y: 2, width: 30, height: 10 } };
    let edit = start;
    for (let i = 0; i < 4; i++) edit = turnEdit(edit, upright, 1);
    assert.deepEqual(edit, start);
    assert.deepEqual(flipEdit(flipEdit(start, upright, 'horizontal'), upright, 'horizontal'), start);
    assert.deepEqual(flipEdit(flipEdit(start, upright, 'vertical'), upright, 'vertical'), start);
    assert.deepEqual(turnEdit(turnEdit(start, upright, 1), upright, -1), start);
  });

  it('a vertical flip is a half turn plus a left-right mirror; turning a mirrored view turns the other way', () => {
    assert.deepEqual(flipEdit(NO_EDIT, upright, 'vertical'), { rotate: 180, flip: true });
    assert.deepEqual(turnEdit({ rotate: 0, flip: true }, upright, 1), { rotate: 270, flip: true });
  });

  it('the crop box turns with the picture', () => {
    const turned = turnEdit({ rotate: 0, flip: false, crop: { x: 0, y: 0, width: 10, height: 5 } }, upright, 1);
    // The top-left box ends at the top-right of the 40×60 view.
    assert.deepEqual(turned.crop, { x: 35, y: 0, width: 5, height: 10 });
    assert.deepEqual(viewSize(upright, turned), { width: 40, height: 60 });
  });
});

describe('editRule', () => {
  const upright = { width: 60, height: 40 };

  it('writes auto-orient, the turn, the mirror and the cut in that order', () => {
    assert.equal(editRule(NO_EDIT, upright), 'imageMogr2/auto-orient');
    assert.equal(editRule({ rotate: 90, flip: true, crop: { x: 2.4, y: 3.6, width: 10.2, height: 20 } }, upright),
      'imageMogr2/auto-orient/rotate/90/flip/horizontal/cut/11x20x2x4');
  });

  it('leaves out a cut covering the whole view and clamps one running over it', () => {
    assert.equal(editRule({ rotate: 90, flip: false, crop: { x: 0, y: 0, width: 40, height: 60 } }, upright), 'imageMogr2/auto-orient/rotate/90');
    assert.deepEqual(normalizeCrop({ x: 50, y: 30, width: 30, height: 30 }, upright), { x: 50, y: 30, width: 10, height: 10 });
    assert.ok(isIdentityEdit({ rotate: 0, flip: false, crop: { x: 0, y: 0, width: 60, height: 40 } }, upright));
  });

  it('parseEditRule reads back what editRule writes, and nothing else', () => {
    for (const edit of [NO_EDIT, { rotate: 270, flip: true, crop: { x: 1, y: 2, width: 3, height: 4 } }, { rotate: 180, flip: false }] as ImageEdit[]) {
      assert.deepEqual(parseEditRule(editRule(edit, upright)), edit);
    }
    assert.equal(parseEditRule('imageMogr2/thumbnail/100x'), undefined);
  });
});

describe('crop box', () => {
  const bounds = { width: 100, height: 50 };

  it('moves inside the image only', () => {
    assert.deepEqual(moveBox({ x: 90, y: 0, width: 20, height: 10 }, 50, -5, bounds), { x: 80, y: 0, width: 20, height: 10 });
  });

  it('resizes from a corner, keeping the opposite one and the ratio', () => {
    assert.deepEqual(resizeBox({ x: 10, y: 10, width: 20, height: 20 }, 'se', 10, 0, bounds), { x: 10, y: 10, width: 30, height: 20 });
    assert.deepEqual(resizeBox({ x: 10, y: 10, width: 20, height: 20 }, 'nw', -5, 0, bounds, 1), { x: 5, y: 5, width: 25, height: 25 });
    // No room for 2:1 at full height: both sides shrink.
    const r = resizeBox({ x: 0, y: 0, width: 40, height: 20 }, 'se', 200, 0, bounds, 2);
    assert.deepEqual(r, { x: 0, y: 0, width: 100, height: 50 });
  });

  it('a ratio preset gives the largest box of that shape, centred where the box was', () => {
    assert.deepEqual(boxWithRatio({ x: 0, y: 0, width: 100, height: 50 }, 1, bounds), { x: 25, y: 0, width: 50, height: 50 });
  });

  it('reads the page presets and names the bad ones', () => {
    const { presets, invalid } = parseAspects('3:2, 2:3 wide 0:1 1:1');
    assert.deepEqual(presets.map((p) => p.label), ['free', '1:1', '4:3', '16:9', '3:2', '2:3']);
    assert.deepEqual(invalid, ['wide', '0:1']);
  });
});
