/**
 * Checks a rule model against the catalogue and reports issues located in the formatted text.
 * Errors make a rule unusable (the service would refuse it); warnings keep it usable (docs/rules.md#round-trip).
 */
import { findOperation, findParam, type OpSpec } from './catalogue.js';
import { formatRuleWithSpans, type Span } from './format.js';
import { MAX_PIPELINE_SEGMENTS } from './limits.js';
import { checkValue, type ValueProblem } from './values.js';
import type { IssueSeverity, RawReason, RuleIssue, RuleOperation, RawPart, ImageRule, RuleSegment } from './types.js';

export { MAX_PIPELINE_SEGMENTS } from './limits.js';

const RAW_PROBLEMS: Record<RawReason, [IssueSeverity, (text: string) => string]> = {
  'unknown-op': ['error', (t) => `Unknown operation '${t.split('/')[0]}': the service refuses it (kept as written).`],
  'missing-value': ['error', (t) => `'${t}' needs a value after it.`],
  empty: ['error', () => 'Empty step: remove the extra | or /.'],
  'unknown-segment': ['error', (t) => `'${t.split('/')[0]}' is not a known processing type: the service refuses it (kept as written).`],
  malformed: ['error', (t) => `'${t}' is malformed: parameters must come in key/value pairs.`],
  unsupported: ['warning', (t) => `'${t.split('/').slice(0, 2).join('/')}' is not supported by the editor; it is kept as written.`],
};

export function validateRule(rule: ImageRule): RuleIssue[] {
  const { text, spans } = formatRuleWithSpans(rule);
  const issues: RuleIssue[] = [];
  const add = (severity: IssueSeverity, code: string, message: string, span: Span | undefined, where: Omit<RuleIssue, 'severity' | 'code' | 'message' | 'start' | 'end'>) =>
    issues.push({ severity, code, message, start: span?.[0] ?? 0, end: span?.[1] ?? text.length, ...where });

  if (rule.segments.length === 0) add('error', 'empty-rule', 'The rule is empty.', [0, 0], { segment: 0 });
  if (rule.segments.length > MAX_PIPELINE_SEGMENTS) {
    add('error', 'too-many-segments', `A pipeline has at most ${MAX_PIPELINE_SEGMENTS} steps joined with |; this one has ${rule.segments.length}.`, [0, text.length], { segment: 0 });
  }
  rule.segments.forEach((segment, s) => {
    if (segment.kind === 'raw') {
      if (segment.reason) add(RAW_PROBLEMS[segment.reason][0], segment.reason, RAW_PROBLEMS[segment.reason][1](segment.text.trim()), spans.get(segment), { segment: s });
      return;
    }
    if (segment.before || segment.after) add('warning', 'whitespace', 'Spaces and line breaks are not part of a rule.', spans.get(segment), { segment: s });
    const ignoring = ignoresErrors(segment);
    // With ignore-error/1 a value over its limit makes the service return the segment's input unchanged.
    const severity = (sev: IssueSeverity, code: string): IssueSeverity => (ignoring && code === 'out-of-range' ? 'warning' : sev);
    if (segment.kind === 'single') {
      const info = segment.op.name === 'imageInfo' || segment.op.name === 'imageAve';
      if (info && s < rule.segments.length - 1) {
        add('error', 'info-not-last', `${segment.op.name} answers with JSON, so it must be the last step.`, spans.get(segment), { segment: s });
      }
      checkOp(segment.op, (sev, code, msg, target, param) => add(severity(sev, code), code, msg, spans.get(target), { segment: s, param }));
      return;
    }
    if (segment.ops.length === 0) add('error', 'empty-mogr', 'imageMogr2 needs at least one operation.', spans.get(segment), { segment: s });
    segment.ops.forEach((op, o) => {
      const report: Reporter = (sev, code, msg, target, param) => add(severity(sev, code), code, msg, spans.get(target), { segment: s, op: o, param });
      if (op.kind === 'raw') {
        if (op.reason) report(RAW_PROBLEMS[op.reason][0], op.reason, RAW_PROBLEMS[op.reason][1](op.text), op);
        return;
      }
      checkOp(op, report);
      checkPlacement(op, segment.ops[o + 1], report);
    });
  });
  return issues;
}

type Reporter = (severity: IssueSeverity, code: string, message: string, target: object, param?: number) => void;

function checkOp(op: RuleOperation, report: Reporter): void {
  const spec = findOperation(op.name);
  if (!spec) {
    report('error', 'unknown-op', `Unknown operation '${op.name}': the service refuses it (kept as written).`, op);
    return;
  }
  const seen = new Set<string>();
  op.params.forEach((param, p) => {
    const paramSpec = findParam(spec, param.key);
    const label = param.key ? `${op.name} ${param.key}` : op.name;
    if (seen.has(param.key)) {
      report('warning', 'duplicate-param', `${label} is given more than once; the first one counts.`, param, p);
      if ((param.raw ?? param.value) === '') report('error', 'missing-value', `${label}: a value is required.`, param, p);
      return;
    }
    seen.add(param.key);
    if (!paramSpec) {
      report('error', 'unknown-param', `'${param.key}' is not a parameter of ${op.name}: the service refuses it (kept as written).`, param, p);
      return;
    }
    for (const problem of checkValue(paramSpec, param)) report(problem.severity, problem.code, `${label}: ${problem.message}`, param, p);
  });
  for (const required of requiredParams(spec)) {
    if (!seen.has(required)) report('error', 'missing-param', `${op.name} needs ${required ? `a ${required} value` : 'a value'}.`, op);
  }
  for (const problem of crossChecks(op)) report(problem.severity, problem.code, problem.message, op);
}

function requiredParams(spec: OpSpec): string[] {
  return [spec.main, ...spec.params].filter((p) => p?.required).map((p) => p!.key);
}

const valueOf = (op: RuleOperation, key: string) => op.params.find((p) => p.key === key)?.value;

function crossChecks(op: RuleOperation): ValueProblem[] {
  const problems: ValueProblem[] = [];
  if (op.name === 'thumbnail' && valueOf(op, 'pad') === '1' && !/^\d+x\d+[<>]?$/.test(valueOf(op, '') ?? '')) {
    problems.push({ severity: 'warning', code: 'pad-needs-box', message: 'pad/1 only works with a <width>x<height> size.' });
  }
  if (op.name === 'watermark/1' && valueOf(op, 'image') === undefined && valueOf(op, 'image_key') === undefined) {
    problems.push({ severity: 'error', code: 'missing-param', message: 'watermark/1 needs an image (or image_key) value.' });
  }
  if (op.name.startsWith('watermark/')) {
    const scatype = valueOf(op, 'scatype');
    const spcent = valueOf(op, 'spcent');
    if (scatype !== undefined && spcent === undefined) {
      problems.push({ severity: 'error', code: 'scale-pair', message: 'scatype needs spcent (the size in ‰).' });
    } else if (scatype === undefined && spcent !== undefined) {
      problems.push({ severity: 'warning', code: 'scale-pair', message: 'spcent has no effect without scatype.' });
    } else if (scatype === '3' && Number(spcent) > 250) {
      problems.push({ severity: 'error', code: 'out-of-range', message: `spcent must be at most 250 with scatype/3, not ${spcent}.` });
    }
  }
  if (op.name === 'imageView2' && valueOf(op, '') === undefined && (valueOf(op, 'w') !== undefined || valueOf(op, 'h') !== undefined)) {
    problems.push({ severity: 'error', code: 'missing-param', message: 'imageView2 w and h need a mode: imageView2/<mode>/w/<W>/h/<H>.' });
  }
  return problems;
}

function ignoresErrors(segment: RuleSegment): boolean {
  // A modifier written twice: the last one counts, as for every imageMogr2 modifier.
  const last = (ops: (RuleOperation | RawPart)[]) => ops.filter((op): op is RuleOperation => op.kind === 'op' && op.name === 'ignore-error').pop();
  if (segment.kind === 'imageMogr2') return valueOf(last(segment.ops) ?? { kind: 'op', name: '', params: [] }, '') === '1';
  return segment.kind === 'single' && segment.op.name === 'imageView2' && valueOf(segment.op, 'ignore-error') === '1';
}

/** Standalone modifiers belong next to the operation they change (docs/rules.md#syntax, docs/rules.md#crop). */
function checkPlacement(op: RuleOperation, next: RuleOperation | RawPart | undefined, report: Reporter): void {
  const owners = findOperation(op.name)?.modifierOf;
  if (!owners) return;
  if (op.name === 'gravity' && next?.kind === 'op' && owners.includes(next.name)) return;
  report('warning', 'misplaced-modifier', `${op.name} only has an effect right ${op.name === 'gravity' ? 'before or after' : 'after'} ${owners.join(' or ')}.`, op);
}
