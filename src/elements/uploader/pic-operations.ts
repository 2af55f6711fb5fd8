import type { PicOperationRule } from '../../core/rules/pic-header.js';

type PicHeader = typeof import('../../core/rules/pic-header.js');
let picHeader: PicHeader | undefined;
let picHeaderLoading: Promise<unknown> | undefined;

/** The Pic-Operations checks, loaded ahead (the package entry bundles them and hands them over here). */
export function providePicHeader(module: PicHeader): void {
  picHeader = module;
}

/**
 * Resolves once the Pic-Operations checks are there, when `pic-operations` or `rules` asks for processing;
 * undefined when there is nothing to wait for. They are a chunk of their own in the standalone build, so an uploader
 * that does not process never loads them (docs/bundle-size.md#what-a-page-loads). Rejects when the chunk fails to
 * load; the next call tries again.
 */
export function picChecksReady(attribute: string, rules: readonly unknown[] | undefined): Promise<unknown> | undefined {
  if (picHeader || (!attribute.trim() && !rules?.length)) return undefined;
  if (!picHeaderLoading) {
    const load = import('../../core/rules/pic-header.js').then(providePicHeader);
    picHeaderLoading = load;
    load.catch(() => {
      if (picHeaderLoading === load) picHeaderLoading = undefined;
    });
  }
  return picHeaderLoading;
}

/** The checks, or the reason there are none (their chunk did not load: offline, or a deploy removed it). */
function checks(): PicHeader {
  if (!picHeader) throw new Error('the Pic-Operations checks could not be loaded; check the connection and reload the page');
  return picHeader;
}

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
  if (!text && !rules?.length) return {};
  try {
    const { buildPicOperations, parsePicOperations } = checks();
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

/**
 * The header for the file stored under `key`, or the reason that file cannot use it. `{name}`, `{ext}` and
 * `{filename}` come from the key's last segment, not from the picked file's name: a second `photo.jpg` stored as
 * `photo-2.jpg` gets `photo-2_thumb.jpg`, instead of overwriting the first one's outputs.
 */
export function picOperationsFor(header: string, key: string): PicOperationsChoice {
  try {
    return { header: checks().picOperationsForFile(header, { name: key.split('/').pop() ?? key }) };
  } catch (err) {
    return { problem: (err as Error).message };
  }
}
