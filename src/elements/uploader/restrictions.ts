/** What a page allows, checked on the client before any request is made. */
export interface Restrictions {
  /** Like `<input accept>`: MIME types, `type/*` wildcards and `.ext` extensions, comma-separated. */
  accept?: string;
  /** Largest file in bytes. */
  maxFileSize?: number;
  /** Most files the queue may hold. */
  maxFiles?: number;
}

export type RestrictionReason = 'type' | 'size' | 'count';

export interface RejectedFile<F> {
  file: F;
  reason: RestrictionReason;
}

export interface RestrictionOutcome<F> {
  accepted: F[];
  rejected: RejectedFile<F>[];
}

type FileLike = { name: string; type: string; size: number };

/** Splits an accept list into lower-cased tokens; empty tokens dropped. */
export function parseAccept(accept: string | undefined): string[] {
  return (accept ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
}

/** Whether a file matches an accept list (an empty list accepts everything), as `<input accept>` does. */
export function matchesAccept(file: Pick<FileLike, 'name' | 'type'>, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase().split(';')[0].trim();
  return tokens.some((token) => {
    if (token.startsWith('.')) return name.endsWith(token);
    if (token.endsWith('/*')) return type.startsWith(token.slice(0, -1));
    return type === token;
  });
}

/**
 * Sorts files into accepted and refused. Type and size are checked first, so a wrong file does
 * not use up a place; `existingCount` is how many files the queue already holds.
 */
export function checkRestrictions<F extends FileLike>(
  files: readonly F[],
  restrictions: Restrictions,
  existingCount = 0,
): RestrictionOutcome<F> {
  const tokens = parseAccept(restrictions.accept);
  const accepted: F[] = [];
  const rejected: RejectedFile<F>[] = [];
  const room = restrictions.maxFiles === undefined ? Infinity : Math.max(0, restrictions.maxFiles - existingCount);
  for (const file of files) {
    if (!matchesAccept(file, tokens)) rejected.push({ file, reason: 'type' });
    else if (restrictions.maxFileSize !== undefined && file.size > restrictions.maxFileSize) rejected.push({ file, reason: 'size' });
    else if (accepted.length >= room) rejected.push({ file, reason: 'count' });
    else accepted.push(file);
  }
  return { accepted, rejected };
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4, tib: 1024 ** 4 };

/**
 * Reads a size attribute: a byte count (`1048576`) or a number with a unit (`10MB`, `5 MiB`, `1.5g`),
 * units in powers of 1024. Returns NaN for anything else, so the caller can report it.
 */
export function parseSize(value: string | number): number {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : NaN;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const factor = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined;
  return match && factor !== undefined ? Math.round(Number(match[1]) * factor) : NaN;
}
