import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { hmacSha1, sha1 } from '../../../src/core/auth/sha1-fallback.js';
import { fallbackHash } from '../../../src/core/auth/hash.js';
import { getAuthorization } from '../../../src/core/auth/sign.js';
import { nodeHash } from '../../../src/node/node-hash.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const ascii = (text: string) => new TextEncoder().encode(text);

describe('plain TypeScript SHA-1 (FIPS 180 examples)', () => {
  it('hashes the standard messages', () => {
    assert.equal(hex(sha1(ascii(''))), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
    assert.equal(hex(sha1(ascii('abc'))), 'a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.equal(hex(sha1(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))), '84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    assert.equal(hex(sha1(ascii('a'.repeat(1_000_000)))), '34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  it('matches node:crypto at every length around the block and padding edges', () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      assert.equal(hex(sha1(data)), createHash('sha1').update(data).digest('hex'), `length ${length}`);
    }
  });
});

describe('plain TypeScript HMAC-SHA1 (RFC 2202 test cases)', () => {
  it('case 1, 2 and 6 (a key longer than one block)', () => {
    assert.equal(hex(hmacSha1(new Uint8Array(20).fill(0x0b), ascii('Hi There'))), 'b617318655057264e28bc0b6fb378c8ef146be00');
    assert.equal(hex(hmacSha1(ascii('Jefe'), ascii('what do ya want for nothing?'))), 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    assert.equal(hex(hmacSha1(new Uint8Array(80).fill(0xaa), ascii('Test Using Larger Than Block-Size Key - Hash Key First'))),
      'aa4ae5e15272d00e95705637ce8a3b55ed402112');
  });

  it('matches node:crypto for keys of 0..130 bytes', () => {
    for (let length = 0; length <= 130; length += 7) {
      const key = Uint8Array.from({ length }, (_, i) => (i * 13) & 0xff);
      const data = ascii(`message ${length}`);
      assert.equal(hex(hmacSha1(key, data)), createHmac('sha1', key).update(data).digest('hex'));
    }
  });
});

describe('fallbackHash signs as node:crypto does', () => {
  it('gives the official doc signature for an upload with a Chinese key', async () => {
    const options = {
      SecretId: 'AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q', SecretKey: 'BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz',
      Method: 'PUT', Key: 'exampleobject(腾讯云)', KeyTime: '1557989151;1557996351', SignHeaders: 'all',
      Headers: {
        Date: 'Thu, 16 May 2019 06:45:51 GMT', Host: 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com',
        'Content-Type': 'text/plain', 'Content-Length': 13, 'Content-MD5': 'mQ/fVh815F3k6TAUm8m0eg==',
        'x-cos-acl': 'private', 'x-cos-grant-read': 'uin="100000000011"',
      },
    } as const;
    const fallback = await getAuthorization(options, fallbackHash);
    assert.equal(fallback, await getAuthorization(options, nodeHash));
    assert.match(fallback, /q-signature=3b8851a11a569213c17ba8fa7dcf2abec6935172$/);
  });
});
