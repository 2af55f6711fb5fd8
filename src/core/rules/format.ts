/**
 * Model → rule text. Untouched tokens come back exactly as they were written; edited values are
 * written canonically (docs/rules.md#round-trip). Also records where each part landed, for issue positions.
 */
import { findOperation, findParam } from './catalogue.js';
import { canonicalParam, paramToken } from './tokens.js';
import type { ImageRule, RawPart, RuleOperation, RuleSegment } from './types.js';

export type Span = readonly [start: number, end: number];

export interface FormattedRule {
  text: string;
  /** Where each segment, operation and parameter value (by object identity) sits in `text`. */
  spans: Map<object, Span>;
}

export function formatRule(rule: ImageRule): string {
  return formatRuleWithSpans(rule).text;
}

/** The canonical text of a rule: every token re-written, trailing `/` and stray whitespace dropped. */
export function normalizeRule(rule: ImageRule): string {
  const canonicalOp = <T extends RuleOperation | RawPart>(op: T): T => {
    if (op.kind === 'raw') return op;
    const spec = findOperation(op.name);
    return { ...op, params: op.params.map((p) => canonicalParam(spec ? findParam(spec, p.key) : undefined, p)) };
  };
  return formatRule({
    segments: rule.segments.map((s) =>
      s.kind === 'imageMogr2' ? { kind: s.kind, ops: s.ops.map(canonicalOp) } : s.kind === 'single' ? { kind: s.kind, op: canonicalOp(s.op) } : s,
    ),
  });
}

export function formatRuleWithSpans(rule: ImageRule): FormattedRule {
  let text = '';
  const spans = new Map<object, Span>();
  const mark = (target: object, write: () => void) => {
    const start = text.length;
    write();
    spans.set(target, [start, text.length]);
  };
  const writeOp = (op: RuleOperation | RawPart) =>
    mark(op, () => {
      if (op.kind === 'raw') {
        text += op.text;
        return;
      }
      const spec = findOperation(op.name);
      text += op.name;
      // The positional argument always follows the name, whatever order the params array has.
      const ordered = [...op.params.filter((p) => p.key === ''), ...op.params.filter((p) => p.key !== '')];
      for (const param of ordered) {
        text += param.key === '' ? '/' : `/${param.key}/`;
        const paramSpec = spec ? findParam(spec, param.key) : undefined;
        mark(param, () => (text += paramToken(paramSpec, param)));
      }
    });
  const writeSegment = (segment: RuleSegment) => {
    if (segment.kind === 'raw') {
      mark(segment, () => (text += segment.text));
      return;
    }
    text += segment.before ?? '';
    mark(segment, () => {
      if (segment.kind === 'imageMogr2') {
        text += 'imageMogr2';
        for (const op of segment.ops) {
          text += '/';
          writeOp(op);
        }
      } else {
        writeOp(segment.op);
      }
      if (segment.trailingSlash) text += '/';
    });
    text += segment.after ?? '';
  };
  rule.segments.forEach((segment, i) => {
    if (i > 0) text += '|';
    writeSegment(segment);
  });
  return { text, spans };
}

