/**
 * The editor's working copy of a Pic-Operations value and the edits the form makes to a rule's model.
 * A rule's text and model always agree: text edits re-parse, form edits re-format (lossless, so untouched
 * tokens keep their spelling). Edits mutate the model in place so operations keep their identity (DOM keys).
 */
import {
  findOperation, formatRule, parsePicOperations, parseRule, validateRule,
  type ImageRule, type MogrSegment, type PicOperationRule, type PicOperations, type PicOperationsIssue, type RawPart,
  type OpSegment, type RuleIssue, type RuleOperation, type RuleSegment,
} from '../../core/rules/index.js';

export interface EditorRule {
  id: number;
  fileid: string;
  bucket?: string;
  extra?: Record<string, unknown>;
  text: string;
  model: ImageRule;
  issues: RuleIssue[];
}

export interface EditorState {
  isPicInfo: boolean;
  rules: EditorRule[];
  extra?: Record<string, unknown>;
}

let nextId = 1;

/** A rule for the form; non-string fields from a careless page are turned into text rather than dropped. */
export function editorRule(rule: PicOperationRule): EditorRule {
  const { rule: raw, fileid, ...rest } = rule;
  const text = typeof raw === 'string' ? raw : String(raw ?? '');
  const { rule: model, issues } = parseRule(text);
  return { ...rest, fileid: typeof fileid === 'string' ? fileid : String(fileid ?? ''), id: nextId++, text, model, issues };
}

export function fromPicOperations(value: PicOperations): EditorState {
  return { isPicInfo: value.isPicInfo, rules: value.rules.map(editorRule), ...(value.extra ? { extra: value.extra } : {}) };
}

export function toPicOperations(state: EditorState): PicOperations {
  const rules = state.rules.map(({ fileid, bucket, extra, text }) => ({
    ...(bucket !== undefined && bucket !== '' ? { bucket } : {}), fileid, rule: text, ...(extra ? { extra } : {}),
  }));
  return { isPicInfo: state.isPicInfo, rules, ...(state.extra ? { extra: state.extra } : {}) };
}

/** Reads a header; `blocking` issues mean the text is not a header at all (the form keeps its state). */
export function readHeader(text: string): { state?: EditorState; issues: PicOperationsIssue[] } {
  const { value, issues } = parsePicOperations(text);
  const blocking = issues.some((i) => ['bad-json', 'bad-rules', 'bad-rule-entry'].includes(i.code));
  return { state: blocking ? undefined : fromPicOperations(value), issues };
}

export function withText(rule: EditorRule, text: string): EditorRule {
  const { rule: model, issues } = parseRule(text);
  return { ...rule, text, model, issues };
}

/** After the form changed `rule.model`. */
export function withModel(rule: EditorRule): EditorRule {
  return { ...rule, text: formatRule(rule.model), issues: validateRule(rule.model) };
}

/** One row of the form: an imageMogr2 operation (with the segment it came from), or a whole segment. */
export interface FlatItem {
  item: RuleOperation | RawPart | RuleSegment;
  /** The imageMogr2 segment an operation belongs to. */
  group?: MogrSegment;
  segment: number;
  op?: number;
}

export function flatten(model: ImageRule): FlatItem[] {
  return model.segments.flatMap((segment, s): FlatItem[] => {
    if (segment.kind === 'imageMogr2' && segment.ops.length > 0) return segment.ops.map((item, op) => ({ item, group: segment, segment: s, op }));
    return [{ item: segment.kind === 'single' ? segment.op : segment, segment: s }];
  });
}

/** The operation shown for a row (`undefined` for raw text and empty imageMogr2 segments). */
export function rowOperation(row: FlatItem): RuleOperation | undefined {
  return row.item.kind === 'op' ? row.item : undefined;
}

/** Rebuilds segments from rows: neighbouring operations of the same imageMogr2 segment stay together. */
function regroup(model: ImageRule, rows: FlatItem[]): void {
  const segments: RuleSegment[] = [];
  let current: MogrSegment | undefined;
  let currentGroup: MogrSegment | undefined;
  const used = new Set<MogrSegment>();
  for (const row of rows) {
    if (row.group) {
      if (current && currentGroup === row.group) {
        current.ops.push(row.item as RuleOperation | RawPart);
        continue;
      }
      const first = !used.has(row.group);
      used.add(row.group);
      current = first ? { ...row.group, ops: [row.item as RuleOperation | RawPart] } : { kind: 'imageMogr2', ops: [row.item as RuleOperation | RawPart] };
      currentGroup = row.group;
      segments.push(current);
    } else {
      current = currentGroup = undefined;
      const item = row.item;
      segments.push(item.kind === 'op' ? { ...(model.segments[row.segment] as OpSegment), op: item } : (item as RuleSegment));
    }
  }
  model.segments = segments;
}

export function moveRow(model: ImageRule, index: number, delta: -1 | 1): void {
  const rows = flatten(model);
  const target = index + delta;
  if (target < 0 || target >= rows.length) return;
  [rows[index], rows[target]] = [rows[target], rows[index]];
  regroup(model, rows);
}

export function removeRow(model: ImageRule, index: number): void {
  const rows = flatten(model);
  rows.splice(index, 1);
  regroup(model, rows);
}

export function duplicateRow(model: ImageRule, index: number): void {
  const rows = flatten(model);
  rows.splice(index + 1, 0, { ...rows[index], item: structuredClone(rows[index].item) });
  regroup(model, rows);
}

/** A new operation with example values; imageMogr2 operations join a trailing imageMogr2 segment. */
export function addOperation(model: ImageRule, name: string): void {
  const spec = findOperation(name);
  if (!spec) return;
  const params = [spec.main, ...spec.params].filter((p) => p?.example !== undefined).map((p) => ({ key: p!.key, value: p!.example! }));
  const op: RuleOperation = { kind: 'op', name, params };
  const last = model.segments[model.segments.length - 1];
  if (spec.segment !== 'imageMogr2') model.segments.push({ kind: 'single', op });
  else if (last?.kind === 'imageMogr2') last.ops.push(op);
  else model.segments.push({ kind: 'imageMogr2', ops: [op] });
}

/** Sets (or, with `undefined`, removes) a parameter; the positional argument goes first. */
export function setParam(op: RuleOperation, key: string, value: string | undefined): void {
  const index = op.params.findIndex((p) => p.key === key);
  if (value === undefined) {
    if (index >= 0) op.params.splice(index, 1);
  } else if (index >= 0) {
    op.params[index].value = value;
  } else if (key === '') {
    op.params.unshift({ key, value });
  } else {
    op.params.push({ key, value });
  }
}

/** Replaces a raw piece's text; the caller re-parses the rule so recognised text becomes operations. */
export function setRawText(row: FlatItem, text: string): void {
  if (row.item.kind === 'raw') row.item.text = text;
}
