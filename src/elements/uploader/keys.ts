/**
 * Object keys for chosen files. The client refuses keys with control characters or `.`/`..`
 * segments (browsers normalise `/../` out of URLs, so such a key would land elsewhere), so names
 * are made safe here instead of failing the upload.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what is being replaced
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** Makes a relative path safe as (part of) a key: control characters and `.`/`..` segments become `_`, empty segments go. */
export function sanitizeKeyPath(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.replace(CONTROL_CHARS, '_'))
    .map((segment) => (segment === '.' || segment === '..' ? '_' : segment))
    .join('/');
}

/**
 * The key for a file: `prefix` + its relative path (a dropped folder keeps its structure), made safe.
 * The prefix is a plain string prefix: end it with `/` to put files in a folder.
 */
export function objectKeyFor(prefix: string, relativePath: string): string {
  const name = sanitizeKeyPath(relativePath) || 'unnamed';
  const key = sanitizeKeyPath(prefix + name);
  return key || name;
}

/** `photos/a.png` → `photos/a-2.png` when the key is already taken in this queue by another file. */
export function uniqueKey(key: string, taken: ReadonlySet<string>): string {
  if (!taken.has(key)) return key;
  const slash = key.lastIndexOf('/');
  const dot = key.lastIndexOf('.');
  const hasExt = dot > slash + 1;
  const stem = hasExt ? key.slice(0, dot) : key;
  const ext = hasExt ? key.slice(dot) : '';
  for (let n = 2; ; n += 1) {
    const candidate = `${stem}-${n}${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}
