// Token provider resilience (docs/networks.md): transient backend failures retried, cached keys kept
// when an early refresh fails, one refresh for many concurrent expiries, a lifetime-relative margin.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createStsTokenProvider } from '../../../src/core/auth/credentials-sts.js';
import { refreshMarginFor } from '../../../src/core/auth/credentials-refresh.js';
import { CosError } from '../../../src/core/http/errors.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import type { AuthorizeRequest } from '../../../src/core/types.js';
import { MiB, fileOf, prefixFor, sha256, startLab, waitFor, type Lab } from '../reliability/helpers.js';

const NOW = Date.parse('2024-05-01T00:00:00Z');
const nowSec = NOW / 1000;
const instant = async () => undefined;
const request: AuthorizeRequest = {
  bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', method: 'PUT', key: 'a', pathname: '/a',
  query: {}, headers: { host: 'examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com' }, clockOffsetMs: 0,
};
const keys = (start: number, life: number, id: string) => ({
  Credentials: { TmpSecretId: id, TmpSecretKey: `key-${id}`, Token: `token-${id}` }, StartTime: start, ExpiredTime: start + life,
});
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });
const akOf = (auth: unknown) => /q-ak=([^&]+)/.exec((auth as { authorization: string }).authorization)?.[1];
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A fetch answering from a script: a Response, or a thrown network error. */
function scripted(answers: ((n: number) => Response)[] | ((n: number) => Response)) {
  let calls = 0;
  const fetch = (async () => {
    calls += 1;
    const answer = typeof answers === 'function' ? answers : answers[Math.min(calls, answers.length) - 1];
    return answer(calls);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls: () => calls };
}

describe('token provider: transient failures', () => {
  it('retries network errors, 429, 502 and 504 with back-off, then uses the keys', async () => {
    const waits: number[] = [];
    const { fetch, calls } = scripted([
      () => { throw new TypeError('fetch failed'); },
      () => new Response('busy', { status: 429 }),
      () => new Response('<h1>502 Bad Gateway</h1>', { status: 502 }),
      (n) => json(keys(nowSec, 1800, `AKID${n}`)),
    ]);
    const provider = createStsTokenProvider({
      url: '/sts', fetch, hash: nodeHash, now: () => NOW, retries: 3, retryBaseMs: 100, sleep: async (ms) => { waits.push(ms); },
    });
    assert.equal(akOf(await provider.authorize(request)), 'AKID4');
    assert.equal(calls(), 4);
    assert.equal(waits.length, 3);
    waits.forEach((ms, i) => assert.ok(ms >= 0 && ms <= 100 * 2 ** i, `wait ${i} (${ms} ms) within the back-off ceiling`));
  });

  it('does not retry a refusal (403) or a malformed answer', async () => {
    const refused = scripted(() => new Response('forbidden', { status: 403 }));
    await assert.rejects(createStsTokenProvider({ url: '/sts', fetch: refused.fetch, sleep: instant }).authorize(request),
      (err: CosError) => err.status === 403 && err.source === 'provider');
    assert.equal(refused.calls(), 1);
    const garbage = scripted(() => new Response('<html>login</html>'));
    await assert.rejects(createStsTokenProvider({ url: '/sts', fetch: garbage.fetch, sleep: instant }).authorize(request));
    assert.equal(garbage.calls(), 1);
  });

  it('gives up after its retries with the last error', async () => {
    const { fetch, calls } = scripted(() => new Response('down', { status: 503 }));
    await assert.rejects(createStsTokenProvider({ url: '/sts', fetch, retries: 2, sleep: instant }).authorize(request),
      (err: CosError) => err.status === 503 && /answered HTTP 503/.test(err.message));
    assert.equal(calls(), 3);
  });
});

describe('token provider: early refresh', () => {
  it('refreshes short-lived keys at a quarter of their lifetime, not 60 s before expiry', async () => {
    assert.equal(refreshMarginFor(40), 10);
    assert.equal(refreshMarginFor(7200), 60);
    let clock = NOW;
    const { fetch, calls } = scripted((n) => json(keys(clock / 1000, 40, `AKID${n}`)));
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => clock });
    assert.equal(akOf(await provider.authorize(request)), 'AKID1');
    clock += 25_000; // 15 s of 40 left: a fixed 60 s margin would refetch before every request
    assert.equal(akOf(await provider.authorize(request)), 'AKID1');
    await settle();
    assert.equal(calls(), 1);
    clock += 6_000; // 9 s left: inside the 10 s margin
    assert.equal(akOf(await provider.authorize(request)), 'AKID1', 'this request still signs with valid keys');
    await settle();
    assert.equal(calls(), 2);
    assert.equal(akOf(await provider.authorize(request)), 'AKID2');
  });

  it('keeps signing with still-valid keys while the early refresh fails (502), and asks again after a pause', async () => {
    let clock = NOW;
    let down = false;
    const { fetch, calls } = scripted((n) => (down ? new Response('Bad Gateway', { status: 502 }) : json(keys(nowSec, 600, `AKID${n}`))));
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => clock, sleep: instant });
    assert.equal(akOf(await provider.authorize(request)), 'AKID1');
    down = true;
    clock += 550_000; // 50 s left: refresh early; the backend answers 502 to every try
    for (let i = 0; i < 5; i++) assert.equal(akOf(await provider.authorize(request)), 'AKID1');
    await settle();
    assert.equal(calls(), 1 + 4, 'one background refresh with its 3 retries, not one per request');
    clock += 6_000; // past the pause after a failed refresh: one more background try
    assert.equal(akOf(await provider.authorize(request)), 'AKID1');
    await settle();
    assert.equal(calls(), 1 + 8);
    down = false;
    clock += 6_000;
    await provider.authorize(request);
    await settle();
    assert.equal(akOf(await provider.authorize(request)), 'AKID10', 'the backend is back: new keys');
  });

  it('once the cached keys are nearly expired, a failing backend is an error again', async () => {
    let clock = NOW;
    let down = false;
    const { fetch } = scripted(() => (down ? new Response('Bad Gateway', { status: 502 }) : json(keys(nowSec, 600, 'AKID1'))));
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => clock, sleep: instant });
    await provider.authorize(request);
    down = true;
    clock += 597_000; // 3 s left: too little to sign with
    await assert.rejects(provider.authorize(request), (err: CosError) => err.status === 502);
  });

  it('concurrent expiries signed with the same keys cause one refresh', async () => {
    const { fetch, calls } = scripted((n) => json(keys(nowSec, 1800, `AKID${n}`)));
    const provider = createStsTokenProvider({ url: '/sts', fetch, hash: nodeHash, now: () => NOW });
    const used = await provider.authorize(request);
    for (let i = 0; i < 6; i++) provider.invalidate(used);
    const again = await Promise.all(Array.from({ length: 6 }, () => provider.authorize(request)));
    for (let i = 0; i < 6; i++) provider.invalidate(used); // late answers of requests signed with the old keys
    again.push(await provider.authorize(request));
    assert.deepEqual(new Set(again.map(akOf)), new Set(['AKID2']));
    assert.equal(calls(), 2);
  });
});

describe('token refresh against the emulator', { timeout: 120_000 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it('STS answers 502 during the early refresh while the cached keys are valid: no file is lost', async () => {
    const prefix = prefixFor('sts-502');
    let shiftMs = 0;
    const provider = createStsTokenProvider({ url: `${lab.url}/sts?duration=60`, hash: nodeHash, now: () => Date.now() + shiftMs });
    const client = lab.client({ tokenProvider: provider });
    const manager = lab.manager(client);
    const warm = fileOf(1000, `${prefix}warm.bin`, 9);
    manager.add([warm]);
    await waitFor(manager, (u) => u.every((x) => x.status === 'done'));
    // 45 s later on both clocks: 15 s of the keys' 60 s are left, inside the 15 s margin, and STS is failing.
    shiftMs = 45_000;
    lab.emu.setClockSkew(45);
    lab.faults({ action: 'Sts', status: 502, code: 'InternalError', times: 1000 });
    const files = [1, 2, 3].map((n) => fileOf(3 * MiB + n, `${prefix}file-${n}.bin`, n));
    manager.add(files);
    const done = await waitFor(manager, (u) => u.every((x) => x.status === 'done' || x.status === 'failed'), 60_000);
    lab.emu.faults.clear();
    lab.emu.setClockSkew(0);
    assert.deepEqual(done.map((u) => u.status), ['done', 'done', 'done', 'done']);
    assert.ok(lab.log().some((e) => e.action === 'Sts' && e.status === 502), 'the early refresh did meet the failing STS');
    const reader = lab.client();
    for (const file of files) {
      const stored = await reader.getObject(file.name);
      assert.equal(await sha256(stored), await sha256(file), `${file.name} is stored byte for byte`);
    }
  });

  it('four parts refused at once as expired cause one refresh, and the file completes', async () => {
    const prefix = prefixFor('one-refresh');
    // This provider's own fetches are counted: another test's provider may still be retrying its backend.
    let fetches = 0;
    const countingFetch = ((...args: Parameters<typeof fetch>) => {
      fetches += 1;
      return fetch(...args);
    }) as typeof fetch;
    const provider = createStsTokenProvider({ url: `${lab.url}/sts?duration=60`, hash: nodeHash, fetch: countingFetch });
    const client = lab.client({ tokenProvider: provider });
    const manager = lab.manager(client, { concurrency: 4 });
    const file = fileOf(4 * MiB, `${prefix}movie.bin`, 4);
    // The first four parts are held 1.5 s before COS checks them; meanwhile COS's clock jumps past the keys' expiry.
    lab.faults({ action: 'UploadPart', key: file.name, delayMs: 1500, times: 4 });
    manager.add([file]);
    const inFlight = () => lab.log().filter((e) => e.key === file.name && e.action === 'UploadPart').length;
    for (let i = 0; i < 200 && inFlight() < 4; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.equal(inFlight(), 4, 'four parts in flight');
    const fetchesBefore = fetches;
    lab.emu.setClockSkew(120);
    try {
      const [upload] = await waitFor(manager, (u) => u.every((x) => x.status === 'done' || x.status === 'failed'), 60_000);
      assert.equal(upload.status, 'done', JSON.stringify(upload.error));
      const refused = lab.log().filter((e) => e.key === file.name && e.action === 'UploadPart' && e.status === 403);
      assert.equal(refused.length, 4, 'COS refused the four parts signed with the expired keys');
      assert.equal(fetches - fetchesBefore, 1, 'exactly one new set of keys was fetched');
    } finally {
      lab.emu.setClockSkew(0);
    }
  });
});
