import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lazyImport } from '../../../src/core/lazy-import.js';
import { CosError } from '../../../src/core/http/errors.js';
import { classifyError } from '../../../src/core/http/retry.js';

test('lazyImport loads once and hands every caller the same module', async () => {
  let loads = 0;
  const load = lazyImport('a chunk', async () => ({ n: ++loads }));
  const [a, b] = await Promise.all([load(), load()]);
  assert.equal(a, b);
  assert.equal((await load()).n, 1);
  assert.equal(loads, 1);
});

test('a failed import is a retryable network error, and the next call imports again', async () => {
  let loads = 0;
  const load = lazyImport('the multipart upload code', async () => {
    loads += 1;
    if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module: https://app.example/chunks/multipart-steps-x.js');
    return 'module';
  });
  const error = await load().then(
    () => assert.fail('the first import should fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof CosError);
  assert.equal(error.code, 'ChunkLoadFailed');
  assert.equal(error.source, 'network');
  assert.equal(error.status, 0);
  assert.match(error.message, /Could not load the multipart upload code from the page's server: Failed to fetch dynamically imported module/);
  assert.ok(error.cause instanceof TypeError);
  // The upload's retry policy waits and tries again, as after a failed request, instead of failing the file.
  assert.equal(classifyError(error), 'retry');
  assert.equal(await load(), 'module');
  assert.equal(loads, 2);
});

test('a CosError thrown while loading keeps its own code', async () => {
  const own = new CosError({ code: 'AccessDenied', message: 'no', status: 403 });
  const load = lazyImport('a chunk', async () => {
    throw own;
  });
  await assert.rejects(load(), (e) => e === own);
});
