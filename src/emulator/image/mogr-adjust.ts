/** imageMogr2 pixel adjustments: blur, sharpen, bright, contrast, grayscale (docs/rules.md#operations). The mappings onto sharp are our own choice. */
import { MAX_BLUR_SIGMA } from '../../core/rules/limits.js';
import { invalidArgument, OutOfRangeError } from './errors.js';
import { parseChoice, parseRangedInteger, requireRange } from './params.js';
import type { OpCompiler } from './plan.js';
import { mapFrames, mapPixels } from './raster.js';
import { currentRaster, replaceRaster } from './state.js';

/** `blur/<radius>x<sigma>`: sharp takes the sigma; the radius is validated only. */
const blur: OpCompiler = (value) => {
  const m = /^(\d{1,9})x(\d{1,9}(?:\.\d+)?)$/.exec(value ?? '');
  if (!m) throw invalidArgument(`blur needs <radius>x<sigma>; got "${value}".`);
  const [radius, sigma] = [+m[1], +m[2]];
  requireRange('blur radius', radius, 1, 50);
  if (!(sigma > 0 && sigma <= MAX_BLUR_SIGMA)) throw new OutOfRangeError(`blur sigma must be above 0 and at most ${MAX_BLUR_SIGMA}; got ${sigma}.`);
  return async (state) => {
    replaceRaster(state, await mapFrames(await currentRaster(state), (image) => image.blur(Math.max(0.3, sigma))));
  };
};

/** `sharpen/<10–300>`: mapped to a Gaussian sigma of value/50 (70 → 1.4). */
const sharpen: OpCompiler = (value) => {
  const amount = parseRangedInteger('sharpen', value, 10, 300);
  return async (state) => {
    replaceRaster(state, await mapFrames(await currentRaster(state), (image) => image.sharpen({ sigma: amount / 50 })));
  };
};

const bright: OpCompiler = (value) => {
  const v = parseRangedInteger('bright', value, -100, 100);
  return async (state) => {
    if (v === 0) return;
    const brightness = Math.max(0.01, 1 + v / 100);
    replaceRaster(state, await mapFrames(await currentRaster(state), (image) => image.modulate({ brightness })));
  };
};

/** Contrast pivots around mid-grey: out = a·in + 128·(1−a), a = 1 + v/100. */
const contrast: OpCompiler = (value) => {
  const v = parseRangedInteger('contrast', value, -100, 100);
  return async (state) => {
    if (v === 0) return;
    const a = 1 + v / 100;
    replaceRaster(state, await mapFrames(await currentRaster(state), (image) => image.linear([a, a, a], [128 * (1 - a), 128 * (1 - a), 128 * (1 - a)])));
  };
};

/** Rec. 601 luma, computed on the RGBA buffer so alpha survives (sharp's greyscale drops it). */
const grayscale: OpCompiler = (value) => {
  parseChoice('grayscale', value, ['0', '1']);
  return async (state) => {
    if (value === '0') return;
    replaceRaster(state, mapPixels(await currentRaster(state), (r, g, b, out) => {
      out.fill(Math.round(0.299 * r + 0.587 * g + 0.114 * b));
    }));
  };
};

export const ADJUST_OPS: Record<string, OpCompiler> = { blur, sharpen, bright, contrast, grayscale };
