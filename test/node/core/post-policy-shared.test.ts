// One POST Object policy per folder while a set of temporary keys lasts (docs/many-files-throughput.md#one-post-policy-per-folder):
// the provider signs `["starts-with","$key",folder]` once and every small file of that folder reuses it with its own
// `key` field. The emulator enforces the condition both ways, through the real client and STS provider.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCredentialsProvider } from '../../../src/core/auth/credentials.js';
import { createStsTokenProvider } from '../../../src/core/index.js';
import { policyPrefixOf } from '../../../src/core/auth/post-policy.js';
import { buildPostForm } from '../../../src/core/post-form.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import type { HashProvider } from '../../../src/core/auth/hash.js';
import { errorOf, fileOf, prefixFor, startLab, type Lab } from '../reliability/helpers.js';

/** nodeHash with every SHA-1 of a policy text counted, and a fresh identity (SignKeys are remembered per provider). */
function countingHash(fail?: () => boolean) {
  const policies: string[] = [];
  const hash: HashProvider = {
    sha1Hex: (data) => {
      if (fail?.()) return Promise.reject(new Error('crypto unavailable'));
      policies.push(data);
      return nodeHash.sha1Hex(data);
    },
    hmacSha1Hex: (key, data) => nodeHash.hmacSha1Hex(key, data),
  };
  return { hash, policies };
}

const now = () => Date.parse('2026-01-01T00:00:00Z');
const nowSec = now() / 1000;
let issued = 0;
function provider(hash: HashProvider) {
  return createCredentialsProvider({
    name: 'test keys',
    hash,
    now,
    getCredentials: async () => {
      issued += 1;
      return { TmpSecretId: `AKIDtmp${issued}`, TmpSecretKey: `secret${issued}`, SecurityToken: `token${issued}`, StartTime: nowSec - 10, ExpiredTime: nowSec + 1800 };
    },
  });
}
const policyOf = (fields: Record<string, string>) => JSON.parse(Buffer.from(fields.policy, 'base64').toString('utf8'));

describe('one POST policy per folder', () => {
  it('the folder of a key is everything up to its last slash', () => {
    assert.equal(policyPrefixOf('a/b/c.txt'), 'a/b/');
    assert.equal(policyPrefixOf('root.txt'), '');
    assert.equal(policyPrefixOf('dir/'), 'dir/');
  });

  it('50 files of one folder: one policy signed, each form names its own key', async () => {
    const { hash, policies } = countingHash();
    const keys = provider(hash);
    const forms = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      keys.postPolicy({ bucket: 'b-1250000000', key: `batch/f${i}.bin`, clockOffsetMs: 0 })));
    assert.equal(policies.length, 1, 'one SHA-1 of a policy text for the whole batch');
    assert.deepEqual(forms.map((f) => f.key), Array.from({ length: 50 }, (_, i) => `batch/f${i}.bin`));
    assert.equal(new Set(forms.map((f) => f['q-signature'])).size, 1);
    const policy = policyOf(forms[0]);
    assert.deepEqual(policy.conditions.at(-1), ['starts-with', '$key', 'batch/']);
    assert.deepEqual(policy.conditions.slice(0, 4), [
      { 'q-sign-algorithm': 'sha1' }, { 'q-ak': forms[0]['q-ak'] }, { 'q-sign-time': forms[0]['q-key-time'] }, { bucket: 'b-1250000000' }]);
    assert.equal(policy.expiration, new Date((nowSec + 1800) * 1000).toISOString(), 'expires with the keys');
    assert.equal(forms[0]['q-key-time'], `${nowSec - 10};${nowSec + 1800}`);
    assert.equal(forms[0]['x-cos-security-token'], `token${issued}`);
  });

  it('another folder or bucket signs its own policy; new keys sign afresh', async () => {
    const { hash, policies } = countingHash();
    const keys = provider(hash);
    const a = await keys.postPolicy({ bucket: 'b-1250000000', key: 'one/x', clockOffsetMs: 0 });
    await keys.postPolicy({ bucket: 'b-1250000000', key: 'one/y', clockOffsetMs: 0 });
    const b = await keys.postPolicy({ bucket: 'b-1250000000', key: 'two/x', clockOffsetMs: 0 });
    const c = await keys.postPolicy({ bucket: 'other-1250000000', key: 'one/x', clockOffsetMs: 0 });
    assert.equal(policies.length, 3);
    assert.deepEqual(policyOf(b).conditions.at(-1), ['starts-with', '$key', 'two/']);
    assert.deepEqual(policyOf(c).conditions[3], { bucket: 'other-1250000000' });
    keys.invalidate();
    const renewed = await keys.postPolicy({ bucket: 'b-1250000000', key: 'one/z', clockOffsetMs: 0 });
    assert.equal(policies.length, 4, 'refreshed keys sign a new policy');
    assert.notEqual(renewed['q-ak'], a['q-ak']);
  });

  it('a failed signature is not remembered', async () => {
    let failing = true;
    const { hash, policies } = countingHash(() => failing);
    const keys = provider(hash);
    await assert.rejects(keys.postPolicy({ bucket: 'b-1250000000', key: 'f/a', clockOffsetMs: 0 }), /could not sign a POST policy: crypto unavailable/);
    failing = false;
    const fields = await keys.postPolicy({ bucket: 'b-1250000000', key: 'f/a', clockOffsetMs: 0 });
    assert.equal(policies.length, 1);
    assert.equal(fields.key, 'f/a');
  });
});

describe('shared policies against the emulator', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it('files of one folder are stored with one signed policy; a key outside the folder is refused', async () => {
    const folder = prefixFor('shared-policy');
    const { hash, policies } = countingHash();
    const client = lab.client({ tokenProvider: createStsTokenProvider({ url: `${lab.url}/sts`, hash }) });
    const files = Array.from({ length: 5 }, (_, i) => fileOf(1000 + i, `p${i}.bin`, i + 1));
    for (const [i, file] of files.entries()) {
      const put = await client.postObject(`${folder}p${i}.bin`, file);
      assert.match(put.etag, /^"[0-9a-f]{32}"$/);
    }
    assert.equal(policies.length, 1, 'one policy for the folder');
    const stored = lab.log().filter((e) => e.action === 'PostObject' && e.key?.startsWith(folder));
    assert.deepEqual(stored.map((e) => e.status), [204, 204, 204, 204, 204]);

    // The same signed fields with a key in another folder: COS refuses it (AccessDenied), nothing is stored.
    const tokens = lab.sts();
    const fields = await tokens.postPolicy!({ bucket: lab.emu.bucket, key: `${folder}ok.bin`, clockOffsetMs: 0, hash: nodeHash });
    const outside = `${prefixFor('elsewhere')}sneaky.bin`;
    const form = buildPostForm({ ...fields, key: outside }, fileOf(10, 'sneaky.bin'), outside);
    const res = await fetch(`${lab.url}/${lab.emu.bucket}/`, { method: 'POST', body: form });
    const text = await res.text();
    assert.equal(res.status, 403);
    assert.match(text, /<Code>AccessDenied<\/Code>/);
    assert.match(text, /starts-with/);
    const head = await errorOf(lab.client().headObject(outside));
    assert.equal(head.status, 404, 'nothing was stored');
  });
});
