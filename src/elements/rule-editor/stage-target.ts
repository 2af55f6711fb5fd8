/**
 * The operation edited on the image: which ones have an on-image tool, what shape they have on their input
 * image, and how a new shape is written back into their parameters (docs/rule-editor.md#on-image-tools).
 */
import {
  formatBoxSize, formatCutRect, formatThumbnailSize, parseBoxSize, parseCutRect, parseThumbnailSize,
  type RuleOperation, type ThumbnailSize,
} from '../../core/rules/index.js';
import type { ImageSize } from '../../core/rules/output-size.js';
import {
  asGravity, cropFromRegion, cropRegion, cutFromRegion, cutRegion, thumbnailBox, type Gravity, type Region,
} from '../../core/rules/preview-geometry.js';
import { flatten, setParam, type EditorRule, type FlatItem } from './editor-state.js';

export type Tool = 'cut' | 'crop' | 'thumbnail' | 'watermark';

export interface StageTarget {
  ruleIndex: number;
  rule: EditorRule;
  row: FlatItem;
  op: RuleOperation;
  tool: Tool;
  /** The row's DOM key (stable across edits). */
  key: number;
}

export function toolOf(op: RuleOperation): Tool | undefined {
  if (op.name === 'cut' || op.name === 'crop' || op.name === 'thumbnail') return op.name;
  return op.name === 'watermark/1' || op.name === 'watermark/2' ? 'watermark' : undefined;
}

/** Every operation of every rule that has an on-image tool, in order. */
export function stageTargets(rules: EditorRule[], keyOf: (item: object) => number): StageTarget[] {
  return rules.flatMap((rule, ruleIndex) => flatten(rule.model).flatMap((row): StageTarget[] => {
    const op = row.item.kind === 'op' ? row.item : undefined;
    const tool = op && toolOf(op);
    return op && tool ? [{ ruleIndex, rule, row, op, tool, key: keyOf(row.item) }] : [];
  }));
}

const valueOf = (op: RuleOperation, key = '') => op.params.find((p) => p.key === key)?.value;

/** Crop and cut take the last gravity written in their imageMogr2 segment, alone or as a parameter. */
function gravityHolder(t: StageTarget): RuleOperation | undefined {
  const ops = (t.row.group?.ops ?? []).filter((o): o is RuleOperation => o.kind === 'op');
  return ops.filter((o) => o.name === 'gravity' || o.params.some((p) => p.key === 'gravity')).pop();
}

export function gravityOf(t: StageTarget): Gravity {
  if (t.tool === 'watermark') return asGravity(valueOf(t.op, 'gravity'), 'southeast');
  const holder = gravityHolder(t);
  return asGravity(holder && (holder.name === 'gravity' ? valueOf(holder) : valueOf(holder, 'gravity')), 'northwest');
}

/** Writes the gravity where it takes effect; writes nothing when it is already in force. */
export function setGravity(t: StageTarget, gravity: Gravity): void {
  if (gravityOf(t) === gravity) return;
  const holder = t.tool === 'watermark' ? undefined : gravityHolder(t);
  if (holder?.name === 'gravity') setParam(holder, '', gravity);
  else setParam(holder ?? t.op, 'gravity', gravity);
}

/** The region a cut or crop takes from its input, or undefined when its size does not parse. */
export function regionOf(t: StageTarget, image: ImageSize): Region | undefined {
  const value = valueOf(t.op) ?? '';
  if (t.tool === 'cut') {
    const rect = parseCutRect(value);
    return rect.ok ? cutRegion(rect.value, gravityOf(t), image) : undefined;
  }
  const box = parseBoxSize(value, { legacyOffsets: true });
  return box.ok ? cropRegion(box.value, gravityOf(t), image) : undefined;
}

export function writeRegion(t: StageTarget, region: Region, image: ImageSize): void {
  if (t.tool === 'cut') {
    const { rect, gravity } = cutFromRegion(region, gravityOf(t), image);
    setParam(t.op, '', formatCutRect(rect));
    setGravity(t, gravity);
  } else {
    const { box, gravity } = cropFromRegion(region, gravityOf(t), image);
    setParam(t.op, '', formatBoxSize(box));
    setGravity(t, gravity);
  }
}

export function thumbnailOf(t: StageTarget): ThumbnailSize | undefined {
  const size = parseThumbnailSize(valueOf(t.op) ?? '');
  return size.ok ? size.value : undefined;
}

export function thumbnailBoxOf(t: StageTarget, image: ImageSize): ImageSize | undefined {
  const size = thumbnailOf(t);
  return size && thumbnailBox(size, image);
}

export function writeThumbnail(t: StageTarget, size: ThumbnailSize): void {
  setParam(t.op, '', formatThumbnailSize(size));
}

export function offsetsOf(t: StageTarget): { dx: number; dy: number } {
  const n = (key: string) => Math.max(0, Number(valueOf(t.op, key) ?? 0) || 0);
  return { dx: n('dx'), dy: n('dy') };
}

/** Writes the offsets that changed (an untouched one is not added). */
export function writeOffsets(t: StageTarget, next: { dx: number; dy: number }): void {
  const current = offsetsOf(t);
  if (next.dx !== current.dx) setParam(t.op, 'dx', String(next.dx));
  if (next.dy !== current.dy) setParam(t.op, 'dy', String(next.dy));
}
