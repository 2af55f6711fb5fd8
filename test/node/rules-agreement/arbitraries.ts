/**
 * Rule generators for the editor/emulator agreement test: every operation and parameter of the catalogue,
 * with edge values (range bounds ±1, the 9,999 / 50,000 px limits, zero, huge numbers), malformed values
 * and malformed structure (unknown operations, missing values, empty steps, too many segments).
 */
import fc from 'fast-check';
import { OPERATIONS, GRAVITIES, type OpSpec, type ParamSpec } from '../../../src/core/rules/catalogue.js';
import { encodeBase64Url } from '../../../src/core/rules/base64url.js';

const EDGES = [
  0, 1, 2, 9, 10, 11, 49, 50, 51, 99, 100, 101, 249, 250, 251, 299, 300, 301, 359, 360, 361, 999, 1000, 1001,
  9999, 10000, 10001, 16383, 24999, 25000, 25001, 30000, 49999, 50000, 50001, 60000, 99999999, 999999999,
];
const number = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGES) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 100 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60_000 }) },
);
const BAD_NUMBERS = ['', 'abc', '1.5', '+5', '1e3', '0x10', '1234567890', '-'];
const intToken = fc.oneof(
  { weight: 16, arbitrary: number.map(String) },
  { weight: 2, arbitrary: number.map((n) => `-${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('007', '01', '00') },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_NUMBERS) },
);

/** URL-safe base64 of `text`, sometimes padded, sometimes broken. */
const base64Of = (texts: readonly string[]) => fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...texts).map((t) => encodeBase64Url(t)) },
  { weight: 2, arbitrary: fc.constantFrom(...texts).map((t) => encodeBase64Url(t, { pad: true })) },
  { weight: 1, arbitrary: fc.constantFrom('Q', 'a+b', 'YWJj=', 'YW=Jj', '@@', '_-_-', '2w') },
);
const COLORS = ['#FFFFFF', '#3d3d3d', '#000000', '#FFF', 'white', 'White', 'purple', '#GGGGGG', 'red', '#12345'];
const TEXTS = ['Sample', '腾讯云·万象优图', 'a', 'http://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/logo.png', 'https://example.com/x.png', ''];

const pair = (sep = 'x') => fc.tuple(number, number).map(([a, b]) => `${a}${sep}${b}`);
const junk = fc.constantFrom('', 'x', '200xx', '!50', '12.5x', 'abc', '1x2x3', '!x', 'px');

function sizeToken(type: ParamSpec['type']): fc.Arbitrary<string> {
  switch (type) {
    case 'thumbnail-size':
      return fc.oneof(
        number.map((n) => `!${n}p`), number.map((n) => `!${n}px`), number.map((n) => `!x${n}p`),
        number.map((n) => `${n}x`), number.map((n) => `x${n}`), pair(),
        pair().map((s) => `${s}>`), pair().map((s) => `${s}<`), pair().map((s) => `!${s}r`), pair().map((s) => `${s}!`),
        number.map((n) => `${n}@`), junk,
      );
    case 'crop-size':
    case 'box-size':
      return fc.oneof(
        pair(), number.map((n) => `${n}x`), number.map((n) => `x${n}`),
        fc.tuple(number, number, fc.constantFrom('a', '-'), number, fc.constantFrom('a', '-'), number).map(([w, h, mx, x, my, y]) => `!${w}x${h}${mx}${x}${my}${y}`),
        junk,
      );
    case 'cut-rect':
      return fc.oneof(fc.tuple(number, number, number, number).map((n) => n.join('x')), junk);
    case 'blur':
      return fc.oneof(pair(), fc.tuple(number, number, fc.integer({ min: 0, max: 99 })).map(([a, b, c]) => `${a}x${b}.${c}`), junk);
    case 'ratio-range':
      return fc.oneof(pair(), junk);
    case 'size-limit':
      return fc.oneof(fc.tuple(number, fc.constantFrom('k', 'm', 'k!', 'm!', 'K', 'kb', '')).map(([n, u]) => `${n}${u}`), junk);
    case 'quality':
      return fc.oneof(intToken, number.map((n) => `${n}!`));
    default:
      return junk;
  }
}

export function valueFor(spec: ParamSpec): fc.Arbitrary<string> {
  switch (spec.type) {
    case 'int':
      return intToken;
    case 'enum':
      return fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...spec.options!) }, { weight: 1, arbitrary: fc.constantFrom('2', '01', 'X', 'PNG', 'Vertical', '') });
    case 'gravity':
      return fc.constantFrom(...GRAVITIES, 'SouthEast', 'CENTER', 'middle', 'north-west');
    case 'color':
      return base64Of(COLORS);
    case 'base64-text':
    case 'base64-url':
      return base64Of(TEXTS);
    case 'name':
      return fc.constantFrom('mystyle', 'a.b', 'x');
    default:
      return sizeToken(spec.type);
  }
}

const MOGR_OPS = OPERATIONS.filter((op) => op.segment === 'imageMogr2');
const byName = (name: string) => OPERATIONS.find((op) => op.name === name)!;

const mogrStep: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...MOGR_OPS).chain((op) => (op.main ? valueFor(op.main).map((v) => `${op.name}/${v}`) : fc.constant(op.name))) },
  { weight: 1, arbitrary: fc.constantFrom('foo/1', 'Thumbnail/200x', 'radius/5', 'background/d2hpdGU') },
);

const mogrSegment = fc.array(mogrStep, { minLength: 1, maxLength: 3 }).map((steps) => `imageMogr2/${steps.join('/')}`);
/** An operation left without its value at the end of a segment. */
const cutShort = fc.constantFrom(...MOGR_OPS.filter((op) => op.main)).map((op) => `imageMogr2/${op.name}`);

function keyValues(op: OpSpec, extraKeys: string[]): fc.Arbitrary<string[]> {
  const known = fc.constantFrom(...op.params).chain((p) => valueFor(p).map((v) => `${p.key}/${v}`));
  const unknown = fc.constantFrom(...extraKeys).map((k) => `${k}/1`);
  return fc.array(fc.oneof({ weight: 20, arbitrary: known }, { weight: 1, arbitrary: unknown }), { maxLength: 4 });
}

const view2Segment = fc
  .tuple(fc.option(valueFor(byName('imageView2').main!), { freq: 6 }), keyValues(byName('imageView2'), ['x', 'mode', 'quality']))
  .map(([mode, pairs]) => ['imageView2', ...(mode === null ? [] : [mode]), ...pairs].join('/'));

const watermarkSegment = fc.constantFrom('1', '2').chain((type) => {
  const op = byName(`watermark/${type}`);
  const required = type === '1' ? valueFor(op.params[0]).map((v) => [`image/${v}`]) : valueFor(op.params[0]).map((v) => [`text/${v}`]);
  return fc.tuple(fc.option(required, { freq: 8 }), keyValues(op, ['ignore-error', 'image', 'x']))
    .map(([first, rest]) => ['watermark', type, ...(first ?? []), ...rest].join('/'));
});

const otherSegment = fc.constantFrom(
  'imageInfo', 'imageAve', 'exif', 'imageInfo/x', 'style/mystyle', 'style/a/b', 'watermark/3/type/3/text/dGV4dA',
  'watermark/5/text/dGV4dA', 'foo/bar', 'imageMogr2', '',
);

export const segment = fc.oneof(
  { weight: 12, arbitrary: mogrSegment },
  { weight: 1, arbitrary: cutShort },
  { weight: 3, arbitrary: view2Segment },
  { weight: 3, arbitrary: watermarkSegment },
  { weight: 1, arbitrary: otherSegment },
);

/** A whole rule: mostly one or two segments, sometimes more than the ten a pipeline may have, sometimes a trailing `/`. */
export const rule = fc
  .tuple(
    fc.oneof(
      { weight: 30, arbitrary: fc.array(segment, { minLength: 1, maxLength: 2 }) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom('imageMogr2/strip', 'imageMogr2/rotate/90', 'watermark/2/text/dGV4dA'), { minLength: 10, maxLength: 11 }) },
    ),
    fc.boolean(),
  )
  .map(([segments, trailingSlash]) => segments.join('|') + (trailingSlash && segments.length === 1 ? '/' : ''));
