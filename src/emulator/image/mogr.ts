/** Compiles an imageMogr2 segment: modifiers first (they apply segment-wide), then every operation in order (docs/rules.md#syntax, docs/rules.md#order-of-execution). */
import { invalidArgument, OutOfRangeError, UnsupportedError } from './errors.js';
import { ADJUST_OPS } from './mogr-adjust.js';
import { GEOMETRY_OPS } from './mogr-geometry.js';
import { OUTPUT_OPS } from './mogr-output.js';
import { parseChoice, parseColorParam, parseGravity } from './params.js';
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
    else if (key === 'pad') mods.pad = parseChoice(key, value, ['0', '1']) === '1';
    else if (key === 'ignore-error') ignoreError = parseChoice(key, value, ['0', '1']) === '1';
  }
  const actions: Action[] = [];
  let unsupported: UnsupportedError | undefined;
  for (const { key, value } of steps) {
    if (MODIFIERS.has(key)) continue;
    const compile = Object.hasOwn(OPS, key) ? OPS[key] : undefined;
    if (!compile) throw invalidArgument(`Unknown imageMogr2 operation "${key}".`);
    try {
      actions.push(compile(value, mods));
    } catch (error) {
      if (error instanceof UnsupportedError) {
        unsupported ??= error; // reported once every other operation has been checked
        continue;
      }
      // ignore-error/1 covers a parameter over its limit: the segment then fails at run time and is undone.
      if (!(ignoreError && error instanceof OutOfRangeError)) throw error;
      actions.push(async () => {
        throw error;
      });
    }
  }
  if (unsupported) throw unsupported;
  return {
    ignoreError,
    run: async (state) => {
      for (const action of actions) await action(state);
    },
  };
}
