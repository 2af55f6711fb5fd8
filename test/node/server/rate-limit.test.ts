// The rate limit's stores: the in-memory default, and a shared store plugged into two handler instances.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryRateLimitStore, createStsHandler, type CredentialSource, type RateLimitStore } from '../../../src/server/index.js';
import { asUser, authenticate, BUCKET } from './helpers.js';

test('memory store: fixed windows per key, and a bounded number of keys', () => {
  const store = createMemoryRateLimitStore(3);
  assert.deepEqual(store.hit('a', 1000, 5_500), { count: 1, resetAt: 6_000 });
  assert.equal((store.hit('a', 1000, 5_900) as { count: number }).count, 2);
  assert.equal((store.hit('a', 1000, 6_000) as { count: number }).count, 1, 'a new window starts from zero');
  store.hit('b', 1000, 6_100);
  store.hit('c', 1000, 6_200);
  store.hit('d', 1000, 6_300);
  assert.equal((store.hit('b', 1000, 6_400) as { count: number }).count, 2, 'recent keys survive');
  assert.equal((store.hit('a', 1000, 6_500) as { count: number }).count, 1, 'the oldest key was dropped to stay within bounds');
});

test('a shared store makes two handler instances (two processes) count together', async () => {
  const counts = new Map<string, number>();
  const shared: RateLimitStore = {
    async hit(key, windowMs, now) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return { count: counts.get(key)!, resetAt: now - (now % windowMs) + windowMs };
    },
  };
  const source: CredentialSource = {
    name: 'fake',
    getCredentials: async () => ({ tmpSecretId: 'AKIDtmp', tmpSecretKey: 'k', sessionToken: 't', startTime: 1_700_000_000, expiredTime: 1_700_000_900 }),
  };
  const make = () => createStsHandler({ bucket: BUCKET, region: 'ap-guangzhou', authenticate, source, rateLimit: { limit: 2, windowMs: 60_000, store: shared } });
  const [one, two] = [make(), make()];
  const call = (handler: typeof one) => handler(new Request('http://backend.test/sts', { headers: asUser('alice') })).then((r) => r.status);
  assert.deepEqual([await call(one), await call(two), await call(one)], [200, 200, 429]);
  assert.equal(counts.get('sts:alice'), 3);
});
