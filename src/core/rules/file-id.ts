/**
 * Pic-Operations `fileid` values: per-file templates, the percent-encoding that lets non-ASCII names travel
 * in an HTTP header, and the way COS resolves them against the uploaded key (docs/protocol.md#pic-operations).
 */

export interface FileNameSource {
  /** The uploaded file's name; a path before the last / or \ is ignored. */
  name: string;
}

/** Placeholders a fileid template may use. */
export const FILEID_PLACEHOLDERS = ['name', 'ext', 'filename'] as const;

const PLACEHOLDER = /\{([^{}]*)\}/g;

function splitName(fileName: string): { base: string; ext: string } {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? { base: base.slice(0, dot), ext: base.slice(dot + 1) } : { base, ext: '' };
}

/** Placeholders in a template that this module does not know. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((n) => !(FILEID_PLACEHOLDERS as readonly string[]).includes(n));
}

export function hasPlaceholders(template: string): boolean {
  return [...template.matchAll(PLACEHOLDER)].length > 0;
}

/**
 * Expands `{name}` (file name without extension), `{ext}` (extension without the dot) and `{filename}`:
 * `{name}_thumb.{ext}` with `photo.jpg` → `photo_thumb.jpg`. With no extension, `.{ext}` disappears entirely.
 */
export function expandFileId(template: string, file: FileNameSource): string {
  const unknown = unknownPlaceholders(template);
  if (unknown.length > 0) {
    throw new Error(`fileid '${template}' uses unknown placeholder(s) ${unknown.map((u) => `{${u}}`).join(', ')}; use {name}, {ext} or {filename}.`);
  }
  const { base, ext } = splitName(file.name);
  const filename = file.name.split(/[/\\]/).pop() ?? '';
  const values: Record<string, string> = { name: base, ext, filename };
  return (ext === '' ? template.replace(/\.\{ext\}/g, '') : template).replace(PLACEHOLDER, (_, n: string) => values[n]);
}

const needsEncoding = (text: string) => /[^\x20-\x7e]/.test(text);

/**
 * Percent-encodes (UTF-8) what cannot travel in an HTTP header: browsers refuse non-Latin-1 header values (XHR
 * `setRequestHeader` throws) and COS's newer CI pages say fileid "needs URLEncode" (docs/protocol.md#pic-operations,
 * docs/protocol.md#pic-operations — unconfirmed (our inference)). A printable-ASCII fileid is sent as it is; otherwise every character
 * outside printable ASCII, and `%` itself, is encoded, so the receiver can decode exactly. The emulator decodes a
 * fileid only when that yields a non-ASCII name, which matches this rule.
 */
export function encodeFileId(fileid: string): string {
  if (!needsEncoding(fileid)) return fileid;
  let out = '';
  for (const ch of fileid) out += needsEncoding(ch) || ch === '%' ? encodeURIComponent(ch) : ch;
  return out;
}

/** Reverses `encodeFileId`: decodes only when that yields characters a header cannot carry, else keeps the text. */
export function decodeFileId(fileid: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(fileid)) return fileid;
  try {
    const decoded = decodeURIComponent(fileid);
    return needsEncoding(decoded) ? decoded : fileid;
  } catch {
    return fileid;
  }
}

/**
 * The key a fileid produces for an upload to `inputKey` (docs/protocol.md#pic-operations): a leading `/` is absolute from
 * the bucket root; otherwise it is relative to the input key's folder. Both arguments decoded.
 */
export function resolveFileId(inputKey: string, fileid: string): string {
  if (fileid === '' || fileid.endsWith('/')) {
    throw new Error(`fileid '${fileid}' must name an object: it must not be empty or end with /.`);
  }
  if (fileid.startsWith('/')) return fileid.replace(/^\/+/, '');
  const slash = inputKey.lastIndexOf('/');
  return (slash >= 0 ? inputKey.slice(0, slash + 1) : '') + fileid;
}
