import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeBase64Url, encodeBase64Url, formatBoxSize, formatThumbnailSize, parseBoxSize, parseThumbnailSize, OPERATIONS, THUMBNAIL_FORMS,
} from '../../../../src/core/index.js';

describe('URL-safe base64', () => {
  it('matches the documented encodings (docs/rules.md#base64-values)', () => {
    assert.equal(encodeBase64Url('#3D3D3D'), 'IzNEM0QzRA');
    assert.equal(encodeBase64Url('#FFFFFF', { pad: true }), 'I0ZGRkZGRg==');
    assert.equal(encodeBase64Url('腾讯云·万象优图'), '6IW-6K6v5LqRwrfkuIfosaHkvJjlm74');
    assert.deepEqual(decodeBase64Url('6IW-6K6v5LqRLeaVsOaNruS4h-ixoQ=='), { ok: true, text: '腾讯云-数据万象' });
    assert.deepEqual(decodeBase64Url('d2hpdGU='), { ok: true, text: 'white' });
  });

  it('round-trips any text', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'http://x.cos.ap-guangzhou.myqcloud.com/水印.png', '😀 ~?']) {
      const decoded = decodeBase64Url(encodeBase64Url(text));
      if (text === '') assert.equal(decoded.ok, false);
      else assert.deepEqual(decoded, { ok: true, text });
    }
  });

  it('says why a token is not base64', () => {
    assert.deepEqual(decodeBase64Url('ab/c'), { ok: false, reason: "'/' is not a URL-safe base64 character (use the URL-safe alphabet: - instead of +, _ instead of /)" });
    assert.deepEqual(decodeBase64Url('abcde'), { ok: false, reason: 'its length is not valid for base64' });
    assert.deepEqual(decodeBase64Url('YQ='), { ok: false, reason: 'its = padding is wrong' });
    assert.deepEqual(decodeBase64Url('_w'), { ok: false, reason: 'it does not decode to UTF-8 text' });
  });
});

describe('geometry', () => {
  it('parses and writes every thumbnail form', () => {
    const tokens = ['!50p', '!50px', '!x50p', '200x', 'x200', '200x300', '200x300>', '200x300<', '!200x300r', '200x300!', '40000@'];
    const forms = tokens.map((t) => {
      const parsed = parseThumbnailSize(t);
      assert.ok(parsed.ok, t);
      assert.equal(formatThumbnailSize(parsed.value), t);
      return parsed.value.form;
    });
    assert.deepEqual([...forms].sort(), [...THUMBNAIL_FORMS].sort());
  });

  it('parses crop sizes, including the legacy offset form', () => {
    for (const t of ['300x', 'x400', '300x400', '!600x600a20a20', '!600x600-20a20']) {
      const parsed = parseBoxSize(t, { legacyOffsets: true });
      assert.ok(parsed.ok, t);
      assert.equal(formatBoxSize(parsed.value), t);
    }
    assert.equal(parseBoxSize('x').ok, false);
    assert.equal(parseBoxSize('!600x600a20a20').ok, false, 'offsets only where crop allows them');
  });

  it('has a catalogue entry for every operation the issue lists', () => {
    const names = OPERATIONS.map((o) => o.name);
    for (const name of ['thumbnail', 'crop', 'cut', 'scrop', 'iradius', 'rradius', 'rotate', 'auto-orient', 'format', 'quality', 'rquality',
      'lquality', 'blur', 'sharpen', 'bright', 'contrast', 'grayscale', 'strip', 'interlace', 'ignore-error', 'size-limit', 'gravity', 'pad',
      'color', 'watermark/1', 'watermark/2', 'imageView2', 'style']) {
      assert.ok(names.includes(name), name);
    }
    for (const op of OPERATIONS) for (const p of [op.main, ...op.params]) if (p) assert.ok(p.label && p.help, `${op.name} ${p.key}`);
  });
});
