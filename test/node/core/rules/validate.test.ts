import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRule } from '../../../../src/core/index.js';

/** [rule, expected issues as `severity code "text at the issue's position"`]. */
const INVALID: [string, string[]][] = [
  ['imageMogr2/bright/150', ['error out-of-range "150"']],
  ['imageMogr2/contrast/-101/rotate/361', ['error out-of-range "-101"', 'error out-of-range "361"']],
  ['imageMogr2/quality/101', ['error out-of-range "101"']],
  ['imageMogr2/sharpen/5', ['error out-of-range "5"']],
  ['imageMogr2/thumbnail/200xx', ['error bad-size "200xx"']],
  ['imageMogr2/thumbnail/0x', ['error out-of-range "0x"']],
  ['imageMogr2/thumbnail/!50', ['error bad-size "!50"']],
  ['imageMogr2/thumbnail/12.5x', ['error bad-size "12.5x"']],
  ['imageMogr2/cut/600x600x100', ['error bad-size "600x600x100"']],
  ['imageMogr2/crop/abc/gravity/middle', ['error bad-size "abc"', 'error bad-gravity "middle"']],
  ['imageMogr2/blur/60x5', ['error out-of-range "60x5"']],
  ['imageMogr2/size-limit/15', ['error bad-size-limit "15"']],
  ['imageMogr2/flip/diagonal', ['error bad-value "diagonal"']],
  ['imageMogr2/thumbnail', ['error missing-value "thumbnail"']],
  ['imageMogr2/rotate/ninety', ['error not-integer "ninety"']],
  ['watermark/2/text/Q0xPVUQ+SU1BR0U/dissolve/0', ['error bad-base64 "Q0xPVUQ+SU1BR0U"', 'error out-of-range "0"']],
  ['watermark/2/text/Q/fill/IzAwMDAwMA', ['error bad-base64 "Q"']],
  ['watermark/2/fill/IzAwMDAwMA', ['error missing-param "watermark/2/fill/IzAwMDAwMA"']],
  ['watermark/2/text/dGV4dA/fill/cmVk', ['warning legacy-color "cmVk"']],
  ['watermark/2/text/dGV4dA/fill/Izk5', ['error bad-color "Izk5"']],
  ['watermark/1/image/aHR0cDovL2EvYi5wbmc/scatype/3/spcent/300', ['error out-of-range "watermark/1/image/aHR0cDovL2EvYi5wbmc/scatype/3/spcent/300"']],
  ['watermark/1/image/aHR0cHM6Ly9hL2IucG5n', ['warning watermark-url "aHR0cHM6Ly9hL2IucG5n"']],
  ['watermark/1/gravity', ['error malformed "watermark/1/gravity"']],
  ['watermark/1/gravity/center', ['error missing-param "watermark/1/gravity/center"']],
  ['imageView2/2/w/0/h/x', ['error out-of-range "0"', 'error not-integer "x"']],
  ['imageView2/9/w/100', ['error bad-value "9"']],
  ['style/my style', ['error bad-name "my style"']],
  ['imageMogr2/thumbnail/200x||imageInfo', ['error empty ""']],
  ['imageMogr2/format/jxl', ['error bad-value "jxl"']],
  ['imageMogr2/thumbnail/20000x', ['warning over-limit "20000x"']],
  ['imageMogr2/pad/1/thumbnail/200x200', ['warning misplaced-modifier "pad/1"']],
  ['imageMogr2/thumbnail/200x/pad/1', ['warning pad-needs-box "thumbnail/200x/pad/1"']],
  ['imageMogr2/thumbnail/200x/thumbnail/100x/gravity/north', ['warning misplaced-modifier "gravity/north"']],
  ['imageMogr2/rotate/90/rotate', ['error missing-value "rotate"']],
  ['imageMogr2/thumbnail/ 200x', ['warning whitespace " 200x"']],
  [Array(11).fill('imageMogr2/strip').join('|'), ['error too-many-segments "' + Array(11).fill('imageMogr2/strip').join('|') + '"']],
  ['', ['error empty-rule ""']],
];

describe('rule issues', () => {
  for (const [text, expected] of INVALID) {
    it(`reports ${JSON.stringify(expected)} for ${text.slice(0, 60)}`, () => {
      const { issues } = parseRule(text);
      assert.deepEqual(issues.map((i) => `${i.severity} ${i.code} "${text.slice(i.start, i.end)}"`), expected);
      for (const issue of issues) assert.match(issue.message, /\w{3,}/);
    });
  }

  it('explains the problem in plain words', () => {
    const [issue] = parseRule('imageMogr2/bright/150').issues;
    assert.equal(issue.message, 'bright: the value must be between -100 and 100, not 150.');
    const [b64] = parseRule('watermark/2/text/a+b').issues;
    assert.match(b64.message, /not valid URL-safe base64: '\+' is not a URL-safe base64 character \(use the URL-safe alphabet/);
  });

  it('locates issues in the model for inline messages', () => {
    const [issue] = parseRule('imageMogr2/strip|imageMogr2/format/png/quality/300').issues;
    assert.deepEqual({ segment: issue.segment, op: issue.op, param: issue.param }, { segment: 1, op: 1, param: 0 });
  });

  it('does not throw on any input', () => {
    for (const text of ['/', '//', '|||', 'imageMogr2/', 'watermark', 'watermark/1/', 'style', 'style/', 'imageView2/', '\n', '\u0000']) {
      assert.doesNotThrow(() => parseRule(text), text);
    }
  });
});
