/**
 * The compound arguments of imageMogr2 operations (docs/rules.md#operations): thumbnail geometries, crop sizes,
 * cut rectangles, blur, size limits and `quality/<Q>[!]`. Each has a parser that says what is wrong in
 * plain words and a formatter that writes the canonical token.
 */

export type ThumbnailSize =
  | { form: 'scale'; percent: number } // !<S>p
  | { form: 'scale-width'; percent: number } // !<S>px
  | { form: 'scale-height'; percent: number } // !x<S>p
  | { form: 'width'; width: number } // <W>x
  | { form: 'height'; height: number } // x<H>
  | { form: 'fit' | 'shrink' | 'enlarge' | 'cover' | 'force'; width: number; height: number }
  | { form: 'area'; area: number }; // <Area>@

export type ThumbnailForm = ThumbnailSize['form'];

export const THUMBNAIL_FORMS: readonly ThumbnailForm[] = [
  'width', 'height', 'fit', 'shrink', 'enlarge', 'cover', 'force', 'scale', 'scale-width', 'scale-height', 'area',
];

/** A failure with `code` 'out-of-range' is well-formed but over a limit (which `ignore-error/1` tolerates). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; code?: 'out-of-range' };

const fail = (message: string, code?: 'out-of-range'): { ok: false; message: string; code?: 'out-of-range' } => ({ ok: false, message, code });
const INT = String.raw`(\d{1,9})`;

const THUMBNAIL_PATTERNS: [RegExp, (m: number[]) => ThumbnailSize][] = [
  [new RegExp(`^!${INT}p$`), ([s]) => ({ form: 'scale', percent: s })],
  [new RegExp(`^!${INT}px$`), ([s]) => ({ form: 'scale-width', percent: s })],
  [new RegExp(`^!x${INT}p$`), ([s]) => ({ form: 'scale-height', percent: s })],
  [new RegExp(`^${INT}x$`), ([w]) => ({ form: 'width', width: w })],
  [new RegExp(`^x${INT}$`), ([h]) => ({ form: 'height', height: h })],
  [new RegExp(`^${INT}x${INT}$`), ([w, h]) => ({ form: 'fit', width: w, height: h })],
  [new RegExp(`^${INT}x${INT}>$`), ([w, h]) => ({ form: 'shrink', width: w, height: h })],
  [new RegExp(`^${INT}x${INT}<$`), ([w, h]) => ({ form: 'enlarge', width: w, height: h })],
  [new RegExp(`^!${INT}x${INT}r$`), ([w, h]) => ({ form: 'cover', width: w, height: h })],
  [new RegExp(`^${INT}x${INT}!$`), ([w, h]) => ({ form: 'force', width: w, height: h })],
  [new RegExp(`^${INT}@$`), ([a]) => ({ form: 'area', area: a })],
];

function match<T>(token: string, patterns: [RegExp, (m: number[]) => T][]): T | undefined {
  for (const [re, build] of patterns) {
    const m = re.exec(token);
    if (m) return build(m.slice(1).map(Number));
  }
  return undefined;
}

function positive(name: string, n: number): string | undefined {
  return n >= 1 ? undefined : `${name} must be at least 1.`;
}

/** Parses a thumbnail geometry (docs/rules.md#thumbnail): `!50p`, `!50px`, `!x50p`, `200x`, `x200`, `200x300` with `>`, `<`, `!`, `!…r`, `35000@`. */
export function parseThumbnailSize(token: string): Parsed<ThumbnailSize> {
  const size = match(token, THUMBNAIL_PATTERNS);
  if (!size) {
    return fail(`'${token}' is not a thumbnail size; use 200x, x200, 200x300, 200x300>, 200x300<, 200x300!, !200x300r, !50p, !50px, !x50p or 40000@`);
  }
  const problem =
    'percent' in size ? positive('the percentage', size.percent)
    : 'area' in size ? positive('the area', size.area)
    : ('width' in size && positive('the width', size.width)) || ('height' in size && positive('the height', size.height)) || undefined;
  return problem ? fail(problem, 'out-of-range') : { ok: true, value: size };
}

export function formatThumbnailSize(size: ThumbnailSize): string {
  switch (size.form) {
    case 'scale': return `!${size.percent}p`;
    case 'scale-width': return `!${size.percent}px`;
    case 'scale-height': return `!x${size.percent}p`;
    case 'width': return `${size.width}x`;
    case 'height': return `x${size.height}`;
    case 'fit': return `${size.width}x${size.height}`;
    case 'shrink': return `${size.width}x${size.height}>`;
    case 'enlarge': return `${size.width}x${size.height}<`;
    case 'cover': return `!${size.width}x${size.height}r`;
    case 'force': return `${size.width}x${size.height}!`;
    case 'area': return `${size.area}@`;
  }
}

/** `<W>x`, `x<H>`, `<W>x<H>` (crop, scrop), or the legacy crop offset form `!<W>x<H>a<dx>a<dy>` (docs/rules.md#crop). */
export interface BoxSize {
  width?: number;
  height?: number;
  /** Legacy offsets: `a` moves the box by the amount, `-` takes it off the box size. */
  offset?: { x: number; xMode: 'a' | '-'; y: number; yMode: 'a' | '-' };
}

export function parseBoxSize(token: string, options: { legacyOffsets?: boolean } = {}): Parsed<BoxSize> {
  const legacy = /^!(\d{1,9})x(\d{1,9})([a-])(\d{1,9})([a-])(\d{1,9})$/.exec(token);
  if (legacy && options.legacyOffsets) {
    const [, w, h, xMode, x, yMode, y] = legacy;
    const box: BoxSize = { width: +w, height: +h, offset: { x: +x, xMode: xMode as 'a' | '-', y: +y, yMode: yMode as 'a' | '-' } };
    return positive('the width', +w) || positive('the height', +h) ? fail('the width and height must be at least 1', 'out-of-range') : { ok: true, value: box };
  }
  const m = /^(\d{1,9})?x(\d{1,9})?$/.exec(token);
  if (!m || (m[1] === undefined && m[2] === undefined)) {
    return fail(`'${token}' is not a size; use <width>x<height>, <width>x or x<height> (e.g. 300x400)`);
  }
  const box: BoxSize = {};
  if (m[1] !== undefined) box.width = +m[1];
  if (m[2] !== undefined) box.height = +m[2];
  const problem = (box.width !== undefined && positive('the width', box.width)) || (box.height !== undefined && positive('the height', box.height));
  return problem ? fail(problem, 'out-of-range') : { ok: true, value: box };
}

export function formatBoxSize(box: BoxSize): string {
  const size = `${box.width ?? ''}x${box.height ?? ''}`;
  const o = box.offset;
  return o ? `!${size}${o.xMode}${o.x}${o.yMode}${o.y}` : size;
}

/** `cut/<width>x<height>x<dx>x<dy>` (docs/rules.md#cut). */
export interface CutRect { width: number; height: number; x: number; y: number }

export function parseCutRect(token: string): Parsed<CutRect> {
  const m = /^(\d{1,9})x(\d{1,9})x(\d{1,9})x(\d{1,9})$/.exec(token);
  if (!m) return fail(`'${token}' is not a cut rectangle; use <width>x<height>x<dx>x<dy> (e.g. 600x600x100x10)`);
  const [width, height, x, y] = m.slice(1).map(Number);
  const problem = positive('the width', width) || positive('the height', height);
  return problem ? fail(problem, 'out-of-range') : { ok: true, value: { width, height, x, y } };
}

export const formatCutRect = (r: CutRect): string => `${r.width}x${r.height}x${r.x}x${r.y}`;

/** Two numbers joined by `x`: `blur/<radius>x<sigma>` (docs/rules.md#adjustments), `rcrop/<min>x<max>` (docs/rules.md#rcrop). */
export interface NumberPair { a: number; b: number }

export function parseNumberPair(token: string, names: [string, string], decimalsInSecond = false): Parsed<NumberPair> {
  const second = decimalsInSecond ? String.raw`(\d{1,9}(?:\.\d+)?)` : INT;
  const m = new RegExp(`^${INT}x${second}$`).exec(token);
  if (!m) return fail(`'${token}' is not valid; use <${names[0]}>x<${names[1]}>`);
  return { ok: true, value: { a: Number(m[1]), b: Number(m[2]) } };
}

export const formatNumberPair = (p: NumberPair): string => `${p.a}x${p.b}`;

/** `size-limit/<n>k|m[!]` (docs/rules.md#strip-size-limit-minisize). */
export interface SizeLimit { amount: number; unit: 'k' | 'm'; keepSmaller: boolean }

export function parseSizeLimit(token: string): Parsed<SizeLimit> {
  const m = /^(\d{1,9})([km])(!?)$/.exec(token);
  if (!m) return fail(`'${token}' is not a size limit; use a number followed by k or m, optionally !, e.g. 15k or 1m!`);
  const amount = Number(m[1]);
  if (amount < 1) return fail('the size limit must be at least 1', 'out-of-range');
  return { ok: true, value: { amount, unit: m[2] as 'k' | 'm', keepSmaller: m[3] === '!' } };
}

export const formatSizeLimit = (s: SizeLimit): string => `${s.amount}${s.unit}${s.keepSmaller ? '!' : ''}`;

/** `quality/<Q>[!]` and imageView2 `q/<Q>[!]` (docs/rules.md#quality): `!` forces Q even above the input quality. */
export interface AbsoluteQuality { quality: number; force: boolean }

export function parseAbsoluteQuality(token: string): Parsed<AbsoluteQuality> {
  const m = /^(\d{1,9})(!?)$/.exec(token);
  if (!m) return fail(`'${token}' is not a quality; use a number from 0 to 100, optionally followed by !`);
  const quality = Number(m[1]);
  if (quality > 100) return fail(`the quality must be between 0 and 100, not ${quality}.`);
  return { ok: true, value: { quality, force: m[2] === '!' } };
}

export const formatAbsoluteQuality = (q: AbsoluteQuality): string => `${q.quality}${q.force ? '!' : ''}`;
