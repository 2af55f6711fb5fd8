/** Compiles an imageMogr2 segment: modifiers first (they apply segment-wide), then every operation in order (docs/rules.md#syntax, docs/rules.md#order-of-execution). */
import { invalidArgument } from './errors.js';
import { ADJUST_OPS } from './mogr-adjust.js';
import { GEOMETRY_OPS } from './mogr-geometry.js';
import { OUTPUT_OPS } from './mogr-output.js';
import { parseColorParam, parseGravity } from './params.js';
import type { Action, Modifiers, OpCompiler, SegmentPlan } from './plan.js';
import type { RuleStep } from './tokenize.js';

const OPS: Record<string, OpCompiler> = { ...GEOMETRY_OPS, ...ADJUST_OPS, ...OUTPUT_OPS };
const MODIFIERS = new Set(['gravity', 'pad', 'color', 'ignore-error']);

export function compileMogr(steps: RuleStep[]): SegmentPlan {
  const mods: Modifiers = { pad: false };
  let ignoreError = false;
  for (const { key, value } of steps) {
    if (key === 'gravity') mods.gravity = parseGravity(value ?? '');
    else if (key === 'color') mods.color = parseColorParam('color', value);
    else if (key === 'pad' || key === 'ignore-error') {
      if (value !== '0' && value !== '1') throw invalidArgument(`${key} must be 0 or 1; got "${value}".`);
      if (key === 'pad') mods.pad = value === '1';
      else ignoreError = value === '1';
    }
  }
  const actions: Action[] = [];
  for (const { key, value } of steps) {
    if (MODIFIERS.has(key)) continue;
    const compile = Object.hasOwn(OPS, key) ? OPS[key] : undefined;
    if (!compile) throw invalidArgument(`Unknown imageMogr2 operation "${key}".`);
    actions.push(compile(value, mods));
  }
  return {
    ignoreError,
    run: async (state) => {
      for (const action of actions) await action(state);
    },
  };
}
