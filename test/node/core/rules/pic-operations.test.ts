import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildPicOperations, decodeFileId, encodeFileId, expandFileId, parsePicOperations, picOperationsForFile, PicOperationsError,
  resolveFileId, RULE_PRESETS, type PicOperations,
} from '../../../../src/core/index.js';

const rule = (n: number) => ({ fileid: `out/${n}.webp`, rule: `imageMogr2/thumbnail/${n}x/format/webp` });

describe('Pic-Operations header', () => {
  it('builds the exact header of docs/protocol.md#test-vectors V2', () => {
    const header = buildPicOperations({ isPicInfo: true, rules: [{ fileid: 'a_thumb.webp', rule: 'imageMogr2/thumbnail/200x/format/webp' }] });
    assert.equal(header, '{"is_pic_info":1,"rules":[{"fileid":"a_thumb.webp","rule":"imageMogr2/thumbnail/200x/format/webp"}]}');
  });

  it('round-trips model → header → model → header', () => {
    const value: PicOperations = {
      isPicInfo: true,
      rules: [
        { bucket: 'other-1250000000', fileid: '/thumbs/{name}.webp', rule: 'imageMogr2/thumbnail/200x/format/webp' },
        { fileid: '相册/缩略图 1.jpg', rule: 'imageMogr2/thumbnail/!50p|watermark/2/text/Q0xPVUQgSU1BR0U=/gravity/southeast', extra: { future: 1 } },
        { fileid: 'style.jpg', rule: 'style/test' },
      ],
      extra: { callback: 'x' },
    };
    const header = buildPicOperations(value);
    const parsed = parsePicOperations(header);
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(parsed.value, value);
    assert.equal(buildPicOperations(parsed.value), header);
  });

  it('keeps is_pic_info off when absent and reads the Go SDK field order', () => {
    const header = '{"rules":[{"bucket":"examplebucket-1250000000","fileid":"x.jpg","rule":"imageMogr2/format/jpg"}]}';
    const { value, issues } = parsePicOperations(header);
    assert.deepEqual(issues, []);
    assert.equal(value.isPicInfo, false);
    assert.equal(buildPicOperations(value), header);
  });

  it('refuses more than 5 rules with a clear message, and accepts exactly 5', () => {
    assert.doesNotThrow(() => buildPicOperations({ isPicInfo: false, rules: [1, 2, 3, 4, 5].map(rule) }));
    const six = { isPicInfo: false, rules: [1, 2, 3, 4, 5, 6].map(rule) };
    assert.throws(() => buildPicOperations(six), (e: unknown) => e instanceof PicOperationsError && /at most 5 rules; there are 6\. Remove 1\./.test(e.message));
    const parsed = parsePicOperations(JSON.stringify({ rules: six.rules }));
    assert.equal(parsed.value.rules.length, 6, 'nothing is dropped');
    assert.deepEqual(parsed.issues.map((i) => [i.code, i.path]), [['too-many-rules', 'rules']]);
  });

  it('refuses a fileid ending in /, an empty fileid, a bad bucket and a rule with errors', () => {
    const bad: PicOperations = {
      isPicInfo: true,
      rules: [
        { fileid: 'thumbs/', rule: 'imageMogr2/thumbnail/200x' },
        { fileid: '', rule: 'imageMogr2/strip' },
        { bucket: 'Bad_Bucket', fileid: 'a.jpg', rule: 'imageMogr2/strip' },
        { fileid: 'b.jpg', rule: 'imageMogr2/bright/150' },
        { fileid: 'c.jpg', rule: '' },
      ],
    };
    try {
      buildPicOperations(bad);
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof PicOperationsError);
      assert.deepEqual(e.issues.map((i) => `${i.path} ${i.code}`), [
        'rules[0].fileid fileid-folder', 'rules[1].fileid missing-fileid', 'rules[2].bucket bad-bucket', 'rules[3].rule out-of-range', 'rules[4].rule missing-rule',
      ]);
      assert.match(e.message, /rules\[0\]\.fileid: fileid 'thumbs\/' ends with \/; it must name an object, not a folder\./);
      assert.deepEqual([e.issues[3].start, e.issues[3].end], [18, 21], 'rule issues point into the rule text');
    }
  });

  it('builds with warnings, and refuses unknown operations the service would refuse', () => {
    const header = buildPicOperations({ isPicInfo: false, rules: [{ fileid: 'x.jpg', rule: 'imageMogr2/minisize/1/thumbnail/20000x' }] });
    assert.match(header, /thumbnail\/20000x/);
    assert.throws(() => buildPicOperations({ isPicInfo: false, rules: [{ fileid: 'x.jpg', rule: 'imageMogr2/minisize/1/newop/3' }] }), /Unknown operation 'newop'/);
  });

  it('reports invalid JSON and wrong shapes without throwing', () => {
    const broken = parsePicOperations('{"rules":[{"fileid":"a.jpg" "rule":"x"}]}');
    assert.equal(broken.issues[0].code, 'bad-json');
    assert.equal(broken.issues[0].start, 28);
    assert.deepEqual(parsePicOperations('[1]').issues.map((i) => i.code), ['bad-json']);
    const shapes = parsePicOperations('{"is_pic_info":2,"rules":[7,{"fileid":3,"rule":"imageMogr2/strip"}]}');
    assert.deepEqual(shapes.issues.map((i) => `${i.path} ${i.code}`), ['is_pic_info bad-is-pic-info', 'rules[0] bad-rule-entry', 'rules[1].fileid bad-field']);
  });

  it('produces an ASCII-only header even with Chinese names', () => {
    const header = buildPicOperations({ isPicInfo: true, rules: [{ fileid: '缩略图/猫.webp', rule: 'style/样式' }] });
    assert.match(header, /^[\x20-\x7e]+$/);
    assert.match(header, /"fileid":"%E7%BC%A9%E7%95%A5%E5%9B%BE\/%E7%8C%AB\.webp"/);
    assert.equal(JSON.parse(header).rules[0].rule, 'style/样式');
    assert.equal(parsePicOperations(header).value.rules[0].fileid, '缩略图/猫.webp');
  });
});

describe('fileid templates, encoding and resolution', () => {
  it('expands {name}, {ext} and {filename} per file', () => {
    assert.equal(expandFileId('{name}_thumb.{ext}', { name: 'photo.jpg' }), 'photo_thumb.jpg');
    assert.equal(expandFileId('thumbs/{filename}', { name: 'a.b.png' }), 'thumbs/a.b.png');
    assert.equal(expandFileId('{name}_thumb.{ext}', { name: 'README' }), 'README_thumb');
    assert.equal(expandFileId('{name}.webp', { name: 'C:\\pics\\.hidden' }), '.hidden.webp');
    assert.throws(() => expandFileId('{nmae}.jpg', { name: 'a.jpg' }), /unknown placeholder\(s\) \{nmae\}; use \{name\}, \{ext\} or \{filename\}/);
  });

  it('expands and encodes Chinese file names for the header', () => {
    const header = picOperationsForFile('{"is_pic_info":1,"rules":[{"fileid":"{name}_缩略图.{ext}","rule":"imageMogr2/thumbnail/200x"}]}', { name: '我的照片 1.PNG' });
    assert.equal(header, '{"is_pic_info":1,"rules":[{"fileid":"%E6%88%91%E7%9A%84%E7%85%A7%E7%89%87 1_%E7%BC%A9%E7%95%A5%E5%9B%BE.PNG","rule":"imageMogr2/thumbnail/200x"}]}');
    assert.equal(decodeFileId(JSON.parse(header).rules[0].fileid), '我的照片 1_缩略图.PNG');
  });

  it('leaves printable ASCII alone and encodes the rest, with %, so decoding is exact', () => {
    assert.equal(encodeFileId('a b/c-d_(1)%20.jpg'), 'a b/c-d_(1)%20.jpg');
    assert.equal(encodeFileId('é 100%.jpg'), '%C3%A9 100%25.jpg');
    assert.equal(encodeFileId('a\n😀'), 'a%0A%F0%9F%98%80');
    for (const s of ['100%.jpg', '照片/😀 %41.png', 'plain%41.jpg', 'tab\there']) assert.equal(decodeFileId(encodeFileId(s)), s);
    assert.equal(decodeFileId('50%-off.jpg'), '50%-off.jpg', 'a stray % stays');
    assert.equal(decodeFileId('%E7%8C%AB%ZZ'), '%E7%8C%AB%ZZ', 'malformed escapes are kept as written');
  });

  it('resolves fileids the way COS does (docs/protocol.md#pic-operations)', () => {
    assert.equal(resolveFileId('p1/test1.jpg', '/p2/test2.jpg'), 'p2/test2.jpg');
    assert.equal(resolveFileId('p1/test1.jpg', 'p2/test2.jpg'), 'p1/p2/test2.jpg');
    assert.equal(resolveFileId('test1.jpg', 'p2/test2.jpg'), 'p2/test2.jpg');
    assert.equal(resolveFileId('相册/猫.jpg', '猫_thumb.jpg'), '相册/猫_thumb.jpg');
    assert.equal(resolveFileId('p1/test1.jpg', 'test1.jpg'), 'p1/test1.jpg', 'same key overwrites the original');
    assert.throws(() => resolveFileId('p1/a.jpg', 'p2/'), /must not be empty or end with \//);
  });

  it('ships presets that build cleanly', () => {
    assert.ok(RULE_PRESETS.length >= 4);
    const header = buildPicOperations({ isPicInfo: true, rules: RULE_PRESETS.map((p) => p.rule) }, { file: { name: 'cat.jpg' } });
    assert.deepEqual(JSON.parse(header).rules.map((r: { fileid: string }) => r.fileid), ['cat_200.webp', 'cat_avatar.jpg', 'cat_wm.jpg', 'cat_q80.jpg']);
  });
});
