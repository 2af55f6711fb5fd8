/**
 * Pure size arithmetic of the resizing/cropping operations (docs/rules.md#operations, docs/rules.md#rotate-auto-orient-flip, docs/rules.md#gravity).
 * Rounding: round half up, every side at least 1 px; `<Area>@` floors so W'·H' ≤ Area (docs/rules.md#operations, docs/rules.md#thumbnail).
 */
import { MAX_SCALE_PERCENT, MAX_SIDE_ARGUMENT } from '../../core/rules/limits.js';
import { invalidArgument, OutOfRangeError } from './errors.js';
import type { Gravity } from './params.js';

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Size {
  left: number;
  top: number;
}

export type ThumbnailSpec =
  | { mode: 'percent'; axis: 'both' | 'width' | 'height'; percent: number }
  | { mode: 'width'; width: number }
  | { mode: 'height'; height: number }
  | { mode: 'fit' | 'shrink' | 'enlarge' | 'cover' | 'force'; width: number; height: number }
  | { mode: 'area'; area: number };

const side = (v: number) => Math.max(1, Math.round(v));

/** Parses a thumbnail geometry token (docs/rules.md#thumbnail table). Values are range-checked by `thumbnailSize`. */
export function parseThumbnail(token: string): ThumbnailSpec {
  let m: RegExpExecArray | null;
  if ((m = /^!(\d{1,9})p$/.exec(token))) return { mode: 'percent', axis: 'both', percent: +m[1] };
  if ((m = /^!(\d{1,9})px$/.exec(token))) return { mode: 'percent', axis: 'width', percent: +m[1] };
  if ((m = /^!x(\d{1,9})p$/.exec(token))) return { mode: 'percent', axis: 'height', percent: +m[1] };
  if ((m = /^(\d{1,9})x$/.exec(token))) return { mode: 'width', width: +m[1] };
  if ((m = /^x(\d{1,9})$/.exec(token))) return { mode: 'height', height: +m[1] };
  if ((m = /^!(\d{1,9})x(\d{1,9})r$/.exec(token))) return { mode: 'cover', width: +m[1], height: +m[2] };
  if ((m = /^(\d{1,9})x(\d{1,9})([!><]?)$/.exec(token))) {
    const mode = m[3] === '!' ? 'force' : m[3] === '>' ? 'shrink' : m[3] === '<' ? 'enlarge' : 'fit';
    return { mode, width: +m[1], height: +m[2] };
  }
  if ((m = /^(\d{1,9})@$/.exec(token))) return { mode: 'area', area: +m[1] };
  throw invalidArgument(`Unsupported thumbnail geometry "${token}" (see imageMogr2 thumbnail: !<p>p, <W>x, x<H>, <W>x<H>[!><], !<W>x<H>r, <Area>@).`);
}

/** Range checks that need no input: percentages, sides, area (docs/rules.md#thumbnail). */
export function checkThumbnail(spec: ThumbnailSpec): ThumbnailSpec {
  if (spec.mode === 'percent') checkPositive('thumbnail percentage', spec.percent, MAX_SCALE_PERCENT);
  else if (spec.mode === 'area') checkPositive('thumbnail area', spec.area, MAX_SIDE_ARGUMENT ** 2);
  else {
    if ('width' in spec) checkPositive('thumbnail width', spec.width);
    if ('height' in spec) checkPositive('thumbnail height', spec.height);
  }
  return spec;
}

/** Output size of `thumbnail/<spec>` for a `w`×`h` input. */
export function thumbnailSize(w: number, h: number, spec: ThumbnailSpec): Size {
  switch (spec.mode) {
    case 'percent': {
      const p = checkPositive('thumbnail percentage', spec.percent, MAX_SCALE_PERCENT) / 100;
      return { width: spec.axis === 'height' ? w : side(w * p), height: spec.axis === 'width' ? h : side(h * p) };
    }
    case 'width':
      checkPositive('thumbnail width', spec.width);
      return { width: spec.width, height: side((h * spec.width) / w) };
    case 'height':
      checkPositive('thumbnail height', spec.height);
      return { width: side((w * spec.height) / h), height: spec.height };
    case 'area': {
      const s = Math.sqrt(checkPositive('thumbnail area', spec.area, MAX_SIDE_ARGUMENT ** 2) / (w * h));
      return { width: Math.max(1, Math.floor(w * s)), height: Math.max(1, Math.floor(h * s)) };
    }
    case 'force':
      return { width: checkPositive('thumbnail width', spec.width), height: checkPositive('thumbnail height', spec.height) };
    default: {
      const rw = checkPositive('thumbnail width', spec.width) / w;
      const rh = checkPositive('thumbnail height', spec.height) / h;
      const s = spec.mode === 'cover' ? Math.max(rw, rh) : Math.min(rw, rh);
      if ((spec.mode === 'shrink' && s >= 1) || (spec.mode === 'enlarge' && s <= 1)) return { width: w, height: h };
      return { width: side(w * s), height: side(h * s) };
    }
  }
}

function checkPositive(name: string, value: number, max = MAX_SIDE_ARGUMENT): number {
  if (!(value >= 1 && value <= max)) throw new OutOfRangeError(`${name} must be between 1 and ${max}; got ${value}.`);
  return value;
}

/**
 * Top-left of a `bw`×`bh` box on an `iw`×`ih` image for a gravity and inward offsets (docs/rules.md#gravity):
 * centre ignores dx/dy, north/south ignore dx, west/east ignore dy; east-side dx counts from the
 * right edge, south-side dy from the bottom. Halves are floored.
 */
export function placeBox(iw: number, ih: number, bw: number, bh: number, gravity: Gravity, dx = 0, dy = 0): { left: number; top: number } {
  const column = gravity.endsWith('west') ? 'west' : gravity.endsWith('east') ? 'east' : 'center';
  const row = gravity.startsWith('north') ? 'north' : gravity.startsWith('south') ? 'south' : 'middle';
  const left = column === 'west' ? dx : column === 'east' ? iw - bw - dx : Math.floor((iw - bw) / 2);
  const top = row === 'north' ? dy : row === 'south' ? ih - bh - dy : Math.floor((ih - bh) / 2);
  return { left, top };
}

export type CropSpec =
  | { mode: 'size'; width?: number; height?: number }
  | { mode: 'offset'; width: number; height: number; dx: number; dy: number; shrinkX: boolean; shrinkY: boolean };

/** `crop/<W>x`, `x<H>`, `<W>x<H>` and the legacy `!<W>x<H>{a|-}<dx>{a|-}<dy>` (docs/rules.md#crop). */
export function parseCrop(token: string): CropSpec {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,9})x(\d{1,9})?$/.exec(token))) return { mode: 'size', width: +m[1], height: m[2] === undefined ? undefined : +m[2] };
  if ((m = /^x(\d{1,9})$/.exec(token))) return { mode: 'size', height: +m[1] };
  if ((m = /^!(\d{1,9})x(\d{1,9})([a-])(\d{1,9})([a-])(\d{1,9})$/.exec(token))) {
    return { mode: 'offset', width: +m[1], height: +m[2], dx: +m[4], dy: +m[6], shrinkX: m[3] === '-', shrinkY: m[5] === '-' };
  }
  throw invalidArgument(`Unsupported crop size "${token}" (expected <W>x, x<H>, <W>x<H> or !<W>x<H>a<dx>a<dy>).`);
}

/** Range checks that need no input: box sides, and offsets that would leave an empty box (docs/rules.md#crop). */
export function checkCrop(spec: CropSpec): CropSpec {
  if (spec.width !== undefined) checkPositive('crop width', spec.width);
  if (spec.height !== undefined) checkPositive('crop height', spec.height);
  if (spec.mode === 'offset') {
    const width = spec.shrinkX ? spec.width - spec.dx : spec.width;
    const height = spec.shrinkY ? spec.height - spec.dy : spec.height;
    if (width < 1 || height < 1) throw invalidArgument(`crop offsets leave an empty box (${width}x${height}).`);
  }
  return spec;
}

/**
 * Crop plan for a `w`×`h` image: an optional proportional shrink (both sides given: the image is
 * first shrunk so it covers the box, docs/rules.md#crop worked example) and the box to extract, clamped to the image.
 */
export function cropPlan(w: number, h: number, spec: CropSpec, gravity: Gravity): { scaled?: Size; box: Box } {
  if (spec.mode === 'offset') {
    const width = spec.shrinkX ? spec.width - spec.dx : spec.width;
    const height = spec.shrinkY ? spec.height - spec.dy : spec.height;
    if (width < 1 || height < 1) throw invalidArgument(`crop offsets leave an empty box (${width}x${height}).`);
    const anchor = placeBox(w, h, Math.min(width, w), Math.min(height, h), gravity);
    const left = anchor.left + (spec.shrinkX ? 0 : spec.dx);
    const top = anchor.top + (spec.shrinkY ? 0 : spec.dy);
    return { box: clampBox(w, h, { left, top, width, height }) };
  }
  const bw = spec.width ?? w;
  const bh = spec.height ?? h;
  checkPositive('crop width', bw);
  checkPositive('crop height', bh);
  let iw = w;
  let ih = h;
  let scaled: Size | undefined;
  if (spec.width !== undefined && spec.height !== undefined) {
    const s = Math.max(bw / w, bh / h);
    if (s < 1) {
      scaled = { width: side(w * s), height: side(h * s) };
      iw = scaled.width;
      ih = scaled.height;
    }
  }
  const width = Math.min(bw, iw);
  const height = Math.min(bh, ih);
  return { scaled, box: { ...placeBox(iw, ih, width, height, gravity), width, height } };
}

/** Keeps a box inside the image; throws when nothing of it remains. */
export function clampBox(iw: number, ih: number, box: Box): Box {
  const left = Math.max(0, box.left);
  const top = Math.max(0, box.top);
  const width = Math.min(box.left + box.width, iw) - left;
  const height = Math.min(box.top + box.height, ih) - top;
  if (width < 1 || height < 1) {
    throw invalidArgument(`The region ${box.width}x${box.height} at (${box.left},${box.top}) lies outside the ${iw}x${ih} image.`);
  }
  return { left, top, width, height };
}

/** Bounding box of a `w`×`h` image rotated by `degrees` (docs/rules.md#rotate-auto-orient-flip): exact swap at right angles, else ceil. */
export function rotatedSize(w: number, h: number, degrees: number): Size {
  const d = ((degrees % 360) + 360) % 360;
  if (d % 180 === 0) return { width: w, height: h };
  if (d % 90 === 0) return { width: h, height: w };
  const t = (d * Math.PI) / 180;
  const c = Math.abs(Math.cos(t));
  const s = Math.abs(Math.sin(t));
  return { width: Math.ceil(w * c + h * s - 1e-9), height: Math.ceil(w * s + h * c - 1e-9) };
}
