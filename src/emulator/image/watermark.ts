/** watermark/1 (image) and watermark/2 (text) segments (docs/rules.md#watermarks): output size = input size. */
import type { OverlayOptions } from 'sharp';
import { invalidArgument, UnsupportedError } from './errors.js';
import { placeBox } from './geometry.js';
import { MAX_FONT_SIZE, MAX_SIDE_ARGUMENT } from '../../core/rules/limits.js';
import { decodeBase64Param, parseChoice, parseColorParam, parseGravity, parseInteger, requireRange, type Gravity } from './params.js';
import type { SegmentPlan } from './plan.js';
import { frameSharp, readRgba, type RgbaFrame } from './raster.js';
import { currentRaster, replaceRaster } from './state.js';
import type { RuleStep } from './tokenize.js';
import { loadImageMark, renderTextMark } from './watermark-marks.js';

const COMMON_KEYS = ['gravity', 'dx', 'dy', 'dissolve', 'batch', 'degree', 'spacing', 'scatype', 'spcent'];
const KEYS: Record<string, Set<string>> = {
  '1': new Set([...COMMON_KEYS, 'image', 'image_key', 'blogo']),
  '2': new Set([...COMMON_KEYS, 'text', 'font', 'fontsize', 'fill', 'shadow']),
};
const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

interface Placement {
  gravity: Gravity;
  dx: number;
  dy: number;
  dissolve: number;
  batch: boolean;
  degree: number;
  spacing: number;
  blogo?: number;
  scale?: { type: number; permille: number };
}

export function compileWatermark(steps: RuleStep[]): SegmentPlan {
  const type = steps[0].value ?? '';
  if (type === '3') throw new UnsupportedError('Blind watermarks (watermark/3) are not supported by the emulator.');
  const allowed = KEYS[type];
  if (!allowed) throw invalidArgument(`Unknown watermark type "${type}" (1 = image, 2 = text).`);
  const p = new Map<string, string>();
  for (const { key, value } of steps.slice(1)) {
    if (!allowed.has(key)) throw invalidArgument(`Unknown watermark/${type} parameter "${key}".`);
    // A parameter given twice: the first one counts, as the editor tells the user.
    if (!p.has(key)) p.set(key, value ?? '');
  }
  const int = (key: string, fallback: number) => (p.has(key) ? parseInteger(`watermark ${key}`, p.get(key)) : fallback);
  const choice = (key: string, options: string[]) => (p.has(key) ? Number(parseChoice(`watermark ${key}`, p.get(key), options)) : undefined);
  const scatype = choice('scatype', ['1', '2', '3']);
  if (scatype !== undefined && !p.has('spcent')) throw invalidArgument('watermark scatype needs spcent (the size in ‰).');
  // spcent alone has no effect, but a malformed one is still an error.
  if (p.has('spcent')) requireRange('watermark spcent', int('spcent', 0), 1, 1000);
  const placement: Placement = {
    gravity: p.has('gravity') ? parseGravity(p.get('gravity')!) : 'southeast',
    dx: int('dx', 0), dy: int('dy', 0), dissolve: int('dissolve', 90), batch: choice('batch', ['0', '1']) === 1,
    degree: int('degree', 0), spacing: int('spacing', 10),
    blogo: choice('blogo', ['1', '2']),
    scale: scatype !== undefined ? { type: scatype, permille: int('spcent', 0) } : undefined,
  };
  checkPlacement(placement);
  let mark: (io: Parameters<typeof loadImageMark>[0]) => Promise<RgbaFrame>;
  if (type === '1') {
    const key = p.has('image_key') ? decodeBase64Param('watermark image_key', p.get('image_key')) : undefined;
    const ref = p.has('image') ? decodeBase64Param('watermark image', p.get('image')) : key;
    if (ref === undefined) throw invalidArgument('watermark/1 needs an image parameter (URL-safe base64 of the watermark URL).');
    mark = (io) => loadImageMark(io, ref);
  } else {
    if (!p.has('text')) throw invalidArgument('watermark/2 needs a text parameter (URL-safe base64 of the text).');
    const text = decodeBase64Param('watermark text', p.get('text'));
    const font = p.has('font') ? decodeBase64Param('watermark font', p.get('font')) : 'tahoma.ttf';
    const fill = p.has('fill') ? parseColorParam('watermark fill', p.get('fill')) : { r: 0x3d, g: 0x3d, b: 0x3d };
    const fontSize = requireRange('watermark fontsize', int('fontsize', 13), 1, MAX_FONT_SIZE);
    const shadow = requireRange('watermark shadow', int('shadow', 0), 0, 100);
    mark = async () => {
      return renderTextMark({ text, font, fontSize, fill, shadow });
    };
  }
  return {
    ignoreError: false,
    run: async (state) => {
      const raster = await currentRaster(state);
      const prepared = await prepareMark(await mark(state.io), raster.width, raster.height, placement);
      const overlay = await overlayFor(prepared, raster.width, raster.height, placement);
      const frames = await Promise.all(raster.frames.map((f) => readRgba(frameSharp(f, raster.width, raster.height).composite([overlay]))));
      replaceRaster(state, { ...raster, frames: frames.map((f) => f.data) });
    },
  };
}

function checkPlacement(p: Placement): void {
  requireRange('watermark dx', p.dx, 0, MAX_SIDE_ARGUMENT);
  requireRange('watermark dy', p.dy, 0, MAX_SIDE_ARGUMENT);
  requireRange('watermark dissolve', p.dissolve, 1, 100);
  requireRange('watermark degree', p.degree, 0, 360);
  requireRange('watermark spacing', p.spacing, 0, 100);
  if (p.blogo !== undefined) requireRange('watermark blogo', p.blogo, 1, 2);
  if (p.scale) {
    requireRange('watermark scatype', p.scale.type, 1, 3);
    requireRange('watermark spcent', p.scale.permille, 1, p.scale.type === 3 ? 250 : 1000);
  }
}

/** scatype scaling, batch rotation, oversize handling (blogo 1 = fit inside, otherwise crop), then dissolve. */
async function prepareMark(mark: RgbaFrame, w: number, h: number, p: Placement): Promise<RgbaFrame> {
  let image = frameSharp(mark.data, mark.width, mark.height);
  let size = { width: mark.width, height: mark.height };
  if (p.scale) {
    const k = p.scale.permille / 1000;
    const s = p.scale.type === 1 ? (w * k) / mark.width : p.scale.type === 2 ? (h * k) / mark.height : Math.sqrt((w * h * k) / (mark.width * mark.height));
    size = { width: Math.max(1, Math.round(mark.width * s)), height: Math.max(1, Math.round(mark.height * s)) };
    image = frameSharp((await readRgba(image.resize(size.width, size.height, { fit: 'fill' }))).data, size.width, size.height);
  }
  if (p.batch && p.degree % 360 !== 0) {
    const rotated = await readRgba(image.rotate(p.degree, { background: TRANSPARENT }));
    size = { width: rotated.width, height: rotated.height };
    image = frameSharp(rotated.data, size.width, size.height);
  }
  if (size.width > w || size.height > h) {
    image = p.blogo === 1
      ? image.resize(w, h, { fit: 'inside' })
      : image.extract({ left: 0, top: 0, width: Math.min(w, size.width), height: Math.min(h, size.height) });
  }
  const out = await readRgba(image);
  for (let i = 3; i < out.data.length; i += 4) out.data[i] = Math.round((out.data[i] * p.dissolve) / 100);
  return out;
}

async function overlayFor(mark: RgbaFrame, w: number, h: number, p: Placement): Promise<OverlayOptions> {
  const raw = { width: mark.width, height: mark.height, channels: 4 as const };
  if (!p.batch) {
    const at = placeBox(w, h, mark.width, mark.height, p.gravity, p.dx, p.dy);
    const left = Math.min(Math.max(0, at.left), w - mark.width);
    const top = Math.min(Math.max(0, at.top), h - mark.height);
    return { input: mark.data, raw, left, top };
  }
  // Tiles: the mark plus `spacing` % of its size as a transparent gap, repeated from the top-left.
  const right = Math.round((mark.width * p.spacing) / 100);
  const bottom = Math.round((mark.height * p.spacing) / 100);
  const tile = await readRgba(frameSharp(mark.data, mark.width, mark.height).extend({ right, bottom, background: TRANSPARENT }));
  const clipped = tile.width > w || tile.height > h
    ? await readRgba(frameSharp(tile.data, tile.width, tile.height).extract({ left: 0, top: 0, width: Math.min(w, tile.width), height: Math.min(h, tile.height) }))
    : tile;
  return { input: clipped.data, raw: { width: clipped.width, height: clipped.height, channels: 4 }, tile: true, gravity: 'northwest' };
}
