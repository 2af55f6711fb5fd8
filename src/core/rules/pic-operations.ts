/**
 * The `Pic-Operations` header (docs/protocol.md#pic-operations): up to 5 rules, each writing one
 * processed copy of the uploaded image. Parsing reports issues instead of throwing; building refuses
 * anything the service would reject, with a message that says what to fix. These versions also check
 * each rule against the grammar; pic-header.ts has the same functions without it, for light callers.
 */
import type { FileNameSource } from './file-id.js';
import { parseRule } from './parse.js';
import {
  buildPicOperations as buildHeader, parsePicOperations as parseHeader, picOperationsForFile as headerForFile,
  validatePicOperations as validateHeader, type PicOperations, type PicOperationsIssue,
} from './pic-header.js';

export { MAX_PIC_RULES, PicOperationsError, serializePicOperations } from './pic-header.js';
export type { PicOperationRule, PicOperations, PicOperationsIssue, RuleCheck } from './pic-header.js';

const checkRule = (rule: string) => parseRule(rule).issues;

/** Reads a header value; whatever can be read is returned even when there are issues. */
export function parsePicOperations(text: string): { value: PicOperations; issues: PicOperationsIssue[] } {
  return parseHeader(text, checkRule);
}

/** Everything the service would reject, and what only deserves a warning. */
export function validatePicOperations(value: PicOperations): PicOperationsIssue[] {
  return validateHeader(value, checkRule);
}

/**
 * The header value to send. With `file`, fileid templates are expanded for that file first.
 * Throws `PicOperationsError` listing every error when the service would refuse the value.
 */
export function buildPicOperations(value: PicOperations, options: { file?: FileNameSource } = {}): string {
  return buildHeader(value, { ...options, checkRule });
}

/** The header to send with one file: templates expanded, everything checked. */
export function picOperationsForFile(text: string | PicOperations, file: FileNameSource): string {
  return headerForFile(text, file, checkRule);
}
