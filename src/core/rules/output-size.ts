/**
 * The output size a rule gives a static `width`×`height` input, computed from the rule model alone
 * (docs/rules.md#operations): what the editor can show before anything is uploaded. The emulator computes
 * the same sizes its own way; the agreement test holds the two together (docs/rules.md#editor-and-emulator-agreement).
 */
import { findOperation, findParam } from './catalogue.js';
import { parseBoxSize, parseCutRect, parseNumberPair, parseThumbnailSize, type BoxSize, type ThumbnailSize } from './geometry.js';
import { MAX_OUTPUT_SIDE } from './limits.js';
import type { ImageRule, RuleOperation, RuleSegment } from './types.js';
import { checkValue } from './values.js';

export interface ImageSize {
  width: number;
  height: number;
}

export type SizePrediction =
  | { kind: 'image'; size: ImageSize }
  /** `imageInfo` / `imageAve`: the answer is JSON, not an image. */
  | { kind: 'json' }
  /** The rule fails on this input (an output side over the limit, a crop box outside the image…). */
  | { kind: 'error'; message: string }
  /** Valid, but its size cannot be told from the text (a saved style, `exif`, an unparsed segment). */
  | { kind: 'unknown' };

class SizeError extends Error {}

const side = (v: number) => Math.max(1, Math.round(v));
const valueOf = (op: RuleOperation, key = '') => op.params.find((p) => p.key === key)?.value;
type Gravity = string;

/** Predicts the output of a rule the validator accepts; a rule with errors gives an undefined result. */
export function predictOutputSize(rule: ImageRule, input: ImageSize): SizePrediction {
  let size = input;
  for (const [index, segment] of rule.segments.entries()) {
    if (segment.kind === 'raw') return { kind: 'unknown' };
    if (segment.kind === 'single' && (segment.op.name === 'imageInfo' || segment.op.name === 'imageAve')) {
      return index === rule.segments.length - 1 ? { kind: 'json' } : { kind: 'unknown' };
    }
    if (segment.kind === 'single' && (segment.op.name === 'style' || segment.op.name === 'exif')) return { kind: 'unknown' };
    const ignoreError = ignoresErrors(segment);
    try {
      if (ignoreError && outOfRange(segment)) continue;
      size = segmentSize(segment, size);
    } catch (error) {
      if (!(error instanceof SizeError)) throw error;
      if (!ignoreError) return { kind: 'error', message: error.message };
    }
  }
  return { kind: 'image', size };
}

function ignoresErrors(segment: RuleSegment): boolean {
  if (segment.kind === 'imageMogr2') {
    const last = segment.ops.filter((op): op is RuleOperation => op.kind === 'op' && op.name === 'ignore-error').pop();
    return last !== undefined && valueOf(last) === '1';
  }
  return segment.kind === 'single' && segment.op.name === 'imageView2' && valueOf(segment.op, 'ignore-error') === '1';
}

/** A value outside its range fails the segment, which `ignore-error/1` then passes through unchanged. */
function outOfRange(segment: RuleSegment): boolean {
  const ops = segment.kind === 'imageMogr2' ? segment.ops : segment.kind === 'single' ? [segment.op] : [];
  return ops.some((op) => {
    const spec = op.kind === 'op' ? findOperation(op.name) : undefined;
    return op.kind === 'op' && spec !== undefined && op.params.some((p) => {
      const paramSpec = findParam(spec, p.key);
      return paramSpec !== undefined && checkValue(paramSpec, p).some((problem) => problem.code === 'out-of-range');
    });
  });
}

function segmentSize(segment: RuleSegment, input: ImageSize): ImageSize {
  if (segment.kind === 'single') return segment.op.name === 'imageView2' ? view2Size(segment.op, input) : input;
  if (segment.kind !== 'imageMogr2') return input;
  const ops = segment.ops.filter((op): op is RuleOperation => op.kind === 'op');
  // Modifiers qualify every operation of their segment, wherever they stand (alone, or parsed as a parameter of the
  // operation before them); the last one written counts.
  const last = (name: string) =>
    ops.flatMap((op) => (op.name === name ? [valueOf(op)] : op.params.filter((p) => p.key === name).map((p) => p.value))).pop();
  const gravity = last('gravity') ?? 'northwest';
  const pad = last('pad') === '1';
  return ops.reduce((size, op) => operationSize(op, size, gravity, pad), input);
}

function operationSize(op: RuleOperation, { width: w, height: h }: ImageSize, gravity: Gravity, pad: boolean): ImageSize {
  const value = valueOf(op) ?? '';
  switch (op.name) {
    case 'thumbnail': {
      const spec = parsed(parseThumbnailSize(value));
      const size = thumbnailSize(w, h, spec);
      const padded = pad && (spec.form === 'fit' || spec.form === 'shrink' || spec.form === 'enlarge');
      return checkOutput(padded ? { width: spec.width, height: spec.height } : size);
    }
    case 'crop':
      return cropSize(w, h, parsed(parseBoxSize(value, { legacyOffsets: true })), gravity);
    case 'scrop':
      return cropSize(w, h, parsed(parseBoxSize(value)), 'center');
    case 'cut': {
      const r = parsed(parseCutRect(value));
      return clamp(w, h, { ...placeBox(w, h, r.width, r.height, gravity, r.x, r.y), width: r.width, height: r.height });
    }
    case 'rcrop': {
      const { a: min, b: max } = parsed(parseNumberPair(value, ['min', 'max']));
      const ratio = (100 * w) / h;
      if (ratio < min) return { width: w, height: Math.round((100 * w) / min) };
      if (ratio > max) return { width: Math.round((max * h) / 100), height: h };
      return { width: w, height: h };
    }
    case 'iradius':
    case 'rradius': {
      const r = Math.min(Number(value), Math.floor(Math.min(w, h) / 2));
      if (r < 1) throw new SizeError(`${op.name} needs an image of at least 2x2 px.`);
      return op.name === 'iradius' ? { width: 2 * r, height: 2 * r } : { width: w, height: h };
    }
    case 'rotate':
      return checkOutput(rotatedSize(w, h, Number(value)));
    default:
      return { width: w, height: h };
  }
}

function parsed<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new SizeError(result.message);
  return result.value;
}

function checkOutput(size: ImageSize): ImageSize {
  if (size.width > MAX_OUTPUT_SIDE || size.height > MAX_OUTPUT_SIDE) {
    throw new SizeError(`The result would be ${size.width}x${size.height}, over ${MAX_OUTPUT_SIDE} px a side.`);
  }
  return size;
}

function thumbnailSize(w: number, h: number, s: ThumbnailSize): ImageSize {
  switch (s.form) {
    case 'scale': return { width: side((w * s.percent) / 100), height: side((h * s.percent) / 100) };
    case 'scale-width': return { width: side((w * s.percent) / 100), height: h };
    case 'scale-height': return { width: w, height: side((h * s.percent) / 100) };
    case 'width': return { width: s.width, height: side((h * s.width) / w) };
    case 'height': return { width: side((w * s.height) / h), height: s.height };
    case 'force': return { width: s.width, height: s.height };
    case 'area': {
      const k = Math.sqrt(s.area / (w * h));
      return { width: Math.max(1, Math.floor(w * k)), height: Math.max(1, Math.floor(h * k)) };
    }
    default: {
      const rw = s.width / w;
      const rh = s.height / h;
      const k = s.form === 'cover' ? Math.max(rw, rh) : Math.min(rw, rh);
      if ((s.form === 'shrink' && k >= 1) || (s.form === 'enlarge' && k <= 1)) return { width: w, height: h };
      return { width: side(w * k), height: side(h * k) };
    }
  }
}

/** Top-left of a box placed by gravity; offsets point inwards, centre ignores them (docs/rules.md#gravity). */
function placeBox(iw: number, ih: number, bw: number, bh: number, gravity: Gravity, dx = 0, dy = 0): { left: number; top: number } {
  const left = gravity.endsWith('west') ? dx : gravity.endsWith('east') ? iw - bw - dx : Math.floor((iw - bw) / 2);
  const top = gravity.startsWith('north') ? dy : gravity.startsWith('south') ? ih - bh - dy : Math.floor((ih - bh) / 2);
  return { left, top };
}

function clamp(iw: number, ih: number, box: ImageSize & { left: number; top: number }): ImageSize {
  const width = Math.min(box.left + box.width, iw) - Math.max(0, box.left);
  const height = Math.min(box.top + box.height, ih) - Math.max(0, box.top);
  if (width < 1 || height < 1) throw new SizeError(`The ${box.width}x${box.height} box lies outside the ${iw}x${ih} image.`);
  return { width, height };
}

function cropSize(w: number, h: number, box: BoxSize, gravity: Gravity): ImageSize {
  if (box.offset) {
    const o = box.offset;
    const width = o.xMode === '-' ? box.width! - o.x : box.width!;
    const height = o.yMode === '-' ? box.height! - o.y : box.height!;
    const anchor = placeBox(w, h, Math.min(width, w), Math.min(height, h), gravity);
    const left = anchor.left + (o.xMode === '-' ? 0 : o.x);
    const top = anchor.top + (o.yMode === '-' ? 0 : o.y);
    return clamp(w, h, { left, top, width, height });
  }
  let [iw, ih] = [w, h];
  if (box.width !== undefined && box.height !== undefined) {
    const k = Math.max(box.width / w, box.height / h);
    if (k < 1) [iw, ih] = [side(w * k), side(h * k)];
  }
  return { width: Math.min(box.width ?? w, iw), height: Math.min(box.height ?? h, ih) };
}

/** Right angles swap exactly; other angles grow to the rotated bounding box, rounded up. */
function rotatedSize(w: number, h: number, degrees: number): ImageSize {
  const d = ((degrees % 360) + 360) % 360;
  if (d % 180 === 0) return { width: w, height: h };
  if (d % 90 === 0) return { width: h, height: w };
  const t = (d * Math.PI) / 180;
  const [c, s] = [Math.abs(Math.cos(t)), Math.abs(Math.sin(t))];
  return { width: Math.ceil(w * c + h * s - 1e-9), height: Math.ceil(w * s + h * c - 1e-9) };
}

/** imageView2 modes 0–5; never enlarges; modes 1 and 5 then crop at the centre (docs/rules.md#imageview2). */
function view2Size(op: RuleOperation, { width: w, height: h }: ImageSize): ImageSize {
  const mode = Number(valueOf(op) ?? -1);
  const W = valueOf(op, 'w') === undefined ? undefined : Number(valueOf(op, 'w'));
  const H = valueOf(op, 'h') === undefined ? undefined : Number(valueOf(op, 'h'));
  if (mode < 0 || (W === undefined && H === undefined)) return { width: w, height: h };
  const square = mode !== 0 && mode !== 2;
  const bw = W ?? (square ? H : undefined);
  const bh = H ?? (square ? W : undefined);
  const [long, short] = [Math.max(w, h), Math.min(w, h)];
  const ratio = (limit: number | undefined, length: number, missing: number) => (limit === undefined ? missing : limit / length);
  const k = Math.min(1,
    mode === 0 ? Math.min(ratio(bw, long, Infinity), ratio(bh, short, Infinity))
    : mode === 2 ? Math.min(ratio(bw, w, Infinity), ratio(bh, h, Infinity))
    : mode === 1 || mode === 3 ? Math.max(ratio(bw, w, 0), ratio(bh, h, 0))
    : Math.max(ratio(bw, long, 0), ratio(bh, short, 0)));
  const scaled = { width: side(w * k), height: side(h * k) };
  if (mode === 1) return checkOutput({ width: Math.min(bw!, scaled.width), height: Math.min(bh!, scaled.height) });
  if (mode === 5) {
    const [cw, ch] = w >= h ? [bw!, bh!] : [bh!, bw!];
    return checkOutput({ width: Math.min(cw, scaled.width), height: Math.min(ch, scaled.height) });
  }
  return checkOutput(scaled);
}
