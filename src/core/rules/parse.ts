/**
 * Rule text → model (docs/rules.md#syntax). Never throws and never drops text: what is not understood
 * becomes a `raw` part, so `formatRule(parseRule(s).rule) === s` for every string.
 */
import { findOperation, findParam, ZERO_ARG_MOGR } from './catalogue.js';
import { paramFromToken } from './tokens.js';
import type { ImageRule, MogrSegment, ParsedRule, RawPart, RawReason, RuleOperation, RuleSegment } from './types.js';
import { validateRule } from './validate.js';

/** Parses a rule and reports every problem with its position; see `formatRule` for the way back. */
export function parseRule(text: string): ParsedRule {
  const rule = parseRuleModel(text);
  return { rule, issues: validateRule(rule) };
}

/** The structural parse alone, without validation. */
export function parseRuleModel(text: string): ImageRule {
  if (text === '') return { segments: [] };
  return { segments: text.split('|').map(parseSegment) };
}

const raw = (text: string, reason: RawReason): RawPart => ({ kind: 'raw', text, reason });

export function parseSegment(text: string): RuleSegment {
  const [, before, body, after] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  if (body === '') return raw(text, 'empty');
  const tokens = body.split('/');
  const trailingSlash = tokens.length > 1 && tokens[tokens.length - 1] === '';
  if (trailingSlash) tokens.pop();
  const segment = parseBody(tokens);
  if (segment.kind === 'raw') return { ...segment, text };
  if (before) segment.before = before;
  if (after) segment.after = after;
  if (trailingSlash) segment.trailingSlash = true;
  return segment;
}

function parseBody(tokens: string[]): RuleSegment {
  const [head, ...rest] = tokens;
  const text = tokens.join('/');
  switch (head) {
    case 'imageMogr2':
      return { kind: 'imageMogr2', ops: parseMogrOps(rest) } satisfies MogrSegment;
    case 'imageView2': {
      const op = parseKeyValues('imageView2', rest, true);
      return op ? { kind: 'single', op } : raw(text, 'malformed');
    }
    case 'watermark': {
      // watermark/3 (blind watermark) is documented but not edited here; other numbers do not exist.
      if (rest[0] !== '1' && rest[0] !== '2') return raw(text, rest[0] === '3' ? 'unsupported' : 'unknown-segment');
      const op = parseKeyValues(`watermark/${rest[0]}`, rest.slice(1), false);
      return op ? { kind: 'single', op } : raw(text, 'malformed');
    }
    case 'style':
      if (rest.length !== 1 || rest[0] === '') return raw(text, 'malformed');
      return { kind: 'single', op: { kind: 'op', name: 'style', params: [paramFromToken(findOperation('style')!.main, '', rest[0])] } };
    case 'imageInfo':
    case 'exif':
    case 'imageAve':
      return rest.length === 0 ? { kind: 'single', op: { kind: 'op', name: head, params: [] } } : raw(text, 'malformed');
    default:
      return raw(text, 'unknown-segment');
  }
}

/** After `imageMogr2`: a keyword, then one argument unless it takes none; modifiers join the operation before them. */
function parseMogrOps(tokens: string[]): (RuleOperation | RawPart)[] {
  const ops: (RuleOperation | RawPart)[] = [];
  for (let i = 0; i < tokens.length; ) {
    const name = tokens[i];
    const spec = findOperation(name);
    const known = spec?.segment === 'imageMogr2' ? spec : undefined;
    if (name === '') {
      ops.push(raw('', 'empty'));
      i += 1;
    } else if (known && ZERO_ARG_MOGR.has(name)) {
      ops.push({ kind: 'op', name, params: [] });
      i += 1;
    } else if (i + 1 >= tokens.length) {
      ops.push(raw(name, known ? 'missing-value' : 'unknown-op'));
      i += 1;
    } else if (!known) {
      ops.push(raw(`${name}/${tokens[i + 1]}`, 'unknown-op'));
      i += 2;
    } else {
      const previous = ops[ops.length - 1];
      const modifier = previous?.kind === 'op' ? findParam(findOperation(previous.name)!, name) : undefined;
      if (previous?.kind === 'op' && modifier) previous.params.push(paramFromToken(modifier, name, tokens[i + 1]));
      else ops.push({ kind: 'op', name, params: [paramFromToken(known.main, '', tokens[i + 1])] });
      i += 2;
    }
  }
  return ops;
}

/** `[mode/]key/value/key/value…`; undefined when the pairs do not line up. */
function parseKeyValues(name: string, tokens: string[], withMode: boolean): RuleOperation | undefined {
  const spec = findOperation(name)!;
  const op: RuleOperation = { kind: 'op', name, params: [] };
  let i = 0;
  if (withMode && tokens.length % 2 === 1 && /^\d+$/.test(tokens[0])) {
    op.params.push(paramFromToken(spec.main, '', tokens[0]));
    i = 1;
  }
  if ((tokens.length - i) % 2 !== 0) return undefined;
  for (; i < tokens.length; i += 2) {
    if (tokens[i] === '') return undefined;
    op.params.push(paramFromToken(findParam(spec, tokens[i]), tokens[i], tokens[i + 1]));
  }
  return op;
}
