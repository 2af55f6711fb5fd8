/**
 * imageView2 quick thumbnails (docs/rules.md#imageview2). Modes 0–5 per the documented formulas; the
 * template never enlarges ("scale down" wording) (our inference); crops are centred.
 */
import { invalidArgument } from './errors.js';
import { type Size, placeBox } from './geometry.js';
import { assertOutputDimensions } from './limits.js';
import { parseOutputFormat } from './mogr-output.js';
import { parseInteger, requireRange } from './params.js';
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
  for (const { key, value } of steps) {
    if (key === 'mode') mode = parseInteger('imageView2 mode', value);
    else if (key === 'w') W = parseInteger('imageView2 w', value);
    else if (key === 'h') H = parseInteger('imageView2 h', value);
    else if (key === 'format') format = parseOutputFormat(value);
    else if (key === 'q' || key === 'rq' || key === 'lq') {
      const m = /^(\d+)(!?)$/.exec(value ?? '');
      if (!m || (m[2] && key !== 'q')) throw invalidArgument(`imageView2 ${key} must be an integer; got "${value}".`);
      const kind = key === 'q' ? 'quality' : key === 'rq' ? 'rquality' : 'lquality';
      quality = { kind, value: +m[1], force: m[2] === '!' };
    } else if (key === 'ignore-error') ignoreError = value === '1';
    else throw invalidArgument(`Unknown imageView2 parameter "${key}".`);
  }
  if (mode !== undefined && mode > 5) throw invalidArgument(`imageView2 mode must be 0–5; got ${mode}.`);
  if ((W !== undefined || H !== undefined) && mode === undefined) throw invalidArgument('imageView2 w/h need a mode (imageView2/<mode>/w/<W>/h/<H>).');
  return {
    ignoreError,
    run: async (state) => {
      if (W !== undefined) requireRange('imageView2 w', W, 1, 50_000);
      if (H !== undefined) requireRange('imageView2 h', H, 1, 50_000);
      if (quality) requireRange(`imageView2 ${quality.kind}`, quality.value, quality.kind === 'quality' ? 0 : 1, 100);
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
