/**
 * imageView2 quick thumbnails (docs/rules.md#imageview2). Modes 0–5 per the documented formulas; the
 * template never enlarges ("scale down" wording) (our inference); crops are centred.
 */
import { MAX_SIDE_ARGUMENT, VIEW2_FORMATS } from '../../core/rules/limits.js';
import { invalidArgument, OutOfRangeError } from './errors.js';
import { type Size, placeBox } from './geometry.js';
import { assertOutputDimensions } from './limits.js';
import { parseOutputFormat } from './mogr-output.js';
import { parseChoice, parseInteger, requireRange } from './params.js';
import type { SegmentPlan } from './plan.js';
import { mapFrames } from './raster.js';
import { currentRaster, replaceRaster, type QualitySetting } from './state.js';
import type { RuleStep } from './tokenize.js';

const round = (v: number) => Math.max(1, Math.round(v));

/** Scaled size and optional centred crop of mode `mode` with limits `W`/`H` on a `w`×`h` image. */
export function view2Size(w: number, h: number, mode: number, W?: number, H?: number): { scaled: Size; crop?: Size } {
  if (W === undefined && H === undefined) return { scaled: { width: w, height: h } };
  const square = mode === 1 || mode === 3 || mode === 4 || mode === 5;
  const bw = W ?? (square ? H : undefined);
  const bh = H ?? (square ? W : undefined);
  const long = Math.max(w, h);
  const short = Math.min(w, h);
  const ratio = (limit: number | undefined, side: number, missing: number) => (limit === undefined ? missing : limit / side);
  let s: number;
  if (mode === 0) s = Math.min(ratio(bw, long, Infinity), ratio(bh, short, Infinity));
  else if (mode === 2) s = Math.min(ratio(bw, w, Infinity), ratio(bh, h, Infinity));
  else if (mode === 1 || mode === 3) s = Math.max(ratio(bw, w, 0), ratio(bh, h, 0));
  else s = Math.max(ratio(bw, long, 0), ratio(bh, short, 0));
  s = Math.min(1, s);
  const scaled = { width: round(w * s), height: round(h * s) };
  if (mode === 1) return { scaled, crop: { width: Math.min(bw!, scaled.width), height: Math.min(bh!, scaled.height) } };
  if (mode === 5) {
    const [cw, ch] = w >= h ? [bw!, bh!] : [bh!, bw!];
    return { scaled, crop: { width: Math.min(cw, scaled.width), height: Math.min(ch, scaled.height) } };
  }
  return { scaled };
}

export function compileView2(steps: RuleStep[]): SegmentPlan {
  let mode: number | undefined;
  let W: number | undefined;
  let H: number | undefined;
  let quality: QualitySetting | undefined;
  let format: ReturnType<typeof parseOutputFormat> | undefined;
  let ignoreError = false;
  const seen = new Set<string>();
  const qualities: QualitySetting[] = [];
  for (const { key, value } of steps) {
    if (seen.has(key)) continue; // the first one counts, as the editor says
    seen.add(key);
    if (key === 'mode') mode = Number(parseChoice('imageView2 mode', value, ['0', '1', '2', '3', '4', '5']));
    else if (key === 'w') W = parseInteger('imageView2 w', value);
    else if (key === 'h') H = parseInteger('imageView2 h', value);
    else if (key === 'format') format = parseOutputFormat(parseChoice('imageView2 format', value, VIEW2_FORMATS));
    else if (key === 'q' || key === 'rq' || key === 'lq') {
      const m = /^(-?\d+)(!?)$/.exec(value ?? '');
      if (!m || (m[2] && key !== 'q')) throw invalidArgument(`imageView2 ${key} must be an integer; got "${value}".`);
      const kind = key === 'q' ? 'quality' : key === 'rq' ? 'rquality' : 'lquality';
      qualities.push({ kind, value: +m[1], force: m[2] === '!' });
      quality = qualities[qualities.length - 1];
    } else if (key === 'ignore-error') ignoreError = parseChoice('imageView2 ignore-error', value, ['0', '1']) === '1';
    else throw invalidArgument(`Unknown imageView2 parameter "${key}".`);
  }
  if ((W !== undefined || H !== undefined) && mode === undefined) throw invalidArgument('imageView2 w/h need a mode (imageView2/<mode>/w/<W>/h/<H>).');
  let rangeError: OutOfRangeError | undefined;
  try {
    if (W !== undefined) requireRange('imageView2 w', W, 1, MAX_SIDE_ARGUMENT);
    if (H !== undefined) requireRange('imageView2 h', H, 1, MAX_SIDE_ARGUMENT);
    for (const q of qualities) requireRange(`imageView2 ${q.kind}`, q.value, q.kind === 'quality' ? 0 : 1, 100);
  } catch (error) {
    // ignore-error/1 covers a value over its limit: the segment fails when it runs and passes its input through.
    if (!(ignoreError && error instanceof OutOfRangeError)) throw error;
    rangeError = error;
  }
  return {
    ignoreError,
    run: async (state) => {
      if (rangeError) throw rangeError;
      if (mode !== undefined && (W !== undefined || H !== undefined)) {
        const raster = await currentRaster(state);
        const plan = view2Size(raster.width, raster.height, mode, W, H);
        const out = plan.crop ?? plan.scaled;
        assertOutputDimensions(out.width, out.height);
        replaceRaster(state, await mapFrames(raster, (image) => {
          const resized = image.resize(plan.scaled.width, plan.scaled.height, { fit: 'fill' });
          if (!plan.crop) return resized;
          const at = placeBox(plan.scaled.width, plan.scaled.height, plan.crop.width, plan.crop.height, 'center');
          return resized.extract({ ...at, ...plan.crop });
        }));
      }
      if (format) state.settings.format = format;
      if (quality) state.settings.quality = quality;
    },
  };
}
