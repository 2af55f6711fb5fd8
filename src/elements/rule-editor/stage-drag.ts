/**
 * Pointer and keyboard input of the on-image editor. A drag turns pointer positions into image pixels of the
 * operation's input and writes the operation's parameters at most once per animation frame; a press that does
 * not move is a click (it sets the gravity). Arrow keys do the same moves by 1 px (10 px with Shift).
 */
import type { ImageSize } from '../../core/rules/output-size.js';
import {
  cornerOf, moveRegion, nearestGravity, regionFromCorners, resizeRegion, thumbnailFromPoint, toImagePoint, watermarkAnchor,
  watermarkOffsets, type Corner, type Point, type Region,
} from '../../core/rules/preview-geometry.js';
import {
  gravityOf, offsetsOf, regionOf, setGravity, thumbnailBoxOf, thumbnailOf, writeOffsets, writeRegion, writeThumbnail, type StageTarget,
} from './stage-target.js';

/** What the element provides at the moment of each event (the target changes as the rules do). */
export interface StageHost {
  target(): StageTarget | undefined;
  image(): ImageSize | undefined;
  /** Applies a change to the target's operation (the element re-formats the rule and tells the page). */
  commit(target: StageTarget, change: () => void): void;
}

export type DragMode = 'draw' | 'move' | Corner | 'marker' | 'thumb';

interface Drag {
  mode: DragMode | 'click';
  /** The picture's box when the press began, in page coordinates: the drag follows the hand even when a form row
   * above the stage changes height meanwhile (the one-column layout) and the picture moves under the pointer. */
  box: { left: number; top: number; width: number; height: number };
  pointerId: number;
  start: Point;
  startClient: Point;
  region?: Region;
  anchor?: Point;
  moved: boolean;
}

/** Pixels a pointer must travel before a press counts as a drag rather than a click. */
const CLICK_SLOP = 3;

/**
 * A click on the picture sets the gravity; on a cut or an offset crop region it does not (the region would jump
 * away from under the pointer), but a plain crop's region, which often covers most of the picture, does.
 */
function clickSetsGravity(target: StageTarget, mode: DragMode | 'click'): boolean {
  if (target.tool === 'thumbnail') return false;
  if (mode === 'draw' || mode === 'click') return true;
  return mode === 'move' && target.tool === 'crop' && !target.op.params.find((p) => p.key === '')?.value.startsWith('!');
}

export class StageInput {
  #drag?: Drag;
  #pending?: { point: Point; client: Point };
  #frame = 0;

  constructor(private readonly host: StageHost) {}

  readonly pointerDown = (e: PointerEvent): void => {
    if (e.button !== 0 || this.#drag) return;
    const target = this.host.target();
    const image = this.host.image();
    if (!target || !image) return;
    const canvas = e.currentTarget as HTMLElement;
    const grabbed = (e.target as HTMLElement).closest<HTMLElement>('[data-drag]');
    const mode = (grabbed?.dataset.drag as DragMode | undefined) ?? (target.tool === 'cut' || target.tool === 'crop' ? 'draw' : 'click');
    e.preventDefault();
    grabbed?.focus();
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // A synthetic event has no active pointer to capture; moves still reach the canvas.
    }
    const rect = canvas.getBoundingClientRect();
    const box = { left: rect.left + scrollX, top: rect.top + scrollY, width: rect.width, height: rect.height };
    const start = this.#point(e, box, image);
    const offsets = offsetsOf(target);
    this.#drag = {
      mode, box, pointerId: e.pointerId, start, startClient: { x: e.clientX, y: e.clientY }, moved: false,
      region: regionOf(target, image),
      anchor: target.tool === 'watermark' ? watermarkAnchor(gravityOf(target), offsets.dx, offsets.dy, image) : this.#thumbCorner(target, image),
    };
  };

  readonly pointerMove = (e: PointerEvent): void => {
    const drag = this.#drag;
    const image = this.host.image();
    if (!drag || e.pointerId !== drag.pointerId || !image) return;
    this.#pending = { point: this.#point(e, drag.box, image), client: { x: e.clientX, y: e.clientY } };
    if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#flush());
  };

  readonly pointerUp = (e: PointerEvent): void => {
    const drag = this.#drag;
    if (!drag || e.pointerId !== drag.pointerId) return;
    const image = this.host.image();
    if (image && e.type === 'pointerup') this.#pending = { point: this.#point(e, drag.box, image), client: { x: e.clientX, y: e.clientY } };
    this.#flush();
    const target = this.host.target();
    if (e.type === 'pointerup' && !drag.moved && image && target && clickSetsGravity(target, drag.mode)) {
      this.host.commit(target, () => setGravity(target, nearestGravity(drag.start, image)));
    }
    this.#drag = undefined;
  };

  /** Arrow keys on the region, a corner, the watermark marker or the thumbnail handle. */
  readonly keyDown = (e: KeyboardEvent): void => {
    const step = e.shiftKey ? 10 : 1;
    const deltas: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const delta = Object.hasOwn(deltas, e.key) ? deltas[e.key] : undefined;
    const mode = (e.currentTarget as HTMLElement).dataset.drag as DragMode | undefined;
    const target = this.host.target();
    const image = this.host.image();
    if (!delta || !mode || !target || !image) return;
    e.preventDefault();
    const [dx, dy] = delta;
    const region = regionOf(target, image);
    const offsets = offsetsOf(target);
    const anchor = target.tool === 'watermark' ? watermarkAnchor(gravityOf(target), offsets.dx, offsets.dy, image) : this.#thumbCorner(target, image);
    this.#apply(target, image, { mode, start: { x: 0, y: 0 }, region, anchor }, { x: dx, y: dy });
  };

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#drag = undefined;
  }

  /** The pointer in image pixels; `box` is the picture in page coordinates. */
  #point(e: PointerEvent, box: Drag['box'], image: ImageSize): Point {
    return toImagePoint((e.clientX + scrollX - box.left) / box.width, (e.clientY + scrollY - box.top) / box.height, image);
  }

  #thumbCorner(target: StageTarget, image: ImageSize): Point | undefined {
    const box = thumbnailBoxOf(target, image);
    return box && { x: box.width, y: box.height };
  }

  #flush(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    const pending = this.#pending;
    const drag = this.#drag;
    this.#pending = undefined;
    const target = this.host.target();
    const image = this.host.image();
    if (!pending || !drag || !target || !image) return;
    const far = Math.hypot(pending.client.x - drag.startClient.x, pending.client.y - drag.startClient.y) >= CLICK_SLOP;
    if (!drag.moved && !far) return;
    drag.moved = true;
    if (drag.mode === 'click') return;
    this.#apply(target, image, drag, { x: pending.point.x - drag.start.x, y: pending.point.y - drag.start.y }, pending.point);
  }

  /** One move: `delta` from where the drag (or key press) started; `at` is the pointer for drawing a new region. */
  #apply(target: StageTarget, image: ImageSize, drag: Pick<Drag, 'mode' | 'start' | 'region' | 'anchor'>, delta: Point, at?: Point): void {
    const { mode, region, anchor } = drag;
    const plus = (p: Point): Point => ({ x: p.x + delta.x, y: p.y + delta.y });
    if (mode === 'draw' && at) {
      this.host.commit(target, () => writeRegion(target, regionFromCorners(drag.start, at, image), image));
    } else if (mode === 'move' && region) {
      this.host.commit(target, () => writeRegion(target, moveRegion(region, delta.x, delta.y, image), image));
    } else if ((mode === 'nw' || mode === 'ne' || mode === 'sw' || mode === 'se') && region) {
      this.host.commit(target, () => writeRegion(target, resizeRegion(region, mode, plus(cornerOf(region, mode)), image), image));
    } else if (mode === 'marker' && anchor && target.tool === 'watermark') {
      this.host.commit(target, () => writeOffsets(target, watermarkOffsets(plus(anchor), gravityOf(target), image, offsetsOf(target))));
    } else if (mode === 'thumb' && anchor) {
      const size = thumbnailOf(target);
      if (size) this.host.commit(target, () => writeThumbnail(target, thumbnailFromPoint(size, plus(anchor))));
    }
  }
}
