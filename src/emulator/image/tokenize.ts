/**
 * The emulator's own rule tokenizer (docs/rules.md#syntax, docs/rules.md#pipelines). One function so it can later be
 * swapped for the core rule parser. It only splits; the op modules validate names and values.
 */
import { invalidArgument } from './errors.js';
import { MAX_PIPELINE_SEGMENTS } from './limits.js';

/** One `key/value` step of a segment; `value` is undefined for argument-less keywords. */
export interface RuleStep {
  key: string;
  value?: string;
}

/**
 * One pipeline segment. `imageView2` carries its mode as a `mode` step, `watermark` its type as a
 * `type` step and `style` its name as a `name` step, so every segment is a flat list of steps.
 */
export interface RuleSegment {
  name: 'imageMogr2' | 'imageView2' | 'watermark' | 'imageInfo' | 'imageAve' | 'exif' | 'style';
  steps: RuleStep[];
}

/** imageMogr2 keywords that take no argument (docs/rules.md#syntax). */
const ARGUMENTLESS = new Set(['auto-orient', 'strip']);
const BARE_SEGMENTS = new Set(['imageInfo', 'imageAve', 'exif']);

/**
 * Splits a rule into segments and steps. Whitespace is dropped (docs print rules over several
 * lines, docs/rules.md#syntax); a single trailing `/` per segment is accepted. Throws InvalidArgument on a
 * malformed rule, an unknown segment or more than 10 segments.
 */
export function tokenizeRule(rule: string): RuleSegment[] {
  const compact = rule.replace(/\s+/g, '');
  if (compact === '') throw invalidArgument('The processing rule is empty.');
  const parts = compact.split('|');
  if (parts.length > MAX_PIPELINE_SEGMENTS) {
    throw invalidArgument(`A pipeline has at most ${MAX_PIPELINE_SEGMENTS} segments joined with "|"; got ${parts.length}.`);
  }
  return parts.map((part, index) => {
    const tokens = part.split('/');
    if (tokens.length > 1 && tokens[tokens.length - 1] === '') tokens.pop();
    const empty = tokens.indexOf('');
    if (empty !== -1) throw invalidArgument(`Segment ${index + 1} ("${part}") has an empty token at position ${empty + 1}.`);
    const [head, ...rest] = tokens;
    if (head === 'imageMogr2') return { name: head, steps: mogrSteps(rest, part) };
    if (head === 'imageView2') {
      const steps: RuleStep[] = /^\d+$/.test(rest[0] ?? '') ? [{ key: 'mode', value: rest.shift() }] : [];
      const pairs = pairSteps(rest, part);
      // The mode is positional (imageView2/<mode>/…); a `mode/<n>` pair is not a parameter.
      if (pairs.some((step) => step.key === 'mode')) throw invalidArgument(`"${part}": unknown imageView2 parameter "mode".`);
      return { name: head, steps: [...steps, ...pairs] };
    }
    if (head === 'watermark') {
      if (rest.length === 0) throw invalidArgument(`"${part}": watermark needs a type (1 image, 2 text).`);
      return { name: head, steps: [{ key: 'type', value: rest[0] }, ...pairSteps(rest.slice(1), part)] };
    }
    if (head === 'style') {
      if (rest.length !== 1) throw invalidArgument(`"${part}": a style reference is style/<name>.`);
      return { name: head, steps: [{ key: 'name', value: rest[0] }] };
    }
    if (BARE_SEGMENTS.has(head)) {
      if (rest.length > 0) throw invalidArgument(`"${part}": ${head} takes no parameters.`);
      return { name: head as RuleSegment['name'], steps: [] };
    }
    throw invalidArgument(`Unknown processing "${head}" in "${part}" (expected imageMogr2, imageView2, watermark, imageInfo or imageAve).`);
  });
}

function mogrSteps(tokens: string[], part: string): RuleStep[] {
  if (tokens.length === 0) throw invalidArgument(`"${part}": imageMogr2 needs at least one operation.`);
  const steps: RuleStep[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const key = tokens[i];
    if (ARGUMENTLESS.has(key)) {
      steps.push({ key });
      continue;
    }
    if (i + 1 >= tokens.length) throw invalidArgument(`"${part}": imageMogr2 operation "${key}" needs a value.`);
    steps.push({ key, value: tokens[++i] });
  }
  return steps;
}

function pairSteps(tokens: string[], part: string): RuleStep[] {
  if (tokens.length % 2 !== 0) {
    throw invalidArgument(`"${part}": parameter "${tokens[tokens.length - 1]}" needs a value.`);
  }
  const steps: RuleStep[] = [];
  for (let i = 0; i < tokens.length; i += 2) steps.push({ key: tokens[i], value: tokens[i + 1] });
  return steps;
}
