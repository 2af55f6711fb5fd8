import { buildPicOperations, parsePicOperations, picOperationsForFile, type PicOperationRule } from '../../core/rules/pic-header.js';

/** The Pic-Operations an uploader sends, or the reason it cannot send any. */
export interface PicOperationsChoice {
  header?: string;
  problem?: string;
}

/**
 * Picks the header: the `pic-operations` value when set, else one built from `rules` (asking for the
 * original's ImageInfo). Its shape (JSON, at most 5 rules, fileids, buckets) is checked here, so an unusable value
 * is refused before any upload; the rule text itself is checked by COS, which answers a bad one with
 * InvalidPicOperations on that file's row (the rule editor checks the grammar as you type).
 */
export function choosePicOperations(attribute: string, rules: readonly PicOperationRule[] | undefined): PicOperationsChoice {
  const text = attribute.trim();
  try {
    if (text) {
      const errors = parsePicOperations(text).issues.filter((issue) => issue.severity === 'error');
      if (errors.length) return { problem: errors.map((issue) => issue.message).join(' ') };
      return { header: text };
    }
    return rules?.length ? { header: buildPicOperations({ isPicInfo: true, rules: [...rules] }) } : {};
  } catch (err) {
    return { problem: (err as Error).message };
  }
}

// In a module of its own so the row edits' chunk can import it without splitting the first load (docs/bundle-size.md).
export { isProcessableImage } from './image-files.js';

/** The header for one file (`{name}`, `{ext}`, `{filename}` filled in), or the reason that file cannot use it. */
export function picOperationsFor(header: string, file: Blob & { name?: string }): PicOperationsChoice {
  try {
    return { header: picOperationsForFile(header, { name: file.name ?? '' }) };
  } catch (err) {
    return { problem: (err as Error).message };
  }
}
