import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CosError } from '../../../src/core/http/errors.js';
import { createStsTokenProvider } from '../../../src/core/auth/credentials-sts.js';
import { createCredentialsProvider, normalizeCredentials } from '../../../src/core/auth/credentials.js';
import { computeSignature } from '../../../src/core/auth/sign.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import type { AuthorizeRequest } from '../../../src/core/types.js';

const NOW = Date.parse('2024-05-01T00:00:00Z');
const nowSec = NOW / 1000;
const host = 'examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com';

function request(overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return {
    bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', method: 'PUT', key: 'a/b.txt', pathname: '/a/b.txt',
    query: {}, headers: { host, 'content-length': '5' }, clockOffsetMs: 0, ...overrides,
  };
}

const sts = (start: number, expired: number, id = 'AKIDtmp1') => ({
  Credentials: { TmpSecretId: id, TmpSecretKey: `key-${id}`, Token: `token-${id}` }, StartTime: start, ExpiredTime: expired, Expiration: new Date(expired * 1000).toISOString(),
});

/** A fake fetch answering from a script; records calls. */
function fakeFetch(answer: (n: number) => Response | Promise<Response>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return answer(calls.length);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

async function rejection(promise: Promise<unknown>): Promise<CosError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CosError, `expected a CosError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

/** Back-off waits skipped: the provider's retries of transient failures run at once. */
const instant = async () => undefined;

const parseAuth = (auth: string) => Object.fromEntries(auth.split('&').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));

describe('createStsTokenProvider', () => {
  it('signs with KeyTime StartTime;ExpiredTime and returns the token; the signature verifies', async () => {
    const { fetch, calls } = fakeFetch(() => json(sts(nowSec - 5, nowSec + 1800)));
    const provider = createStsTokenProvider({ url: 'http://backend.test/sts', fetch, hash: nodeHash, now: () => NOW });
    const auth = await provider.authorize(request());
    assert.ok('authorization' in auth);
    assert.equal(auth.securityToken, 'token-AKIDtmp1');
    const fields = parseAuth(auth.authorization);
    assert.equal(fields['q-ak'], 'AKIDtmp1');
    assert.equal(fields['q-sign-time'], `${nowSec - 5};${nowSec + 1800}`);
    assert.equal(fields['q-header-list'], 'content-length;host');
    const expected = await computeSignature('key-AKIDtmp1', 'put', '/a/b.txt', {}, { host, 'content-length': '5' }, fields['q-key-time'], nodeHash);
    assert.equal(fields['q-signature'], expected.signature);
    assert.equal(calls[0].url, 'http://backend.test/sts');
  });

  it('caches keys: the second request does not fetch', async () => {
    const { fetch, calls } = fakeFetch(() => json(sts(nowSec, nowSec + 1800)));
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => NOW });
    await provider.authorize(request());
    await provider.authorize(request({ key: 'c', pathname: '/c' }));
    assert.equal(calls.length, 1);
  });

  it('refreshes early, in the background, within refreshMarginSeconds of expiry', async () => {
    let clock = NOW;
    const { fetch, calls } = fakeFetch((n) => json(sts(clock / 1000, clock / 1000 + 600, `AKID${n}`)));
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => clock, refreshMarginSeconds: 60 });
    assert.equal(parseAuth(((await provider.authorize(request())) as { authorization: string }).authorization)['q-ak'], 'AKID1');
    clock += 500_000; // 100 s left: still outside the margin
    assert.equal(parseAuth(((await provider.authorize(request())) as { authorization: string }).authorization)['q-ak'], 'AKID1');
    clock += 50_000; // 50 s left: inside the 60 s margin; this request still signs with the keys it has…
    assert.equal(parseAuth(((await provider.authorize(request())) as { authorization: string }).authorization)['q-ak'], 'AKID1');
    await new Promise((resolve) => setTimeout(resolve, 10));
    // …while the early refresh, started in the background, has fetched the next keys.
    assert.equal(parseAuth(((await provider.authorize(request())) as { authorization: string }).authorization)['q-ak'], 'AKID2');
    assert.equal(calls.length, 2);
  });

  it('concurrent callers share one fetch', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const { fetch, calls } = fakeFetch(async () => { await gate; return json(sts(nowSec, nowSec + 1800)); });
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => NOW });
    const pending = Array.from({ length: 5 }, (_, i) => provider.authorize(request({ key: `k${i}`, pathname: `/k${i}` })));
    release();
    const results = await Promise.all(pending);
    assert.equal(calls.length, 1);
    assert.equal(new Set(results.map((r) => (r as { authorization: string }).authorization)).size, 5);
  });

  it('invalidate() drops the cache', async () => {
    const { fetch, calls } = fakeFetch((n) => json(sts(nowSec, nowSec + 1800, `AKID${n}`)));
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => NOW });
    await provider.authorize(request());
    provider.invalidate();
    const auth = await provider.authorize(request());
    assert.equal(calls.length, 2);
    assert.equal(parseAuth((auth as { authorization: string }).authorization)['q-ak'], 'AKID2');
  });

  it('HTTP 500 → CredentialsError naming the provider', async () => {
    const { fetch } = fakeFetch(() => new Response('<h1>Internal Server Error</h1>', { status: 500 }));
    const err = await rejection(createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, sleep: instant }).authorize(request()));
    assert.equal(err.code, 'CredentialsError');
    assert.equal(err.source, 'provider');
    assert.equal(err.status, 500);
    assert.equal(err.message, 'Token provider "sts /sts" answered HTTP 500: "Internal Server Error"');
  });

  it('an unreachable backend → CredentialsError "could not be reached"', async () => {
    const fetch = (async () => { throw new TypeError('fetch failed'); }) as unknown as typeof globalThis.fetch;
    const err = await rejection(createStsTokenProvider({ url: '/sts', fetch, name: 'keys', sleep: instant }).authorize(request()));
    assert.equal(err.code, 'CredentialsError');
    assert.match(err.message, /^Token provider "keys" could not be reached \(fetch failed\)/);
  });

  it('a backend that never answers times out', async () => {
    const fetch = (() => new Promise<Response>(() => undefined)) as unknown as typeof globalThis.fetch;
    const err = await rejection(createStsTokenProvider({ url: '/sts', fetch, timeoutMs: 30, sleep: instant }).authorize(request()));
    assert.equal(err.code, 'CredentialsError');
    assert.match(err.message, /did not answer within 0\.03 s/);
  });

  it('a non-JSON answer → CredentialsError showing what came back', async () => {
    const { fetch } = fakeFetch(() => new Response('<html><body>Please log in</body></html>', { status: 200 }));
    const err = await rejection(createStsTokenProvider({ url: '/sts', fetch }).authorize(request()));
    assert.equal(err.code, 'CredentialsError');
    assert.match(err.message, /did not answer JSON: "Please log in"/);
  });

  for (const [label, body, message] of [
    ['missing Token', { Credentials: { TmpSecretId: 'a', TmpSecretKey: 'b' }, StartTime: nowSec, ExpiredTime: nowSec + 100 }, /returned no Token\/SessionToken/],
    ['missing ExpiredTime', { Credentials: { TmpSecretId: 'a', TmpSecretKey: 'b', Token: 't' } }, /returned no ExpiredTime/],
    ['numeric TmpSecretId', { Credentials: { TmpSecretId: 42, TmpSecretKey: 'b', Token: 't' }, ExpiredTime: nowSec + 100 }, /TmpSecretId as number 42/],
    ['ExpiredTime in milliseconds', sts(nowSec, (nowSec + 100) * 1000), /ExpiredTime as number \d+, not unix seconds/],
    ['ExpiredTime as a date string', { ...sts(nowSec, 0), ExpiredTime: '2024-05-01' }, /ExpiredTime as the string "2024-05-01"/],
    ['an array', [1, 2], /returned an array instead of temporary keys/],
    ['null', null, /returned null instead of temporary keys/],
    ['StartTime after ExpiredTime', sts(nowSec + 100, nowSec + 50), /StartTime \d+ not before ExpiredTime/],
  ] as const) {
    it(`garbage (${label}) → CredentialsError`, async () => {
      const { fetch } = fakeFetch(() => json(body));
      const err = await rejection(createStsTokenProvider({ url: '/sts', fetch, now: () => NOW }).authorize(request()));
      assert.equal(err.code, 'CredentialsError');
      assert.match(err.message, /^Token provider "sts \/sts" /);
      assert.match(err.message, message);
    });
  }

  it('keys already expired → ExpiredCredentials, and nothing is cached', async () => {
    const { fetch, calls } = fakeFetch(() => json(sts(nowSec - 3600, nowSec - 10)));
    const provider = createStsTokenProvider({ url: '/sts', fetch, now: () => NOW });
    const err = await rejection(provider.authorize(request()));
    assert.equal(err.code, 'ExpiredCredentials');
    assert.equal(err.source, 'provider');
    assert.match(err.message, /returned keys that expired at 2024-04-30T23:59:50\.000Z/);
    await rejection(provider.authorize(request()));
    assert.equal(calls.length, 2);
  });

  it("the backend's Date header corrects a device clock 20 min fast: fresh 15-min keys are used, not refused", async () => {
    const serverNow = NOW - 20 * 60_000;
    const answer = () => new Response(JSON.stringify(sts(serverNow / 1000, serverNow / 1000 + 900)), {
      headers: { 'content-type': 'application/json', date: new Date(serverNow).toUTCString() },
    });
    const { fetch, calls } = fakeFetch(answer);
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => NOW });
    const auth = await provider.authorize(request());
    assert.ok('authorization' in auth);
    assert.match(auth.authorization, new RegExp(`q-key-time=${serverNow / 1000};${serverNow / 1000 + 900}&`));
    await provider.authorize(request());
    assert.equal(calls.length, 1, 'the keys are cached: judged by the backend clock they are far from expiry');
  });

  it('prefetch fetches the keys ahead of the first request; the request then signs from the cache', async () => {
    const { fetch, calls } = fakeFetch(() => json(sts(nowSec - 1, nowSec + 1800)));
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => NOW });
    await provider.prefetch();
    assert.equal(calls.length, 1);
    const auth = await provider.authorize(request());
    assert.ok('authorization' in auth && auth.securityToken === 'token-AKIDtmp1');
    assert.equal(calls.length, 1);
  });

  it('the learned clock offset decides expiry: keys valid on the server clock are accepted', async () => {
    const { fetch } = fakeFetch(() => json(sts(nowSec + 7200, nowSec + 9000)));
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => NOW });
    const auth = await provider.authorize(request({ clockOffsetMs: 7200_000 }));
    assert.equal(parseAuth((auth as { authorization: string }).authorization)['q-sign-time'], `${nowSec + 7200};${nowSec + 9000}`);
  });

  it('passes init (method, headers, credentials) to fetch', async () => {
    const { fetch, calls } = fakeFetch(() => json(sts(nowSec, nowSec + 1800)));
    const init: RequestInit = { method: 'POST', headers: { 'x-csrf': '1' }, credentials: 'include', body: '{"prefix":"a/"}' };
    await createStsTokenProvider({ url: '/sts', fetch, init, hash: nodeHash, now: () => NOW }).authorize(request());
    assert.equal(calls[0].init?.method, 'POST');
    assert.deepEqual(calls[0].init?.headers, { 'x-csrf': '1' });
    assert.equal(calls[0].init?.credentials, 'include');
    assert.ok(calls[0].init?.signal instanceof AbortSignal);
  });

  it('an aborted caller rejects with its reason; the other caller still gets keys', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const { fetch, calls } = fakeFetch(async () => { await gate; return json(sts(nowSec, nowSec + 1800)); });
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => NOW });
    const controller = new AbortController();
    const reason = new Error('user paused');
    const first = provider.authorize(request(), { signal: controller.signal });
    const second = provider.authorize(request());
    controller.abort(reason);
    await assert.rejects(first, (e) => e === reason);
    release();
    assert.ok('authorization' in (await second));
    assert.equal(calls.length, 1);
  });

  it('a sole aborted caller aborts the shared fetch', async () => {
    let fetchSignal: AbortSignal | undefined;
    const fetch = ((_url: string, init?: RequestInit) => {
      fetchSignal = init?.signal ?? undefined;
      return new Promise<Response>(() => undefined);
    }) as unknown as typeof globalThis.fetch;
    const controller = new AbortController();
    const pending = createStsTokenProvider({ url: '/sts', fetch }).authorize(request(), { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
    assert.equal(fetchSignal?.aborted, true);
  });
});

describe('normalizeCredentials and createCredentialsProvider', () => {
  it('accepts the three shapes of docs/protocol.md#credentials', () => {
    const want = { secretId: 'id', secretKey: 'key', securityToken: 'tok', startTime: 1700000000, expiredTime: 1700001800 };
    assert.deepEqual(normalizeCredentials({ Credentials: { TmpSecretId: 'id', TmpSecretKey: 'key', SessionToken: 'tok' }, StartTime: 1700000000, ExpiredTime: 1700001800 }, 'p'), want);
    assert.deepEqual(normalizeCredentials({ credentials: { tmpSecretId: 'id', tmpSecretKey: 'key', sessionToken: 'tok' }, startTime: 1700000000, expiredTime: '1700001800' }, 'p'), want);
    assert.deepEqual(normalizeCredentials({ TmpSecretId: 'id', TmpSecretKey: 'key', XCosSecurityToken: 'tok', StartTime: '1700000000', ExpiredTime: 1700001800 }, 'p'), want);
    assert.deepEqual(normalizeCredentials({ TmpSecretId: 'id', TmpSecretKey: 'key', SecurityToken: 'tok', ExpiredTime: 1700001800 }, 'p'), { ...want, startTime: 0 });
  });

  it('refuses permanent keys (no session token)', () => {
    assert.throws(() => normalizeCredentials({ TmpSecretId: 'id', TmpSecretKey: 'key', ExpiredTime: 1700001800 }, 'page'),
      (e: unknown) => e instanceof CosError && /Token provider "page" returned no SecurityToken\/XCosSecurityToken/.test(e.message));
  });

  it('without StartTime signs from local time + clockOffsetMs - 1', async () => {
    const provider = createCredentialsProvider({
      name: 'page',
      getCredentials: async () => ({ TmpSecretId: 'id', TmpSecretKey: 'key', SecurityToken: 'tok', ExpiredTime: nowSec + 7200 }),
      now: () => NOW,
      hash: nodeHash,
    });
    const auth = await provider.authorize(request({ clockOffsetMs: 30_000 }));
    assert.equal(parseAuth((auth as { authorization: string }).authorization)['q-sign-time'], `${nowSec + 29};${nowSec + 7200}`);
  });

  it('uses the client hash when the provider has none, and an `expires` window for pre-signed URLs', async () => {
    const provider = createCredentialsProvider({
      name: 'page',
      getCredentials: async () => sts(nowSec - 1000, nowSec + 600),
      now: () => NOW,
    });
    const auth = await provider.authorize(request({ hash: nodeHash, expires: 900 }));
    // Starts now (not at the old StartTime) and stops at the keys' expiry.
    assert.equal(parseAuth((auth as { authorization: string }).authorization)['q-sign-time'], `${nowSec - 1};${nowSec + 600}`);
  });

  it('a throwing page function → CredentialsError with its message', async () => {
    const provider = createCredentialsProvider({ name: 'page', getCredentials: async () => { throw new Error('session expired, log in again'); } });
    const err = await rejection(provider.authorize(request()));
    assert.equal(err.message, 'Token provider "page" failed: session expired, log in again');
  });
});
