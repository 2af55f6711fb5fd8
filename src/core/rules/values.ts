/**
 * Checks one parameter value against its catalogue entry: number ranges, option lists, sizes, base64.
 * Messages are plain sentences; the caller prefixes the operation name.
 */
import { decodeBase64Url } from './base64url.js';
import { GRAVITIES, type ParamSpec } from './catalogue.js';
import {
  parseAbsoluteQuality, parseBoxSize, parseCutRect, parseNumberPair, parseSizeLimit, parseThumbnailSize, type Parsed,
} from './geometry.js';
import { LEGACY_COLOR_NAMES, MAX_BLUR_SIGMA, MAX_SCALE_PERCENT, MAX_SIDE_ARGUMENT } from './limits.js';
import { isBase64Param } from './tokens.js';
import type { IssueSeverity, RuleParam } from './types.js';

export interface ValueProblem {
  severity: IssueSeverity;
  code: string;
  message: string;
}

const error = (code: string, message: string): ValueProblem => ({ severity: 'error', code, message });
const warning = (code: string, message: string): ValueProblem => ({ severity: 'warning', code, message });

function range(value: number, min: number | undefined, max: number | undefined, what = 'the value'): ValueProblem | undefined {
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const bounds = max === undefined ? `at least ${min}` : min === undefined ? `at most ${max}` : `between ${min} and ${max}`;
    return error('out-of-range', `${what} must be ${bounds}, not ${value}.`);
  }
  return undefined;
}

function soft(values: (number | undefined)[], softMax: number | undefined): ValueProblem | undefined {
  const over = values.find((v) => softMax !== undefined && v !== undefined && v > softMax);
  return over === undefined ? undefined : warning('over-limit', `${over} px is above the ${softMax} px the service produces.`);
}

/** A pixel size no COS limit allows: an error, since no input can make it work. */
function side(values: (number | undefined)[]): ValueProblem | undefined {
  const over = values.find((v) => v !== undefined && v > MAX_SIDE_ARGUMENT);
  return over === undefined ? undefined : error('out-of-range', `${over} px is above the ${MAX_SIDE_ARGUMENT} px any image side may have.`);
}

function fromParsed<T>(parsed: Parsed<T>, code: string, more: (value: T) => (ValueProblem | undefined)[]): ValueProblem[] {
  if (!parsed.ok) return [error(parsed.code ?? code, parsed.message)];
  return more(parsed.value).filter((p): p is ValueProblem => p !== undefined);
}

export function checkValue(spec: ParamSpec, param: RuleParam): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const token = param.raw ?? param.value;
  if (token !== token.trim()) problems.push(warning('whitespace', 'spaces around the value are not part of a rule.'));
  if (isBase64Param(spec) && param.raw !== undefined) {
    const decoded = decodeBase64Url(param.raw.trim());
    if (!decoded.ok) return [...problems, error('bad-base64', `'${param.raw}' is not valid URL-safe base64: ${decoded.reason}.`)];
  }
  return [...problems, ...checkText(spec, param.value)];
}

function checkText(spec: ParamSpec, value: string): ValueProblem[] {
  if (value === '') return [error('missing-value', 'a value is required.')];
  switch (spec.type) {
    case 'int': {
      if (!/^-?\d+$/.test(value)) return [error('not-integer', `'${value}' is not a whole number.`)];
      return [range(Number(value), spec.min, spec.max), soft([Number(value)], spec.softMax)].filter((p): p is ValueProblem => !!p);
    }
    case 'enum':
      if (spec.options!.includes(value)) return [];
      return [error('bad-value', `'${value}' must be one of ${spec.options!.join(', ')}.`)];
    case 'gravity':
      return (GRAVITIES as readonly string[]).includes(value) ? [] : [error('bad-gravity', `'${value}' is not a position; use one of ${GRAVITIES.join(', ')}.`)];
    case 'color':
      if (/^#[0-9a-f]{6}$/i.test(value)) return [];
      if (Object.hasOwn(LEGACY_COLOR_NAMES, value)) return [warning('legacy-color', `the colour name '${value}' is a legacy form; prefer #RRGGBB.`)];
      return [error('bad-color', `'${value}' is not a colour; use #RRGGBB, e.g. #FFFFFF.`)];
    case 'base64-text':
      return [];
    case 'base64-url':
      if (value.startsWith('http://')) return [];
      return [warning('watermark-url', `'${value}' should be an http:// URL of an image in the same bucket.`)];
    case 'thumbnail-size':
      return fromParsed(parseThumbnailSize(value), 'bad-size', (size) => [
        'percent' in size && size.percent > MAX_SCALE_PERCENT ? error('out-of-range', `the scale must be at most ${MAX_SCALE_PERCENT} %, not ${size.percent}.`) : undefined,
        'area' in size && size.area > MAX_SIDE_ARGUMENT ** 2 ? error('out-of-range', `an area of ${size.area} px is above any image's.`) : undefined,
        side(['width' in size ? size.width : undefined, 'height' in size ? size.height : undefined]),
        soft(['width' in size ? size.width : undefined, 'height' in size ? size.height : undefined], spec.softMax),
      ]);
    case 'crop-size':
    case 'box-size':
      return fromParsed(parseBoxSize(value, { legacyOffsets: spec.type === 'crop-size' }), 'bad-size', (box) => [
        box.offset ? warning('legacy', 'the !WxHaXaY offset form is legacy and may not work on the current service.') : undefined,
        box.offset && ((box.offset.xMode === '-' && box.width! <= box.offset.x) || (box.offset.yMode === '-' && box.height! <= box.offset.y))
          ? error('bad-size', 'the - offsets leave nothing of the box.') : undefined,
        side([box.width, box.height]),
        soft([box.width, box.height], spec.softMax),
      ]);
    case 'cut-rect':
      return fromParsed(parseCutRect(value), 'bad-size', (r) => [side([r.width, r.height]), soft([r.width, r.height], spec.softMax)]);
    case 'blur':
      return fromParsed(parseNumberPair(value, ['radius', 'sigma'], true), 'bad-blur', ({ a, b }) => [
        range(a, spec.min, spec.max, 'the radius'),
        b <= 0 || b > MAX_BLUR_SIGMA ? error('out-of-range', `the sigma must be above 0 and at most ${MAX_BLUR_SIGMA}, not ${b}.`) : undefined,
      ]);
    case 'ratio-range':
      return fromParsed(parseNumberPair(value, ['min', 'max']), 'bad-ratio', ({ a, b }) => [
        range(a, spec.min, spec.max, 'the minimum ratio') ?? range(b, spec.min, spec.max, 'the maximum ratio'),
        a > b && a <= spec.max! && b >= spec.min! ? error('bad-ratio', `the minimum ratio ${a} is above the maximum ${b}.`) : undefined,
      ]);
    case 'size-limit':
      return fromParsed(parseSizeLimit(value), 'bad-size-limit', () => []);
    case 'quality': {
      const m = /^(-?\d+)(!?)$/.exec(value);
      if (!m) return fromParsed(parseAbsoluteQuality(value), 'bad-quality', () => []);
      return [range(Number(m[1]), 0, 100, 'the quality')].filter((p): p is ValueProblem => !!p);
    }
    case 'name':
      return /^[^\s/|?#]+$/.test(value) ? [] : [error('bad-name', `'${value}' is not a style name (no spaces, /, |, ? or #).`)];
  }
}
