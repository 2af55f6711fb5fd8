/**
 * The `Pic-Operations` header (docs/protocol.md#pic-operations) without the rule grammar: JSON shape,
 * at most 5 rules, fileid and bucket checks, `{name}`/`{ext}`/`{filename}` templates and the ASCII encoding.
 * Light callers (the uploader) use it as is; pic-operations.ts adds the grammar check of each rule through
 * `RuleCheck`. A rule the grammar would refuse still gets a clear InvalidPicOperations from COS.
 */
import { decodeFileId, encodeFileId, expandFileId, unknownPlaceholders, type FileNameSource } from './file-id.js';
import type { IssueSeverity } from './types.js';
import { MAX_KEY_BYTES } from '../limits.js';

/** docs/protocol.md#pic-operations: at most 5 rules per request. */
export const MAX_PIC_RULES = 5;

export interface PicOperationRule {
  /** Output bucket `BucketName-APPID`; the upload's bucket when absent. */
  bucket?: string;
  /** Output key, decoded; may hold `{name}`, `{ext}`, `{filename}` templates (see `expandFileId`). */
  fileid: string;
  /** The processing rule, e.g. `imageMogr2/thumbnail/200x/format/webp` or `style/<name>`. */
  rule: string;
  /** Fields this model does not know, kept so nothing is lost. */
  extra?: Record<string, unknown>;
}

export interface PicOperations {
  /** `is_pic_info: 1`: the response describes the original image too. */
  isPicInfo: boolean;
  rules: PicOperationRule[];
  extra?: Record<string, unknown>;
}

export interface PicOperationsIssue {
  severity: IssueSeverity;
  code: string;
  message: string;
  /** `rules[1].fileid`, `is_pic_info`, or '' for the whole header. */
  path: string;
  rule?: number;
  /** Offsets: inside the rule text for rule issues, inside the header for JSON syntax errors. */
  start?: number;
  end?: number;
}

/** Problems in one rule's text (the grammar check), reported on `rules[i].rule`. */
export type RuleCheck = (rule: string) => readonly { severity: IssueSeverity; code: string; message: string; start?: number; end?: number }[];

export class PicOperationsError extends Error {
  constructor(readonly issues: PicOperationsIssue[]) {
    super(`Invalid Pic-Operations: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join(' ')}`);
    this.name = 'PicOperationsError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function rest(source: Record<string, unknown>, known: string[]): Record<string, unknown> | undefined {
  const entries = Object.entries(source).filter(([k]) => !known.includes(k));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Reads a header value; whatever can be read is returned even when there are issues. */
export function parsePicOperations(header: string, checkRule?: RuleCheck): { value: PicOperations; issues: PicOperationsIssue[] } {
  const value: PicOperations = { isPicInfo: false, rules: [] };
  const issue = (code: string, message: string, path = '', extra: Partial<PicOperationsIssue> = {}): PicOperationsIssue =>
    ({ severity: 'error', code, message, path, ...extra });
  let json: unknown;
  try {
    json = JSON.parse(header);
  } catch (e) {
    const at = /position (\d+)/.exec(String(e))?.[1];
    const start = at === undefined ? undefined : Number(at);
    return { value, issues: [issue('bad-json', `The header is not valid JSON: ${(e as Error).message}`, '', { start, end: start === undefined ? undefined : start + 1 })] };
  }
  if (!isObject(json)) return { value, issues: [issue('bad-json', 'The header must be a JSON object like {"is_pic_info":1,"rules":[…]}.')] };
  const issues: PicOperationsIssue[] = [];
  const info = json.is_pic_info;
  if (info !== undefined && info !== 0 && info !== 1) issues.push(issue('bad-is-pic-info', `is_pic_info must be 0 or 1, not ${JSON.stringify(info)}.`, 'is_pic_info'));
  value.isPicInfo = info === 1;
  value.extra = rest(json, ['is_pic_info', 'rules']);
  if (json.rules !== undefined && !Array.isArray(json.rules)) issues.push(issue('bad-rules', 'rules must be an array.', 'rules'));
  const rules: unknown[] = Array.isArray(json.rules) ? json.rules : [];
  rules.forEach((entry, i) => {
    if (!isObject(entry)) {
      issues.push(issue('bad-rule-entry', 'each rule must be an object with fileid and rule.', `rules[${i}]`, { rule: i }));
      return;
    }
    const text = (field: string) => {
      const v = entry[field];
      if (v === undefined || typeof v === 'string') return v;
      issues.push(issue('bad-field', `${field} must be a string.`, `rules[${i}].${field}`, { rule: i }));
      return String(v);
    };
    const bucket = text('bucket');
    const rule: PicOperationRule = { fileid: decodeFileId(text('fileid') ?? ''), rule: text('rule') ?? '' };
    if (bucket !== undefined) rule.bucket = bucket;
    const extra = rest(entry, ['bucket', 'fileid', 'rule']);
    if (extra) rule.extra = extra;
    value.rules.push(rule);
  });
  if (!value.extra) delete value.extra;
  return { value, issues: [...issues, ...validatePicOperations(value, checkRule)] };
}

/** Everything the service would reject, and what only deserves a warning. */
export function validatePicOperations(value: PicOperations, checkRule?: RuleCheck): PicOperationsIssue[] {
  const issues: PicOperationsIssue[] = [];
  if (value.rules.length > MAX_PIC_RULES) {
    issues.push({ severity: 'error', code: 'too-many-rules', path: 'rules', message: `Pic-Operations allows at most ${MAX_PIC_RULES} rules; there are ${value.rules.length}. Remove ${value.rules.length - MAX_PIC_RULES}.` });
  }
  value.rules.forEach((rule, i) => {
    const at = (field: string) => `rules[${i}].${field}`;
    const add = (severity: IssueSeverity, code: string, field: string, message: string, extra: Partial<PicOperationsIssue> = {}) =>
      issues.push({ severity, code, message, path: at(field), rule: i, ...extra });
    if (rule.fileid === '') add('error', 'missing-fileid', 'fileid', 'fileid is required: it names the processed copy.');
    else if (rule.fileid.endsWith('/')) add('error', 'fileid-folder', 'fileid', `fileid '${rule.fileid}' ends with /; it must name an object, not a folder.`);
    const unknown = unknownPlaceholders(rule.fileid);
    if (unknown.length > 0) add('error', 'unknown-placeholder', 'fileid', `fileid uses unknown placeholder(s) ${unknown.map((u) => `{${u}}`).join(', ')}; use {name}, {ext} or {filename}.`);
    if (new TextEncoder().encode(rule.fileid).length > MAX_KEY_BYTES) add('error', 'fileid-too-long', 'fileid', `fileid is longer than the ${MAX_KEY_BYTES} bytes an object key may have.`);
    if (rule.bucket !== undefined && !/^[a-z\d-]+-\d+$/.test(rule.bucket)) {
      add('error', 'bad-bucket', 'bucket', `bucket '${rule.bucket}' must look like BucketName-APPID, e.g. examplebucket-1250000000.`);
    }
    if (rule.rule.trim() === '') {
      add('error', 'missing-rule', 'rule', 'rule is required, e.g. imageMogr2/thumbnail/200x.');
      return;
    }
    for (const problem of checkRule?.(rule.rule) ?? []) {
      add(problem.severity, problem.code, 'rule', problem.message, { start: problem.start, end: problem.end });
    }
  });
  return issues;
}

/** `JSON.stringify` with every non-ASCII character escaped: header values must be ASCII (docs/protocol.md#pic-operations). */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The header text of a value as it stands, without checks or template expansion: what an editor shows while
 * the value is still being fixed. Compact ASCII JSON, fileids percent-encoded (`encodeFileId`).
 */
export function serializePicOperations(value: PicOperations, fileidOf: (rule: PicOperationRule) => string = (r) => r.fileid): string {
  const rules = value.rules.map((rule) => ({
    ...(rule.bucket !== undefined ? { bucket: rule.bucket } : {}), fileid: encodeFileId(fileidOf(rule)), rule: rule.rule, ...rule.extra,
  }));
  return asciiJson({ ...(value.isPicInfo ? { is_pic_info: 1 } : {}), rules, ...value.extra });
}

/**
 * The header value to send. With `file`, fileid templates are expanded for that file first.
 * Throws `PicOperationsError` listing every error when the service would refuse the value.
 */
export function buildPicOperations(value: PicOperations, options: { file?: FileNameSource; checkRule?: RuleCheck } = {}): string {
  const errors = validatePicOperations(value, options.checkRule).filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new PicOperationsError(errors);
  return serializePicOperations(value, (rule) => {
    const fileid = options.file ? expandFileId(rule.fileid, options.file) : rule.fileid;
    if (fileid === '' || fileid.endsWith('/')) {
      throw new PicOperationsError([{ severity: 'error', code: 'fileid-folder', path: 'fileid', message: `fileid '${fileid}' must name an object.` }]);
    }
    return fileid;
  });
}

/** The header to send with one file: templates expanded, everything checked. */
export function picOperationsForFile(header: string | PicOperations, file: FileNameSource, checkRule?: RuleCheck): string {
  if (typeof header !== 'string') return buildPicOperations(header, { file, checkRule });
  const { value, issues } = parsePicOperations(header, checkRule);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new PicOperationsError(errors);
  return buildPicOperations(value, { file });
}
