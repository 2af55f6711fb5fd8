/**
 * Moving and sizing a crop box inside an image (docs/editing.md#the-crop-box). Pure arithmetic in the image's
 * pixels, shared by the uploader's row editor and anything else that drags a box over a picture.
 */
import type { Rect, Size } from './edit-geometry.js';

export type Corner = 'nw' | 'ne' | 'sw' | 'se';

/** An aspect preset: `free` (ratio undefined) or width:height. */
export interface AspectPreset { label: string; ratio?: number }

export const DEFAULT_ASPECTS: readonly AspectPreset[] = [
  { label: 'free' }, { label: '1:1', ratio: 1 }, { label: '4:3', ratio: 4 / 3 }, { label: '16:9', ratio: 16 / 9 },
];

/**
 * The page's own presets (`"3:2 2:3"`, also commas) after the defaults; a duplicate is dropped. Tokens that are
 * not `W:H` with positive numbers come back in `invalid`, so the element can say which one it ignored.
 */
export function parseAspects(text: string | null | undefined): { presets: AspectPreset[]; invalid: string[] } {
  const presets = [...DEFAULT_ASPECTS];
  const invalid: string[] = [];
  for (const token of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(token);
    const ratio = m ? Number(m[1]) / Number(m[2]) : NaN;
    if (!m || !(ratio > 0) || !Number.isFinite(ratio)) invalid.push(token);
    else if (!presets.some((p) => p.label === token)) presets.push({ label: token, ratio });
  }
  return { presets, invalid };
}

/** The whole image as a box. */
export function fullBox(size: Size): Rect {
  return { x: 0, y: 0, width: size.width, height: size.height };
}

/** The box moved by (dx, dy), kept inside the image. */
export function moveBox(box: Rect, dx: number, dy: number, bounds: Size): Rect {
  return {
    ...box,
    x: clamp(box.x + dx, 0, bounds.width - box.width),
    y: clamp(box.y + dy, 0, bounds.height - box.height),
  };
}

/**
 * The box with one corner dragged by (dx, dy); the opposite corner stays. With a ratio the box keeps it
 * (the larger of the two moves wins). Never smaller than `min` px a side nor outside the image.
 */
export function resizeBox(box: Rect, corner: Corner, dx: number, dy: number, bounds: Size, ratio?: number, min = 8): Rect {
  const west = corner === 'nw' || corner === 'sw';
  const north = corner === 'nw' || corner === 'ne';
  const anchorX = west ? box.x + box.width : box.x;
  const anchorY = north ? box.y + box.height : box.y;
  const room = { width: west ? anchorX : bounds.width - anchorX, height: north ? anchorY : bounds.height - anchorY };
  const least = Math.min(min, room.width, room.height);
  let width = clamp(box.width + (west ? -dx : dx), least, room.width);
  let height = clamp(box.height + (north ? -dy : dy), least, room.height);
  if (ratio) {
    const byWidth = Math.abs(dx) >= Math.abs(dy);
    if (byWidth) height = width / ratio;
    else width = height * ratio;
    // Shrink both when the kept ratio runs out of room on the other side.
    const fit = Math.min(1, room.width / width, room.height / height);
    width *= fit;
    height *= fit;
  }
  return { x: west ? anchorX - width : anchorX, y: north ? anchorY - height : anchorY, width, height };
}

/** The largest box of `ratio` inside the image, centred where the current box is centred (as far as it fits). */
export function boxWithRatio(box: Rect, ratio: number | undefined, bounds: Size): Rect {
  if (!ratio) return box;
  const width = Math.min(bounds.width, bounds.height * ratio);
  const height = width / ratio;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return moveBox({ x: cx - width / 2, y: cy - height / 2, width, height }, 0, 0, bounds);
}

/** The box in another scale (image pixels ↔ preview pixels). */
export function scaleBox(box: Rect, factor: number): Rect {
  return { x: box.x * factor, y: box.y * factor, width: box.width * factor, height: box.height * factor };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(min, value), max);
}
