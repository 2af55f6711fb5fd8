/** Shared types of compiled rules: a segment becomes a list of actions over the WorkState. */
import type { Gravity, Rgb } from './params.js';
import type { WorkState } from './state.js';

export type Action = (state: WorkState) => Promise<void>;

/** Segment-wide modifiers of imageMogr2 (docs/rules.md#syntax): they qualify other operations wherever they stand. */
export interface Modifiers {
  gravity?: Gravity;
  pad: boolean;
  color?: Rgb;
}

export type OpCompiler = (value: string | undefined, mods: Modifiers) => Action;

/** A validated segment, ready to run. `ignoreError` returns the segment's input on failure (docs/rules.md#ignore-error). */
export interface SegmentPlan {
  ignoreError: boolean;
  run: Action;
}
