import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatRule, normalizeRule, parseRule } from '../../../../src/core/index.js';
import type { MogrSegment, OpSegment, RuleOperation } from '../../../../src/core/index.js';
import { DOCUMENTED_EXAMPLES, SPEC_RULES } from './examples.js';

const errors = (text: string) => parseRule(text).issues.filter((i) => i.severity === 'error');

describe('parseRule / formatRule round trip', () => {
  for (const text of [...DOCUMENTED_EXAMPLES, ...SPEC_RULES]) {
    it(`round-trips ${text}`, () => {
      assert.equal(formatRule(parseRule(text).rule), text);
    });
  }

  it('finds no errors in the documented examples except the <encodedURL> placeholder', () => {
    const failing = [...DOCUMENTED_EXAMPLES, ...SPEC_RULES].filter((t) => errors(t).length > 0);
    assert.deepEqual(failing, ['watermark/1/image/<encodedURL>/gravity/SouthEast/dx/10/dy/10/blogo/1']);
  });

  it('understands the operations instead of keeping them raw', () => {
    const { rule } = parseRule('imageMogr2/thumbnail/800x800/pad/1/color/I0ZGRkZGRg==/format/webp');
    const [segment] = rule.segments as [MogrSegment];
    assert.deepEqual(segment.ops, [
      { kind: 'op', name: 'thumbnail', params: [{ key: '', value: '800x800' }, { key: 'pad', value: '1' }, { key: 'color', value: '#FFFFFF', raw: 'I0ZGRkZGRg==' }] },
      { kind: 'op', name: 'format', params: [{ key: '', value: 'webp' }] },
    ]);
    const watermark = (parseRule(DOCUMENTED_EXAMPLES[16]).rule.segments[0] as OpSegment).op;
    assert.equal(watermark.name, 'watermark/2');
    assert.equal(watermark.params[0].value, '腾讯云·万象优图');
  });

  it('keeps unknown segments and operations verbatim, in order', () => {
    const text = 'imageMogr2/strip/minisize/1/indexcrop/width/index/2|ci-process=foo|imageMogr2/Thumbnail/9x';
    const { rule, issues } = parseRule(text);
    assert.equal(formatRule(rule), text);
    assert.deepEqual(rule.segments[1], { kind: 'raw', text: 'ci-process=foo', reason: 'unknown-segment' });
    // Kept verbatim, and flagged: the service refuses operations it does not know (docs/rules.md#editor-and-emulator-agreement).
    assert.deepEqual(issues.map((i) => i.code), ['unknown-op', 'unknown-op', 'unknown-segment', 'unknown-op']);
  });

  it('round-trips arbitrary text, however broken', () => {
    const alphabet = ['imageMogr2', 'watermark', '1', '2', 'thumbnail', 'x', '/', '|', ' ', '!', '=', 'é', 'pad', 'style', '', 'AB-_'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: next() % 12 }, () => alphabet[next() % alphabet.length]).join('');
      assert.equal(formatRule(parseRule(text).rule), text);
    }
  });

  it('re-writes only the token that was edited, canonically', () => {
    const { rule } = parseRule('watermark/1/image/aHR0cDovL2EuY29tL3cucG5n/gravity/SouthEast/dx/10/');
    const op = (rule.segments[0] as OpSegment).op;
    op.params.find((p) => p.key === 'dx')!.value = '20';
    assert.equal(formatRule(rule), 'watermark/1/image/aHR0cDovL2EuY29tL3cucG5n/gravity/SouthEast/dx/20/');
    op.params.find((p) => p.key === 'gravity')!.value = 'northwest';
    op.params[0].value = 'http://b.com/w.png';
    assert.equal(formatRule(rule), 'watermark/1/image/aHR0cDovL2IuY29tL3cucG5n/gravity/northwest/dx/20/');
  });

  it('writes a model built in code without the original spelling', () => {
    const thumbnail: RuleOperation = { kind: 'op', name: 'thumbnail', params: [{ key: '', value: '200x' }] };
    const text = formatRule({ segments: [{ kind: 'imageMogr2', ops: [thumbnail, { kind: 'op', name: 'strip', params: [] }] },
      { kind: 'single', op: { kind: 'op', name: 'watermark/2', params: [{ key: 'text', value: '腾讯云' }, { key: 'fill', value: '#3D3D3D' }] } }] });
    assert.equal(text, 'imageMogr2/thumbnail/200x/strip|watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA');
  });

  it('normalizes case, padding and trailing slashes', () => {
    const { rule } = parseRule('imageMogr2/thumbnail/!50p|watermark/2/text/Q0xPVUQgSU1BR0U=/gravity/SouthEast/');
    assert.equal(normalizeRule(rule), 'imageMogr2/thumbnail/!50p|watermark/2/text/Q0xPVUQgSU1BR0U/gravity/southeast');
  });
});
