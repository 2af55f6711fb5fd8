/**
 * The image-rule model (docs/rules.md#syntax): a pipeline of segments, each keeping the text it was parsed
 * from closely enough that formatting an untouched rule gives back the exact input (docs/rules.md#round-trip).
 */

/** One argument of an operation. */
export interface RuleParam {
  /** '' for the positional argument (`thumbnail/200x`), else the keyword (`gravity`, `w`, `text`…). */
  key: string;
  /** The value as the editor shows it: decoded text for base64 arguments, lower-case gravity, else the token. */
  value: string;
  /** The token as written, kept only when it differs from the canonical spelling of `value`. */
  raw?: string;
}

/** An operation the catalogue knows: an imageMogr2 keyword, or a whole imageView2/watermark/style/info segment. */
export interface RuleOperation {
  kind: 'op';
  /** Catalogue name: `thumbnail`, `crop`, `imageView2`, `watermark/1`, `watermark/2`, `style`, `imageInfo`… */
  name: string;
  params: RuleParam[];
}

/** Why a piece of text was kept verbatim instead of being understood. */
export type RawReason = 'unknown-op' | 'missing-value' | 'empty' | 'unknown-segment' | 'malformed' | 'unsupported';

/** Text kept exactly as written: an unknown operation inside imageMogr2, or a whole unknown segment. */
export interface RawPart {
  kind: 'raw';
  text: string;
  reason?: RawReason;
}

interface SegmentText {
  /** Whitespace before/after the segment (docs print pipelines over several lines). */
  before?: string;
  after?: string;
  /** The segment ended with a single `/` (`imageMogr2/thumbnail/200x/`, docs/rules.md#syntax). */
  trailingSlash?: boolean;
}

/** `imageMogr2/op/arg/op/arg…`: several chained operations. */
export interface MogrSegment extends SegmentText {
  kind: 'imageMogr2';
  ops: (RuleOperation | RawPart)[];
}

/** A segment that is a single operation: `imageView2/…`, `watermark/1|2/…`, `style/<name>`, `imageInfo`, `exif`, `imageAve`. */
export interface OpSegment extends SegmentText {
  kind: 'single';
  op: RuleOperation;
}

export interface RawSegment {
  kind: 'raw';
  text: string;
  reason?: RawReason;
}

export type RuleSegment = MogrSegment | OpSegment | RawSegment;

/** A whole rule: segments joined with `|`, executed left to right (docs/rules.md#pipelines). */
export interface ImageRule {
  segments: RuleSegment[];
}

export type IssueSeverity = 'error' | 'warning';

/** A problem found in a rule, located in its text by character offsets. */
export interface RuleIssue {
  severity: IssueSeverity;
  /** Stable machine-readable code, e.g. `out-of-range`, `bad-base64`, `bad-size`, `unknown-op`. */
  code: string;
  message: string;
  /** Offsets in the formatted rule text: [start, end). */
  start: number;
  end: number;
  /** Where in the model: segment index, operation index inside an imageMogr2 segment, parameter index. */
  segment: number;
  op?: number;
  param?: number;
}

export interface ParsedRule {
  rule: ImageRule;
  issues: RuleIssue[];
}
