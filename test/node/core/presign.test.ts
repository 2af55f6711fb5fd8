import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CosError } from '../../../src/core/http/errors.js';
import { appendRawQuery, checkRawQuery, presignedUrl } from '../../../src/core/auth/presign.js';

const AUTH = 'q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1700000000;1700003600&q-key-time=1700000000;1700003600&q-header-list=host&q-url-param-list=&q-signature=fa96c4b75e5c102a1e8b2cd2c6fca7ff4f723182';
const objectUrl = 'https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/%E6%B5%8B%E8%AF%95%20file.jpg';

describe('presignedUrl (docs/protocol.md#pre-signed-urls)', () => {
  it('puts the q-* pairs first, then the STS token, then the unsigned rule', () => {
    const url = presignedUrl(objectUrl, { authorization: AUTH, securityToken: 'sessTokenEXAMPLE+/=token' }, 'imageMogr2/thumbnail/200x/format/webp');
    assert.equal(url, `${objectUrl}?${AUTH}&x-cos-security-token=sessTokenEXAMPLE%2B%2F%3Dtoken&imageMogr2/thumbnail/200x/format/webp`);
    // The token survives a URL parser intact (a literal '+' would turn into a space).
    assert.equal(new URL(url).searchParams.get('x-cos-security-token'), 'sessTokenEXAMPLE+/=token');
  });

  it('without a token or rule it is the object URL plus the signature', () => {
    assert.equal(presignedUrl(objectUrl, { authorization: AUTH }), `${objectUrl}?${AUTH}`);
  });

  it('a signer answering {url} is used as is, the rule appended with &', () => {
    const signed = `${objectUrl}?${AUTH}`;
    assert.equal(presignedUrl('ignored', { url: signed }, '?imageMogr2/format/png'), `${signed}&imageMogr2/format/png`);
  });
});

describe('raw queries', () => {
  it('appendRawQuery picks ? or & and drops a leading ?', () => {
    assert.equal(appendRawQuery('https://h/k', 'imageMogr2/format/png'), 'https://h/k?imageMogr2/format/png');
    assert.equal(appendRawQuery('https://h/k?a=1', '?imageMogr2/format/png'), 'https://h/k?a=1&imageMogr2/format/png');
    assert.equal(appendRawQuery('https://h/k', ''), 'https://h/k');
    assert.equal(appendRawQuery('https://h/k', undefined), 'https://h/k');
  });

  for (const bad of ['imageMogr2/thumbnail/200x 100', 'a#b', 'a\nb', 'a\u0000b']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.throws(() => checkRawQuery(bad), (e: unknown) => e instanceof CosError && e.code === 'InvalidQuery' && e.source === 'client');
    });
  }
});
