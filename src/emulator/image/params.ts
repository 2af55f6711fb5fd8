/** Parsing of rule parameter values shared by the op modules (docs/rules.md#base64-values, docs/rules.md#gravity). */
import { decodeBase64Url } from '../../core/rules/base64url.js';
import { LEGACY_COLOR_NAMES } from '../../core/rules/limits.js';
import { invalidArgument, OutOfRangeError } from './errors.js';

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
  if (value === undefined || !/^-?\d+$/.test(value)) throw invalidArgument(`${name} must be an integer; got "${value ?? ''}".`);
  return Number(value);
}

export function requireRange(name: string, value: number, min: number, max: number): number {
  if (value < min || value > max) throw new OutOfRangeError(`${name} must be between ${min} and ${max}; got ${value}.`);
  return value;
}

/** An integer in a range, checked when the rule is compiled. */
export function parseRangedInteger(name: string, value: string | undefined, min: number, max: number): number {
  return requireRange(name, parseInteger(name, value), min, max);
}

/** A value from a fixed list, spelled exactly as documented (`01` is not `1`). */
export function parseChoice<T extends string>(name: string, value: string | undefined, options: readonly T[]): T {
  if (!options.includes(value as T)) throw invalidArgument(`${name} must be one of ${options.join(', ')}; got "${value ?? ''}".`);
  return value as T;
}

/** URL-safe base64, padded or not, decoded by the core's reader so editor and emulator agree (docs/rules.md#base64-values). */
export function decodeBase64Param(name: string, value: string | undefined): string {
  const decoded = decodeBase64Url(value ?? '');
  if (!decoded.ok) throw invalidArgument(`${name} must be URL-safe base64; got "${value ?? ''}" (${decoded.reason}).`);
  if (decoded.text === '') throw invalidArgument(`${name} decodes to an empty value.`);
  return decoded.text;
}

/** A base64 colour parameter: `#RRGGBB`, or one of the legacy colour names such as `white`. */
export function parseColorParam(name: string, value: string | undefined): Rgb {
  const text = decodeBase64Param(name, value);
  const hex = LEGACY_COLOR_NAMES[text] ?? text;
  const digits = /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!digits) throw invalidArgument(`${name} must encode a colour like #RRGGBB; got "${text}".`);
  const n = parseInt(digits, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

export function toHexColor({ r, g, b }: Rgb): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}
