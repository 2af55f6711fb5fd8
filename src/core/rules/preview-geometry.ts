/**
 * Geometry of editing a rule on its preview (docs/rule-editor.md#pixel-spaces): a point on the shown picture
 * becomes a pixel of the image the operation receives (which earlier steps of the pipeline may have scaled,
 * cropped or rotated), and regions, gravity, watermark offsets and thumbnail boxes become rule parameters and
 * back. Pure: no DOM; the element measures, this computes.
 */
import { findOperation, GRAVITIES } from './catalogue.js';
import type { BoxSize, CutRect, ThumbnailSize } from './geometry.js';
import { MAX_SIDE_ARGUMENT } from './limits.js';
import { predictOutputSize, type ImageSize } from './output-size.js';
import type { ImageRule, RuleSegment } from './types.js';

export interface Point { x: number; y: number }
export interface Region { left: number; top: number; width: number; height: number }
export type Gravity = (typeof GRAVITIES)[number];
export type Corner = 'nw' | 'ne' | 'sw' | 'se';
type Anchor = 'start' | 'middle' | 'end';

/**
 * The pipeline before one operation: whole segments before `segment`, then the operations before `op` in it.
 * Standalone modifiers (`gravity`, `pad`, `color`) are left out: they qualify the operation being edited.
 */
export function ruleBefore(rule: ImageRule, segment: number, op?: number): ImageRule {
  const segments: RuleSegment[] = rule.segments.slice(0, segment);
  const current = rule.segments[segment];
  if (current?.kind === 'imageMogr2' && op !== undefined) {
    const ops = current.ops.slice(0, op).filter((o) => o.kind !== 'op' || !findOperation(o.name)?.modifierOf);
    if (ops.length) segments.push({ ...current, ops, trailingSlash: false, after: undefined });
  }
  return { segments };
}

/** Size of the image an operation receives, predicted from the original's size; undefined when it cannot be told. */
export function inputSize(rule: ImageRule, segment: number, op: number | undefined, original: ImageSize): ImageSize | undefined {
  const prediction = predictOutputSize(ruleBefore(rule, segment, op), original);
  return prediction.kind === 'image' ? prediction.size : undefined;
}

/** A point given as fractions of the shown picture (0–1, clamped), in whole image pixels. */
export function toImagePoint(fx: number, fy: number, image: ImageSize): Point {
  const clamp01 = (v: number) => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  return { x: Math.round(clamp01(fx) * image.width), y: Math.round(clamp01(fy) * image.height) };
}

/** The region spanned by two points, at least 1×1 and inside the image. */
export function regionFromCorners(a: Point, b: Point, image: ImageSize): Region {
  const clampX = (v: number) => Math.min(image.width, Math.max(0, Math.round(v)));
  const clampY = (v: number) => Math.min(image.height, Math.max(0, Math.round(v)));
  let [x1, x2] = [clampX(Math.min(a.x, b.x)), clampX(Math.max(a.x, b.x))];
  let [y1, y2] = [clampY(Math.min(a.y, b.y)), clampY(Math.max(a.y, b.y))];
  if (x2 - x1 < 1) [x1, x2] = x1 >= image.width ? [image.width - 1, image.width] : [x1, x1 + 1];
  if (y2 - y1 < 1) [y1, y2] = y1 >= image.height ? [image.height - 1, image.height] : [y1, y1 + 1];
  return { left: x1, top: y1, width: x2 - x1, height: y2 - y1 };
}

const CORNERS: Record<Corner, [0 | 1, 0 | 1]> = { nw: [0, 0], ne: [1, 0], sw: [0, 1], se: [1, 1] };

export function cornerOf(region: Region, corner: Corner): Point {
  const [cx, cy] = CORNERS[corner];
  return { x: region.left + cx * region.width, y: region.top + cy * region.height };
}

/** Moves one corner to `point`; the opposite corner stays (dragging past it flips the region). */
export function resizeRegion(region: Region, corner: Corner, point: Point, image: ImageSize): Region {
  const [cx, cy] = CORNERS[corner];
  const opposite = cornerOf(region, `${cy ? 'n' : 's'}${cx ? 'w' : 'e'}` as Corner);
  return regionFromCorners(opposite, point, image);
}

/** Moves the whole region by (dx, dy), stopping at the image's edges. */
export function moveRegion(region: Region, dx: number, dy: number, image: ImageSize): Region {
  const width = Math.min(region.width, image.width);
  const height = Math.min(region.height, image.height);
  const left = Math.min(image.width - width, Math.max(0, Math.round(region.left + dx)));
  const top = Math.min(image.height - height, Math.max(0, Math.round(region.top + dy)));
  return { left, top, width, height };
}

/** The gravity whose ninth of the image holds the point. */
export function nearestGravity(p: Point, image: ImageSize): Gravity {
  const cell = (v: number, size: number) => Math.min(2, Math.max(0, Math.floor((3 * v) / Math.max(1, size))));
  return GRAVITIES[cell(p.y, image.height) * 3 + cell(p.x, image.width)];
}

export function asGravity(value: string | undefined, fallback: Gravity): Gravity {
  const g = value?.toLowerCase();
  return (GRAVITIES as readonly string[]).includes(g ?? '') ? (g as Gravity) : fallback;
}

const horizontal = (g: Gravity): Anchor => (g.endsWith('west') ? 'start' : g.endsWith('east') ? 'end' : 'middle');
const vertical = (g: Gravity): Anchor => (g.startsWith('north') ? 'start' : g.startsWith('south') ? 'end' : 'middle');

function composeGravity(v: Anchor, h: Anchor): Gravity {
  const name = `${v === 'start' ? 'north' : v === 'end' ? 'south' : ''}${h === 'start' ? 'west' : h === 'end' ? 'east' : ''}`;
  return (name || 'center') as Gravity;
}

/** Start of a `box`-long span placed on a `length`-long side; offsets point inwards, the middle ignores them. */
function place(anchor: Anchor, length: number, box: number, offset: number): number {
  return anchor === 'start' ? offset : anchor === 'end' ? length - box - offset : Math.floor((length - box) / 2);
}

function clampRegion(r: Region, image: ImageSize): Region | undefined {
  const left = Math.max(0, r.left);
  const top = Math.max(0, r.top);
  const width = Math.min(r.left + r.width, image.width) - left;
  const height = Math.min(r.top + r.height, image.height) - top;
  return width >= 1 && height >= 1 ? { left, top, width, height } : undefined;
}

/** Where `cut/<W>x<H>x<dx>x<dy>` with this gravity takes its pixels (docs/rules.md#cut). */
export function cutRegion(rect: CutRect, gravity: Gravity, image: ImageSize): Region | undefined {
  return clampRegion({
    left: place(horizontal(gravity), image.width, rect.width, rect.x),
    top: place(vertical(gravity), image.height, rect.height, rect.y),
    width: rect.width, height: rect.height,
  }, image);
}

/**
 * The cut rectangle taking exactly `region`. The gravity stays where it can express the region; a centred axis
 * that cannot (it ignores offsets) falls back to the top or left edge.
 */
export function cutFromRegion(region: Region, gravity: Gravity, image: ImageSize): { rect: CutRect; gravity: Gravity } {
  const axis = (anchor: Anchor, length: number, start: number, size: number): [Anchor, number] => {
    if (anchor === 'end') return ['end', length - size - start];
    if (anchor === 'middle' && start === place('middle', length, size, 0)) return ['middle', 0];
    return ['start', start];
  };
  const [h, x] = axis(horizontal(gravity), image.width, region.left, region.width);
  const [v, y] = axis(vertical(gravity), image.height, region.top, region.height);
  return { rect: { width: region.width, height: region.height, x: Math.max(0, x), y: Math.max(0, y) }, gravity: composeGravity(v, h) };
}

/** Where `crop` takes its pixels (docs/rules.md#crop), in the input's pixels: a plain box is first scaled back. */
export function cropRegion(box: BoxSize, gravity: Gravity, image: ImageSize): Region | undefined {
  const { width: iw, height: ih } = image;
  if (box.offset && box.width !== undefined && box.height !== undefined) {
    const o = box.offset;
    const width = o.xMode === '-' ? box.width - o.x : box.width;
    const height = o.yMode === '-' ? box.height - o.y : box.height;
    const left = place(horizontal(gravity), iw, Math.min(width, iw), 0) + (o.xMode === '-' ? 0 : o.x);
    const top = place(vertical(gravity), ih, Math.min(height, ih), 0) + (o.yMode === '-' ? 0 : o.y);
    return clampRegion({ left, top, width, height }, image);
  }
  const k = box.width !== undefined && box.height !== undefined ? Math.min(1, Math.max(box.width / iw, box.height / ih)) : 1;
  const width = Math.min(iw, (box.width ?? iw) / k);
  const height = Math.min(ih, (box.height ?? ih) / k);
  const left = Math.max(0, place(horizontal(gravity), iw, width, 0));
  const top = Math.max(0, place(vertical(gravity), ih, height, 0));
  return { left: Math.round(left), top: Math.round(top), width: Math.round(width), height: Math.round(height) };
}

/**
 * The crop taking exactly `region`: the offset form `!<W>x<H>a<dx>a<dy>`, which cuts without scaling. Offsets
 * only move the box right and down from the gravity's anchor, so an axis whose anchor lies past the region
 * falls back to the top or left edge.
 */
export function cropFromRegion(region: Region, gravity: Gravity, image: ImageSize): { box: BoxSize; gravity: Gravity } {
  const axis = (anchor: Anchor, length: number, start: number, size: number): [Anchor, number] => {
    const from = place(anchor, length, Math.min(size, length), 0);
    return start >= from ? [anchor, start - from] : ['start', start];
  };
  const [h, x] = axis(horizontal(gravity), image.width, region.left, region.width);
  const [v, y] = axis(vertical(gravity), image.height, region.top, region.height);
  return {
    box: { width: region.width, height: region.height, offset: { x, xMode: 'a', y, yMode: 'a' } },
    gravity: composeGravity(v, h),
  };
}

/** The point a watermark is anchored at: the gravity's corner or edge, moved inwards by dx/dy (docs/rules.md#gravity). */
export function watermarkAnchor(gravity: Gravity, dx: number, dy: number, image: ImageSize): Point {
  const at = (anchor: Anchor, length: number, offset: number) => (anchor === 'start' ? offset : anchor === 'end' ? length - offset : length / 2);
  return { x: at(horizontal(gravity), image.width, dx), y: at(vertical(gravity), image.height, dy) };
}

/** dx/dy that put the watermark's anchor at `p`; a centred axis ignores its offset, which keeps its value. */
export function watermarkOffsets(p: Point, gravity: Gravity, image: ImageSize, current: { dx: number; dy: number }): { dx: number; dy: number } {
  const offset = (anchor: Anchor, length: number, v: number, keep: number) =>
    anchor === 'middle' ? keep : Math.max(0, Math.round(anchor === 'start' ? v : length - v));
  return { dx: offset(horizontal(gravity), image.width, p.x, current.dx), dy: offset(vertical(gravity), image.height, p.y, current.dy) };
}

/** Which axes a watermark drag can change under this gravity. */
export function watermarkAxes(gravity: Gravity): { x: boolean; y: boolean } {
  return { x: horizontal(gravity) !== 'middle', y: vertical(gravity) !== 'middle' };
}

/** The forms of `thumbnail` a corner handle can set: a box, or one side. */
export const HANDLE_FORMS = new Set<ThumbnailSize['form']>(['fit', 'shrink', 'enlarge', 'cover', 'force', 'width', 'height']);

/** The box a thumbnail size names, drawn from the image's top-left; undefined for percentage and area forms. */
export function thumbnailBox(size: ThumbnailSize, image: ImageSize): ImageSize | undefined {
  if (!HANDLE_FORMS.has(size.form)) return undefined;
  if (size.form === 'width') return { width: size.width, height: Math.max(1, Math.round((image.height * size.width) / image.width)) };
  if (size.form === 'height') return { width: Math.max(1, Math.round((image.width * size.height) / image.height)), height: size.height };
  return 'width' in size && 'height' in size ? { width: size.width, height: size.height } : undefined;
}

/** The thumbnail size whose box corner is at `p`, keeping the form (a one-side form changes only that side). */
export function thumbnailFromPoint(size: ThumbnailSize, p: Point): ThumbnailSize {
  const side = (v: number) => Math.min(MAX_SIDE_ARGUMENT, Math.max(1, Math.round(v)));
  switch (size.form) {
    case 'width': return { form: 'width', width: side(p.x) };
    case 'height': return { form: 'height', height: side(p.y) };
    case 'fit': case 'shrink': case 'enlarge': case 'cover': case 'force':
      return { form: size.form, width: side(p.x), height: side(p.y) };
    default: return size;
  }
}
