/**
 * Rules that change an image's size, with values small enough to render quickly on small inputs (and a few
 * that overflow the 9,999 px output limit): the size half of the agreement test.
 */
import fc from 'fast-check';
import { GRAVITIES } from '../../../src/core/rules/catalogue.js';

const n = (max: number, min = 1) => fc.integer({ min, max });
const side = fc.oneof({ weight: 9, arbitrary: n(300) }, { weight: 1, arbitrary: fc.constantFrom(10_000, 12_000) });
const box = fc.tuple(side, side);

const thumbnail = fc.oneof(
  n(400).map((p) => `!${p}p`), n(400).map((p) => `!${p}px`), n(400).map((p) => `!x${p}p`),
  side.map((w) => `${w}x`), side.map((h) => `x${h}`), box.map(([w, h]) => `${w}x${h}`),
  box.map(([w, h]) => `${w}x${h}>`), box.map(([w, h]) => `${w}x${h}<`), box.map(([w, h]) => `!${w}x${h}r`),
  box.map(([w, h]) => `${w}x${h}!`), n(90_000).map((a) => `${a}@`),
).map((v) => `thumbnail/${v}`);

const crop = fc.oneof(
  box.map(([w, h]) => `${w}x${h}`), n(300).map((w) => `${w}x`), n(300).map((h) => `x${h}`),
  fc.tuple(n(200), n(200), fc.constantFrom('a', '-'), n(40, 0), fc.constantFrom('a', '-'), n(40, 0)).map(([w, h, mx, x, my, y]) => `!${w}x${h}${mx}${x}${my}${y}`),
).map((v) => `crop/${v}`);

const step = fc.oneof(
  { weight: 6, arbitrary: thumbnail },
  { weight: 4, arbitrary: crop },
  { weight: 1, arbitrary: fc.tuple(n(300), n(300)).map(([w, h]) => `scrop/${w}x${h}`) },
  { weight: 2, arbitrary: fc.tuple(n(200), n(200), n(150, 0), n(150, 0)).map((v) => `cut/${v.join('x')}`) },
  { weight: 1, arbitrary: fc.tuple(n(400), n(400)).map(([a, b]) => `rcrop/${Math.min(a, b)}x${Math.max(a, b)}`) },
  { weight: 1, arbitrary: n(80).map((r) => `iradius/${r}`) },
  { weight: 1, arbitrary: n(80).map((r) => `rradius/${r}`) },
  { weight: 2, arbitrary: n(360, 0).map((d) => `rotate/${d}`) },
  { weight: 2, arbitrary: fc.constantFrom(...GRAVITIES).map((g) => `gravity/${g}`) },
  { weight: 1, arbitrary: fc.constantFrom('pad/1', 'pad/1/color/I0ZGMDAwMA', 'ignore-error/1', 'grayscale/1', 'flip/vertical', 'strip', 'rotate/400') },
);

const mogr = fc.array(step, { minLength: 1, maxLength: 3 }).map((steps) => `imageMogr2/${steps.join('/')}`);
const view2 = fc
  .tuple(n(5, 0), fc.option(side), fc.option(side), fc.boolean())
  .map(([mode, w, h, ignore]) => ['imageView2', mode, ...(w ? ['w', w] : []), ...(h ? ['h', h] : []), ...(ignore ? ['ignore-error', 1] : [])].join('/'));

export const geometryRule = fc
  .array(fc.oneof({ weight: 4, arbitrary: mogr }, { weight: 1, arbitrary: view2 }), { minLength: 1, maxLength: 2 })
  .map((segments) => segments.join('|'));
