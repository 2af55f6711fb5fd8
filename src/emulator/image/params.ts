/** Parsing of rule parameter values shared by the op modules (docs/rules.md#base64-values, docs/rules.md#gravity). */
import { invalidArgument } from './errors.js';

export type Gravity =
  | 'northwest' | 'north' | 'northeast' | 'west' | 'center' | 'east' | 'southwest' | 'south' | 'southeast';

const GRAVITIES: readonly Gravity[] = [
  'northwest', 'north', 'northeast', 'west', 'center', 'east', 'southwest', 'south', 'southeast',
];

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Gravity values are case-insensitive in the docs (`SouthEast`, `southeast`). */
export function parseGravity(value: string): Gravity {
  const lower = value.toLowerCase() as Gravity;
  if (!GRAVITIES.includes(lower)) throw invalidArgument(`Unknown gravity "${value}" (expected one of ${GRAVITIES.join(', ')}).`);
  return lower;
}

/** A whole number written in decimal, optionally negative. Ranges are checked where applied. */
export function parseInteger(name: string, value: string | undefined): number {
  if (value === undefined || !/^-?\d{1,9}$/.test(value)) throw invalidArgument(`${name} must be an integer; got "${value ?? ''}".`);
  return Number(value);
}

export function requireRange(name: string, value: number, min: number, max: number): number {
  if (value < min || value > max) throw invalidArgument(`${name} must be between ${min} and ${max}; got ${value}.`);
  return value;
}

/** URL-safe base64 (`-`/`_`), padded or not (docs/rules.md#base64-values); standard `+`/`/` tolerated. Decodes to UTF-8 text. */
export function decodeBase64Param(name: string, value: string | undefined): string {
  if (value === undefined || !/^[A-Za-z0-9\-_+/]+={0,2}$/.test(value)) {
    throw invalidArgument(`${name} must be URL-safe base64; got "${value ?? ''}".`);
  }
  const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''), 'base64');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text === '') throw invalidArgument(`${name} decodes to an empty value.`);
  return text;
}

const NAMED_COLORS: Record<string, string> = {
  white: '#FFFFFF', black: '#000000', red: '#FF0000', green: '#008000', blue: '#0000FF',
  gray: '#808080', grey: '#808080', yellow: '#FFFF00',
};

/** A base64 colour parameter: `#RRGGBB` (or `#RGB`, or a legacy colour name like `white`). */
export function parseColorParam(name: string, value: string | undefined): Rgb {
  const text = decodeBase64Param(name, value).trim();
  const hex = NAMED_COLORS[text.toLowerCase()] ?? text;
  const long = /^#([0-9a-f]{6})$/i.exec(hex);
  const short = /^#([0-9a-f]{3})$/i.exec(hex);
  const digits = long ? long[1] : short ? short[1].replace(/./g, (c) => c + c) : undefined;
  if (!digits) throw invalidArgument(`${name} must encode a colour like #RRGGBB; got "${text}".`);
  const n = parseInt(digits, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

export function toHexColor({ r, g, b }: Rgb): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}
