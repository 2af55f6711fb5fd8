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

/**
 * Hands out keys not yet taken in this queue: `photos/a.png`, then `photos/a-2.png`, `photos/a-3.png`…
 * It remembers the next number per key, so 10,000 files of one name cost O(1) each, not a count from 2.
 */
export class KeyAllocator {
  readonly #taken: Set<string>;
  readonly #next = new Map<string, number>();

  constructor(taken: Iterable<string> = []) {
    this.#taken = new Set(taken);
  }

  /** The key itself when free, else the first free numbered variant; either is taken from now on. */
  take(key: string): string {
    const unique = this.peek(key);
    this.#taken.add(unique);
    return unique;
  }

  /** What `take` would give, without taking it. */
  peek(key: string): string {
    if (!this.#taken.has(key)) return key;
    const slash = key.lastIndexOf('/');
    const dot = key.lastIndexOf('.');
    const hasExt = dot > slash + 1;
    const stem = hasExt ? key.slice(0, dot) : key;
    const ext = hasExt ? key.slice(dot) : '';
    let n = this.#next.get(key) ?? 2;
    while (this.#taken.has(`${stem}-${n}${ext}`)) n += 1;
    this.#next.set(key, n);
    return `${stem}-${n}${ext}`;
  }
}

/** `photos/a.png` → `photos/a-2.png` when the key is already taken in this queue by another file. */
export function uniqueKey(key: string, taken: ReadonlySet<string>): string {
  return new KeyAllocator(taken).peek(key);
}
