/**
 * The rule grammar's public API (catalogue, parser, formatter, validator, geometry, Pic-Operations, file ids):
 * re-exported by the core entry. Elements import rules from here, never from the core entry, so a page that
 * shows only the rule editor or the results loads no upload engine (docs/bundle-size.md#chunks).
 */
export { parseRule, parseRuleModel } from './parse.js';
export { formatRule, formatRuleWithSpans, normalizeRule } from './format.js';
export type { FormattedRule, Span } from './format.js';
export { validateRule, MAX_PIPELINE_SEGMENTS } from './validate.js';
export { OPERATIONS, GRAVITIES, IMAGE_FORMATS, findOperation, findParam } from './catalogue.js';
export type { OpSpec, ParamSpec, ParamType, OpGroup, SegmentKind } from './catalogue.js';
export * from './geometry.js';
export { encodeBase64Url, decodeBase64Url } from './base64url.js';
export { paramToken, tokenToValue, valueToToken } from './tokens.js';
export type * from './types.js';
export {
  parsePicOperations, buildPicOperations, serializePicOperations, validatePicOperations, picOperationsForFile, PicOperationsError, MAX_PIC_RULES,
} from './pic-operations.js';
export type { PicOperations, PicOperationRule, PicOperationsIssue } from './pic-operations.js';
export { expandFileId, resolveFileId, encodeFileId, decodeFileId, FILEID_PLACEHOLDERS } from './file-id.js';
export type { FileNameSource } from './file-id.js';
export { RULE_PRESETS } from './presets.js';
export type { RulePreset } from './presets.js';
