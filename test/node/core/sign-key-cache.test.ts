// The SignKey of the COS signature is derived once per keys and key time (src/core/auth/hash.ts signKeyFor):
// a batch of POST policies with one set of temporary keys pays one HMAC for it, and signatures stay the same.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signPostPolicy } from '../../../src/core/auth/post-policy.js';
import { computeSignature } from '../../../src/core/auth/sign.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import type { HashProvider } from '../../../src/core/auth/hash.js';

/** nodeHash with every HMAC counted, and a fresh identity (the cache is keyed by provider). */
function countingHash() {
  const hmacs: string[] = [];
  const hash: HashProvider = {
    sha1Hex: (data) => nodeHash.sha1Hex(data),
    hmacSha1Hex: (key, data) => {
      hmacs.push(data);
      return nodeHash.hmacSha1Hex(key, data);
    },
  };
  return { hash, hmacs };
}

const keys = { secretId: 'AKIDexample', secretKey: 'secret-a', securityToken: 'tok', keyTime: '1700000000;1700003600' };

describe('SignKey derived once per keys and key time', () => {
  it('POST policies of one key set (three folders): one SignKey HMAC, same fields as signing each alone', async () => {
    const { hash, hmacs } = countingHash();
    const batch = [];
    for (const key of ['a/', 'b/', 'c/']) batch.push(await signPostPolicy('b-1250000000', key, keys, hash));
    assert.equal(hmacs.filter((d) => d === keys.keyTime).length, 1, 'SignKey computed once');
    assert.equal(hmacs.length, 4, '1 SignKey + 3 signatures');
    for (const [i, key] of ['a/', 'b/', 'c/'].entries()) {
      const alone = await signPostPolicy('b-1250000000', key, keys, countingHash().hash);
      assert.deepEqual(batch[i], alone);
    }
  });

  it('another key time, another secret or another provider derives a new SignKey', async () => {
    const { hash, hmacs } = countingHash();
    await signPostPolicy('b-1250000000', 'a', keys, hash);
    await signPostPolicy('b-1250000000', 'a', { ...keys, keyTime: '1700000001;1700003600' }, hash);
    await signPostPolicy('b-1250000000', 'a', { ...keys, keyTime: '1700000001;1700003600', secretKey: 'secret-b' }, hash);
    assert.equal(hmacs.filter((d) => !d.startsWith('{') && /^\d+;\d+$/.test(d)).length, 3);
    const other = countingHash();
    await signPostPolicy('b-1250000000', 'a', { ...keys, keyTime: '1700000001;1700003600', secretKey: 'secret-b' }, other.hash);
    assert.equal(other.hmacs.length, 2);
  });

  it('header signatures in the same second share it and match a fresh computation', async () => {
    const { hash, hmacs } = countingHash();
    const first = await computeSignature('secret-a', 'PUT', '/a.txt', {}, { host: 'h' }, '1700000000;1700000900', hash);
    const second = await computeSignature('secret-a', 'PUT', '/b.txt', {}, { host: 'h' }, '1700000000;1700000900', hash);
    assert.equal(hmacs.length, 3);
    const fresh = await computeSignature('secret-a', 'PUT', '/b.txt', {}, { host: 'h' }, '1700000000;1700000900', countingHash().hash);
    assert.equal(second.signature, fresh.signature);
    assert.notEqual(first.signature, second.signature);
  });

  it('a failed derivation is not remembered', async () => {
    let fail = true;
    const hash: HashProvider = {
      sha1Hex: (data) => nodeHash.sha1Hex(data),
      hmacSha1Hex: (key, data) => {
        if (fail) return Promise.reject(new Error('crypto unavailable'));
        return nodeHash.hmacSha1Hex(key, data);
      },
    };
    await assert.rejects(signPostPolicy('b-1250000000', 'a', keys, hash), /crypto unavailable/);
    fail = false;
    const fields = await signPostPolicy('b-1250000000', 'a', keys, hash);
    assert.deepEqual(fields, await signPostPolicy('b-1250000000', 'a', keys, countingHash().hash));
  });
});
