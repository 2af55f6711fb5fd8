/**
 * A crop/turn/mirror drawn on the picture as the browser shows it (EXIF orientation applied) becomes a rule
 * (editRule) whose emulator output is exactly the region drawn (docs/editing.md#the-rule), for EXIF
 * orientations 1–8 of one asymmetric image. References come from sharp's own autoOrient/rotate/flip/extract,
 * one step per pipeline, following the user's actions literally (not the canonical form the rule uses).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { processOnDownload, processPicOperations } from '../../../src/emulator/image/index.js';
import {
  NO_EDIT, editRule, flipEdit, turnEdit, uprightSize, viewRectToStored, viewSize, type ImageEdit, type Orientation, type Rect,
} from '../../../src/core/rules/edit-geometry.js';
import { makeImage, memoryIO, pixels, regionDiff } from './fixtures/images/helpers.js';

const { io } = memoryIO();
const STORED = { width: 72, height: 48 };
/** Mean absolute difference per channel allowed: both sides decode the same JPEG, re-encoded at quality 100. */
const TOLERANCE = 3;

type Action = 'cw' | 'ccw' | 'flip-h' | 'flip-v';
interface Case { name: string; actions: Action[]; crop?: (view: { width: number; height: number }) => Rect }

const CASES: Case[] = [
  { name: 'nothing', actions: [] },
  { name: 'crop only', actions: [], crop: () => ({ x: 5, y: 7, width: 21, height: 13 }) },
  { name: 'turn right, crop', actions: ['cw'], crop: (v) => ({ x: v.width - 20, y: 3, width: 17, height: 25 }) },
  { name: 'turn left, mirror, crop', actions: ['ccw', 'flip-h'], crop: () => ({ x: 0, y: 0, width: 30, height: 11 }) },
  { name: 'flip upside down, crop', actions: ['flip-v'], crop: (v) => ({ x: 9, y: v.height - 14, width: 33, height: 14 }) },
  { name: 'half turn, mirror both ways', actions: ['cw', 'cw', 'flip-h', 'flip-v'] },
  { name: 'three turns, mirror, crop', actions: ['cw', 'cw', 'cw', 'flip-h'], crop: (v) => ({ x: 2, y: v.height - 21, width: 40, height: 20 }) },
];

function editFor(actions: Action[], upright: { width: number; height: number }): ImageEdit {
  let edit: ImageEdit = NO_EDIT;
  for (const action of actions) {
    edit = action === 'cw' || action === 'ccw' ? turnEdit(edit, upright, action === 'cw' ? 1 : -1) : flipEdit(edit, upright, action === 'flip-h' ? 'horizontal' : 'vertical');
  }
  return edit;
}

/** What the user saw and drew: sharp orients the file, then each action runs on its own. */
async function reference(file: Buffer, actions: Action[], crop?: Rect): Promise<Buffer> {
  let image = await sharp(file).autoOrient().png().toBuffer();
  for (const action of actions) {
    const step = sharp(image);
    image = await (action === 'cw' ? step.rotate(90) : action === 'ccw' ? step.rotate(270) : action === 'flip-h' ? step.flop() : step.flip()).png().toBuffer();
  }
  if (crop) image = await sharp(image).extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height }).png().toBuffer();
  return image;
}

async function emulate(file: Buffer, rule: string): Promise<Buffer> {
  const result = await processOnDownload({ key: 'photo.jpg', original: file, rawQuery: `${rule}/format/png`, io });
  assert.ok(result, rule);
  return result.body;
}

async function assertSamePicture(actual: Buffer, expected: Buffer, label: string): Promise<void> {
  const a = await pixels(actual);
  const b = await pixels(expected);
  assert.equal(`${a.width}x${a.height}`, `${b.width}x${b.height}`, label);
  const diff = regionDiff(a, b, { left: 0, top: 0, width: a.width, height: a.height });
  assert.ok(diff < TOLERANCE, `${label}: mean difference ${diff.toFixed(2)}`);
}

describe('row edits through the emulator, EXIF orientations 1–8', () => {
  const files = new Map<Orientation, Buffer>();
  before(async () => {
    // One stored picture, tagged eight ways: the browser shows eight different uprights of it.
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) files.set(o, await makeImage(STORED.width, STORED.height, 'jpeg', { orientation: o, quality: 100 }));
  });

  for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
    for (const c of CASES) {
      it(`orientation ${o}: ${c.name}`, async () => {
        const file = files.get(o)!;
        const upright = uprightSize(STORED, o);
        const meta = await sharp(file).metadata();
        assert.equal(meta.orientation ?? 1, o);
        const edit = editFor(c.actions, upright);
        const crop = c.crop?.(viewSize(upright, edit));
        const rule = editRule({ ...edit, ...(crop && { crop }) }, upright);
        assert.match(rule, /^imageMogr2\/auto-orient(\/rotate\/(90|180|270))?(\/flip\/horizontal)?(\/cut\/\d+x\d+x\d+x\d+)?$/);
        await assertSamePicture(await emulate(file, rule), await reference(file, c.actions, crop), `${o} ${c.name}: ${rule}`);
      });
    }
  }

  it('the drawn region maps to the stored pixels it came from (viewRectToStored), for every orientation', async () => {
    const crop = { x: 4, y: 6, width: 19, height: 11 };
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
      const file = files.get(o)!;
      const edit = editFor(['cw', 'flip-h'], uprightSize(STORED, o));
      const stored = viewRectToStored(crop, STORED, o, edit);
      // Cut the stored pixels first (no orientation applied), keep the tag, then orient and edit the piece.
      const piece = await sharp(file).extract({ left: stored.x, top: stored.y, width: stored.width, height: stored.height })
        .withMetadata({ orientation: o }).jpeg({ quality: 100 }).toBuffer();
      await assertSamePicture(await reference(piece, ['cw', 'flip-h']), await reference(file, ['cw', 'flip-h'], crop), `orientation ${o}`);
    }
  });

  it('as a Pic-Operations rule on upload (the uploader\'s header), every orientation stores the drawn region', async () => {
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
      const file = files.get(o)!;
      const upright = uprightSize(STORED, o);
      const edit = editFor(['ccw', 'flip-v'], upright);
      const crop = { x: 3, y: 4, width: 25, height: 30 };
      const rule = editRule({ ...edit, crop }, upright);
      const ctx = memoryIO();
      const header = JSON.stringify({ is_pic_info: 1, rules: [{ fileid: 'photo_edited.png', rule }] });
      await processPicOperations({ bucket: 'b-1250000000', region: 'ap-guangzhou', host: 'b-1250000000.cos.ap-guangzhou.myqcloud.com', key: 'photo.jpg', original: file, originalEtag: '"x"', header, io: ctx.io });
      const stored = ctx.store.get('photo_edited.png');
      assert.ok(stored, `orientation ${o}: output written`);
      await assertSamePicture(stored.data, await reference(file, ['ccw', 'flip-v'], crop), `orientation ${o}: ${rule}`);
    }
  });

  it('the output carries orientation 1, so a browser shows it as edited (no second turn)', async () => {
    const file = files.get(6)!;
    const rule = editRule(turnEdit(NO_EDIT, uprightSize(STORED, 6), 1), uprightSize(STORED, 6));
    const result = await processOnDownload({ key: 'photo.jpg', original: file, rawQuery: rule, io });
    assert.ok(result);
    assert.equal((await sharp(result.body).metadata()).orientation ?? 1, 1);
  });
});
