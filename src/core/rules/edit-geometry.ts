/**
 * Geometry of a per-image edit (crop box, quarter turns, mirror) and its imageMogr2 rule (docs/editing.md).
 * Three pixel spaces meet here:
 *  - stored: the pixels as the file holds them;
 *  - upright: the stored pixels with the EXIF orientation applied, as a browser shows the file;
 *  - view: the upright image after the edit's turn and mirror, where the user draws the crop box.
 * All rectangles are in full-resolution pixels of their space (a preview's scale is the caller's business).
 */

import { storedSize } from './jpeg-orientation.js';

/** EXIF orientation tag value; 1 (or absent) means the stored pixels are upright. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
export type QuarterTurn = 0 | 90 | 180 | 270;
export interface Size { width: number; height: number }
export interface Point { x: number; y: number }
export interface Rect { x: number; y: number; width: number; height: number }

/**
 * An edit in canonical form: turn the upright image clockwise by `rotate`, then mirror it left-right when
 * `flip`, then keep `crop` (view space; absent: the whole image). Every sequence of quarter turns and flips
 * reduces to one of these eight, so the rule stays short.
 */
export interface ImageEdit { rotate: QuarterTurn; flip: boolean; crop?: Rect }

export const NO_EDIT: ImageEdit = Object.freeze({ rotate: 0, flip: false });

export function isOrientation(value: unknown): value is Orientation {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 8;
}

/** Orientations 5–8 swap width and height: the same swap as storedSize, which undoes it. */
export function uprightSize(stored: Size, orientation: Orientation = 1): Size {
  return { ...storedSize(stored, orientation) };
}

/** Size of the view: the upright size, swapped by a quarter or three-quarter turn. */
export function viewSize(upright: Size, edit: Pick<ImageEdit, 'rotate'>): Size {
  return edit.rotate % 180 ? { width: upright.height, height: upright.width } : { ...upright };
}

/** Where an upright point (continuous coordinates, edges at integers) lies in the stored image. */
export function uprightToStored(p: Point, stored: Size, orientation: Orientation): Point {
  const { width: w, height: h } = stored;
  switch (orientation) {
    case 2: return { x: w - p.x, y: p.y };
    case 3: return { x: w - p.x, y: h - p.y };
    case 4: return { x: p.x, y: h - p.y };
    case 5: return { x: p.y, y: p.x };
    case 6: return { x: p.y, y: h - p.x };
    case 7: return { x: w - p.y, y: h - p.x };
    case 8: return { x: w - p.y, y: p.x };
    default: return { ...p };
  }
}

/** Where a stored point lies in the upright image (the inverse of uprightToStored). */
export function storedToUpright(p: Point, stored: Size, orientation: Orientation): Point {
  const up = uprightSize(stored, orientation);
  switch (orientation) {
    case 2: return { x: up.width - p.x, y: p.y };
    case 3: return { x: up.width - p.x, y: up.height - p.y };
    case 4: return { x: p.x, y: up.height - p.y };
    case 5: return { x: p.y, y: p.x };
    case 6: return { x: up.width - p.y, y: p.x };
    case 7: return { x: up.width - p.y, y: up.height - p.x };
    case 8: return { x: p.y, y: up.height - p.x };
    default: return { ...p };
  }
}

/** The rectangle spanned by two mapped corners. */
function spanned(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** An upright rectangle (what the user sees without an edit) in stored pixels. */
export function uprightRectToStored(r: Rect, stored: Size, orientation: Orientation): Rect {
  return spanned(uprightToStored(r, stored, orientation), uprightToStored({ x: r.x + r.width, y: r.y + r.height }, stored, orientation));
}

/** A stored rectangle in upright pixels. */
export function storedRectToUpright(r: Rect, stored: Size, orientation: Orientation): Rect {
  return spanned(storedToUpright(r, stored, orientation), storedToUpright({ x: r.x + r.width, y: r.y + r.height }, stored, orientation));
}

/** A point of the upright image in the view of `edit` (turn, then mirror). */
export function uprightToView(p: Point, upright: Size, edit: Pick<ImageEdit, 'rotate' | 'flip'>): Point {
  const { width: w, height: h } = upright;
  const turned = edit.rotate === 90 ? { x: h - p.y, y: p.x }
    : edit.rotate === 180 ? { x: w - p.x, y: h - p.y }
      : edit.rotate === 270 ? { x: p.y, y: w - p.x }
        : { ...p };
  return edit.flip ? { x: viewSize(upright, edit).width - turned.x, y: turned.y } : turned;
}

/** A point of the view in the upright image (the inverse of uprightToView). */
export function viewToUpright(p: Point, upright: Size, edit: Pick<ImageEdit, 'rotate' | 'flip'>): Point {
  const { width: w, height: h } = upright;
  const q = edit.flip ? { x: viewSize(upright, edit).width - p.x, y: p.y } : p;
  return edit.rotate === 90 ? { x: q.y, y: h - q.x }
    : edit.rotate === 180 ? { x: w - q.x, y: h - q.y }
      : edit.rotate === 270 ? { x: w - q.y, y: q.x }
        : { ...q };
}

/**
 * A rectangle the user drew in the view, in stored pixels: what a rule cutting the stored image before
 * any orientation would have to cut (the `<cos-rule-editor>` preview draws on the stored image too).
 */
export function viewRectToStored(r: Rect, stored: Size, orientation: Orientation, edit: Pick<ImageEdit, 'rotate' | 'flip'>): Rect {
  const upright = uprightSize(stored, orientation);
  const a = viewToUpright(r, upright, edit);
  const b = viewToUpright({ x: r.x + r.width, y: r.y + r.height }, upright, edit);
  return uprightRectToStored(spanned(a, b), stored, orientation);
}

/** A stored rectangle as the view of `edit` shows it. */
export function storedRectToView(r: Rect, stored: Size, orientation: Orientation, edit: Pick<ImageEdit, 'rotate' | 'flip'>): Rect {
  const upright = uprightSize(stored, orientation);
  const u = storedRectToUpright(r, stored, orientation);
  return spanned(uprightToView(u, upright, edit), uprightToView({ x: u.x + u.width, y: u.y + u.height }, upright, edit));
}

/** Turns the view a quarter clockwise (`1`) or anticlockwise (`-1`); the crop box turns with the picture. */
export function turnEdit(edit: ImageEdit, upright: Size, direction: 1 | -1): ImageEdit {
  const before = viewSize(upright, edit);
  // Turning a mirrored picture clockwise equals mirroring it after an anticlockwise turn.
  const step = edit.flip ? -direction : direction;
  const rotate = (((edit.rotate + 90 * step) % 360) + 360) % 360 as QuarterTurn;
  const crop = edit.crop && (direction === 1
    ? { x: before.height - edit.crop.y - edit.crop.height, y: edit.crop.x, width: edit.crop.height, height: edit.crop.width }
    : { x: edit.crop.y, y: before.width - edit.crop.x - edit.crop.width, width: edit.crop.height, height: edit.crop.width });
  return { rotate, flip: edit.flip, ...(crop && { crop }) };
}

/** Mirrors the view left-right (`horizontal`) or top-bottom (`vertical`); the crop box follows. */
export function flipEdit(edit: ImageEdit, upright: Size, axis: 'horizontal' | 'vertical'): ImageEdit {
  const view = viewSize(upright, edit);
  const c = edit.crop;
  if (axis === 'horizontal') {
    return { rotate: edit.rotate, flip: !edit.flip, ...(c && { crop: { ...c, x: view.width - c.x - c.width } }) };
  }
  // A top-bottom mirror is a half turn plus a left-right mirror.
  const rotate = ((edit.rotate + 180) % 360) as QuarterTurn;
  return { rotate, flip: !edit.flip, ...(c && { crop: { ...c, y: view.height - c.y - c.height } }) };
}

/** Whole pixels inside the view, at least 1×1; undefined when it covers the whole view (nothing to cut). */
export function normalizeCrop(crop: Rect | undefined, view: Size): Rect | undefined {
  if (!crop) return undefined;
  const x = clamp(Math.round(crop.x), 0, view.width - 1);
  const y = clamp(Math.round(crop.y), 0, view.height - 1);
  const width = clamp(Math.round(crop.x + crop.width) - x, 1, view.width - x);
  const height = clamp(Math.round(crop.y + crop.height) - y, 1, view.height - y);
  return x === 0 && y === 0 && width === view.width && height === view.height ? undefined : { x, y, width, height };
}

export function isIdentityEdit(edit: ImageEdit, upright: Size): boolean {
  return edit.rotate === 0 && !edit.flip && !normalizeCrop(edit.crop, viewSize(upright, edit));
}

/**
 * The rule that produces the edited image from the stored file: `auto-orient` first, so the turn, mirror and
 * cut apply to the picture the user saw whether or not the service orients by itself (docs/editing.md#the-rule).
 */
export function editRule(edit: ImageEdit, upright: Size): string {
  const parts = ['imageMogr2', 'auto-orient'];
  if (edit.rotate) parts.push('rotate', String(edit.rotate));
  if (edit.flip) parts.push('flip', 'horizontal');
  const crop = normalizeCrop(edit.crop, viewSize(upright, edit));
  if (crop) parts.push('cut', `${crop.width}x${crop.height}x${crop.x}x${crop.y}`);
  return parts.join('/');
}

const EDIT_RULE = /^imageMogr2\/auto-orient(?:\/rotate\/(0|90|180|270))?(?:\/flip\/horizontal)?(?:\/cut\/(\d+)x(\d+)x(\d+)x(\d+))?$/;

/** Reads back a rule written by editRule (undefined for any other rule), so an edit can be reopened. */
export function parseEditRule(rule: string): ImageEdit | undefined {
  const m = EDIT_RULE.exec(rule);
  if (!m) return undefined;
  const [, rotate, w, h, x, y] = m;
  const edit: ImageEdit = { rotate: Number(rotate ?? 0) as QuarterTurn, flip: rule.includes('/flip/horizontal') };
  if (w) edit.crop = { x: Number(x), y: Number(y), width: Number(w), height: Number(h) };
  return edit;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
