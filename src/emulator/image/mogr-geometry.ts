/** imageMogr2 operations that change geometry: thumbnail, crop, scrop, cut, rcrop, iradius, rradius, rotate, auto-orient, flip (docs/rules.md#operations). */
import type { Sharp } from 'sharp';
import { invalidArgument } from './errors.js';
import { MAX_RADIUS, MAX_SIDE_ARGUMENT } from '../../core/rules/limits.js';
import { checkCrop, checkThumbnail, clampBox, cropPlan, parseCrop, parseThumbnail, placeBox, rotatedSize, thumbnailSize, type Box } from './geometry.js';
import { assertOutputDimensions } from './limits.js';
import { parseChoice, parseRangedInteger, requireRange } from './params.js';
import type { OpCompiler } from './plan.js';
import { mapFrames, type Raster } from './raster.js';
import { currentRaster, replaceRaster, type WorkState } from './state.js';

const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

async function transform(state: WorkState, op: (image: Sharp, raster: Raster) => Sharp, alpha?: boolean): Promise<void> {
  const raster = await currentRaster(state);
  replaceRaster(state, await mapFrames(raster, (image) => op(image, raster), alpha ?? raster.alpha));
}

const extractBox = (box: Box) => ({ left: box.left, top: box.top, width: box.width, height: box.height });

const thumbnail: OpCompiler = (value, mods) => {
  const spec = checkThumbnail(parseThumbnail(value ?? ''));
  return async (state) => {
    const raster = await currentRaster(state);
    const size = thumbnailSize(raster.width, raster.height, spec);
    const padded = mods.pad && (spec.mode === 'fit' || spec.mode === 'shrink' || spec.mode === 'enlarge');
    const canvas = padded && 'width' in spec && 'height' in spec ? { width: spec.width, height: spec.height } : size;
    assertOutputDimensions(canvas.width, canvas.height);
    // Animated images are never enlarged (docs/rules.md#limits).
    const enlarges = size.width > raster.width || size.height > raster.height;
    const target = raster.frames.length > 1 && enlarges ? { width: raster.width, height: raster.height } : size;
    const color = mods.color ?? { r: 255, g: 255, b: 255 };
    await transform(state, (image) => {
      const resized = image.resize(target.width, target.height, { fit: 'fill' });
      if (!padded) return resized;
      const left = Math.max(0, Math.floor((canvas.width - target.width) / 2));
      const top = Math.max(0, Math.floor((canvas.height - target.height) / 2));
      return resized.extend({
        left, top, right: Math.max(0, canvas.width - target.width - left), bottom: Math.max(0, canvas.height - target.height - top),
        background: { ...color, alpha: 1 },
      });
    });
  };
};

const crop: OpCompiler = (value, mods) => {
  const spec = checkCrop(parseCrop(value ?? ''));
  return async (state) => {
    const raster = await currentRaster(state);
    const plan = cropPlan(raster.width, raster.height, spec, mods.gravity ?? 'northwest');
    await transform(state, (image) => (plan.scaled ? image.resize(plan.scaled.width, plan.scaled.height, { fit: 'fill' }) : image).extract(extractBox(plan.box)));
  };
};

/** No face detection here: scrop falls back to a centred crop, the documented `scrop…/crop…` fallback (docs/rules.md#scrop). */
const scrop: OpCompiler = (value) => {
  const spec = parseCrop(value ?? '');
  if (spec.mode !== 'size') throw invalidArgument(`Unsupported scrop size "${value}" (expected <W>x<H>, <W>x or x<H>).`);
  return crop(value, { gravity: 'center', pad: false });
};

const cut: OpCompiler = (value, mods) => {
  const m = /^(\d{1,9})x(\d{1,9})x(\d{1,9})x(\d{1,9})$/.exec(value ?? '');
  if (!m) throw invalidArgument(`cut needs <width>x<height>x<dx>x<dy>; got "${value}".`);
  const [width, height, dx, dy] = m.slice(1).map(Number);
  requireRange('cut width', width, 1, MAX_SIDE_ARGUMENT);
  requireRange('cut height', height, 1, MAX_SIDE_ARGUMENT);
  return async (state) => {
    const raster = await currentRaster(state);
    const at = placeBox(raster.width, raster.height, width, height, mods.gravity ?? 'northwest', dx, dy);
    const box = clampBox(raster.width, raster.height, { ...at, width, height });
    await transform(state, (image) => image.extract(extractBox(box)));
  };
};

const rcrop: OpCompiler = (value) => {
  const m = /^(\d{1,9})x(\d{1,9})$/.exec(value ?? '');
  if (!m) throw invalidArgument(`rcrop needs <MinRatio>x<MaxRatio>; got "${value}".`);
  const [min, max] = [+m[1], +m[2]];
  requireRange('rcrop MinRatio', min, 1, 10_000);
  requireRange('rcrop MaxRatio', max, 1, 10_000);
  if (min > max) throw invalidArgument(`rcrop MinRatio ${min} is above MaxRatio ${max}.`);
  return async (state) => {
    const { width: w, height: h } = await currentRaster(state);
    const ratio = (100 * w) / h;
    let box: Box | undefined;
    if (ratio < min) box = { width: w, height: Math.round((100 * w) / min), left: 0, top: 0 };
    else if (ratio > max) box = { width: Math.round((max * h) / 100), height: h, left: 0, top: 0 };
    if (!box) return;
    const centred = { ...box, ...placeBox(w, h, box.width, box.height, 'center') };
    await transform(state, (image) => image.extract(extractBox(centred)));
  };
};

/** Circle (iradius) or rounded-rectangle (rradius) mask; radius clamped to half the short side (our inference). */
function rounded(kind: 'iradius' | 'rradius'): OpCompiler {
  return (value) => {
    const radius = parseRangedInteger(kind, value, 1, MAX_RADIUS);
    return async (state) => {
      const raster = await currentRaster(state);
      const r = Math.min(radius, Math.floor(Math.min(raster.width, raster.height) / 2));
      if (r < 1) throw invalidArgument(`${kind} needs an image of at least 2x2 px.`);
      const box = kind === 'iradius'
        ? { left: Math.floor(raster.width / 2 - r), top: Math.floor(raster.height / 2 - r), width: 2 * r, height: 2 * r }
        : { left: 0, top: 0, width: raster.width, height: raster.height };
      const shape = kind === 'iradius'
        ? `<circle cx="${r}" cy="${r}" r="${r}" fill="#fff"/>`
        : `<rect width="${box.width}" height="${box.height}" rx="${r}" ry="${r}" fill="#fff"/>`;
      const mask = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}">${shape}</svg>`);
      const cropped = kind === 'iradius' ? await mapFrames(raster, (image) => image.extract(box)) : raster;
      replaceRaster(state, await mapFrames(cropped, (image) => image.composite([{ input: mask, blend: 'dest-in' }]), true));
    };
  };
}

/** Clockwise; other than right angles the canvas grows to the rotated bounding box, corners transparent (docs/rules.md#rotate-auto-orient-flip). */
const rotate: OpCompiler = (value) => {
  const degrees = parseRangedInteger('rotate', value, 0, 360);
  return async (state) => {
    if (degrees % 360 === 0) return;
    const raster = await currentRaster(state);
    const size = rotatedSize(raster.width, raster.height, degrees);
    assertOutputDimensions(size.width, size.height);
    const right = degrees % 90 === 0;
    const rotated = await mapFrames(raster, (image) => image.rotate(degrees, { background: TRANSPARENT }), raster.alpha || !right);
    const fitted = rotated.width === size.width && rotated.height === size.height
      ? rotated
      : await mapFrames(rotated, (image) => image.resize(size.width, size.height, { fit: 'contain', background: TRANSPARENT }));
    replaceRaster(state, fitted);
  };
};

/** EXIF orientation → the rotation (clockwise) and mirror that display the image upright. */
const ORIENTATIONS: Record<number, { angle: number; flop: boolean }> = {
  2: { angle: 0, flop: true }, 3: { angle: 180, flop: false }, 4: { angle: 180, flop: true },
  5: { angle: 90, flop: true }, 6: { angle: 90, flop: false }, 7: { angle: 270, flop: true }, 8: { angle: 270, flop: false },
};

const autoOrient: OpCompiler = () => async (state) => {
  const fix = ORIENTATIONS[state.orientation];
  state.orientation = 1;
  if (!fix) return;
  // Two pipelines: within one, sharp mirrors before it rotates, which would swap transpose and transverse.
  if (fix.angle) await transform(state, (image) => image.rotate(fix.angle));
  if (fix.flop) await transform(state, (image) => image.flop());
};

const flip: OpCompiler = (value) => {
  const axis = parseChoice('flip', value, ['vertical', 'horizontal']);
  return (state) => transform(state, (image) => (axis === 'vertical' ? image.flip() : image.flop()));
};

export const GEOMETRY_OPS: Record<string, OpCompiler> = {
  thumbnail, crop, scrop, cut, rcrop, iradius: rounded('iradius'), rradius: rounded('rradius'), rotate, 'auto-orient': autoOrient, flip,
};
