// Expiry of resume records: which records a page is offered, which expire, and when an expired one's abort
// on COS settles it (record deleted) or leaves it for the next page (COS unreachable).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CosError } from '../../../../src/core/http/errors.js';
import { MemoryResumeStore } from '../../../../src/core/upload/resume-store.js';
import { DEFAULT_RESUME_MAX_AGE_MS, discardUpload, interruptedUploads } from '../../../../src/core/upload/resume-records.js';
import type { ResumeRecord } from '../../../../src/core/types.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;

function record(fingerprint: string, ageMs: number): ResumeRecord {
  return { fingerprint, key: `k/${fingerprint}`, uploadId: `u-${fingerprint}`, partSize: 1 << 20, size: 3 << 20, parts: { 1: '"e"' }, updatedAt: NOW - ageMs };
}

/** Records every abort; `fail` decides an answer per upload id. */
function client(fail: (uploadId: string) => Error | undefined = () => undefined) {
  const aborted: string[] = [];
  return {
    aborted,
    async abortMultipartUpload(_key: string, uploadId: string) {
      aborted.push(uploadId);
      const err = fail(uploadId);
      if (err) throw err;
    },
  };
}

async function storeWith(...records: ResumeRecord[]): Promise<MemoryResumeStore> {
  const store = new MemoryResumeStore();
  for (const r of records) await store.put(r);
  return store;
}

describe('interruptedUploads', () => {
  it('offers fresh records oldest first, expires older ones past the age (aborted on COS, deleted) and skips busy ones', async () => {
    const store = await storeWith(record('new', DAY), record('older', 3 * DAY), record('stale', 8 * DAY), record('busy', DAY));
    const cos = client();
    const fresh = await interruptedUploads({ store, client: cos, maxAgeMs: DEFAULT_RESUME_MAX_AGE_MS, now: NOW, busy: (f) => f === 'busy' });
    assert.deepEqual(fresh.map((r) => r.fingerprint), ['older', 'new']);
    assert.deepEqual(cos.aborted, ['u-stale']);
    assert.deepEqual((await store.list()).map((r) => r.fingerprint).sort(), ['busy', 'new', 'older']);
  });

  it('the default age is 7 days', () => {
    assert.equal(DEFAULT_RESUME_MAX_AGE_MS, 7 * DAY);
  });

  it('a store without list() offers nothing and expires nothing', async () => {
    const cos = client();
    const store = { get: async () => undefined, put: async () => undefined, delete: async () => undefined };
    assert.deepEqual(await interruptedUploads({ store, client: cos, maxAgeMs: 0, now: NOW }), []);
    assert.deepEqual(cos.aborted, []);
  });
});

describe('discardUpload', () => {
  it('an accepted abort deletes the record', async () => {
    const store = await storeWith(record('a', 0));
    assert.equal(await discardUpload(store, client(), record('a', 0)), true);
    assert.equal(store.size, 0);
  });

  it('NoSuchUpload (already gone) and a refusal (403) settle it: the record is deleted', async () => {
    const store = await storeWith(record('gone', 0), record('denied', 0));
    const cos = client((id) => (id === 'u-gone'
      ? new CosError({ code: 'NoSuchUpload', status: 404, message: 'gone' })
      : new CosError({ code: 'AccessDenied', status: 403, message: 'no' })));
    assert.equal(await discardUpload(store, cos, record('gone', 0)), true);
    assert.equal(await discardUpload(store, cos, record('denied', 0)), false);
    assert.equal(store.size, 0);
  });

  it('COS unreachable (network error, 5xx) keeps the record for the next page', async () => {
    const store = await storeWith(record('net', 0), record('5xx', 0));
    const cos = client((id) => (id === 'u-net'
      ? new CosError({ code: 'NetworkError', status: 0, message: 'offline' })
      : new CosError({ code: 'InternalError', status: 503, message: 'busy' })));
    assert.equal(await discardUpload(store, cos, record('net', 0)), false);
    assert.equal(await discardUpload(store, cos, record('5xx', 0)), false);
    assert.deepEqual((await store.list()).map((r) => r.fingerprint).sort(), ['5xx', 'net']);
    // A plain TypeError (fetch failed) is not an answer either.
    const thrown = client(() => new TypeError('Failed to fetch'));
    assert.equal(await discardUpload(store, thrown, record('net', 0)), false);
    assert.equal(store.size, 2);
  });
});
