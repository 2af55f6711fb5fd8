// npm test lists every failed Node test at its end (scripts/test.mjs): the names come from the run's TAP stream.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- plain .mjs helper without types
import { tapFailures } from '../../../scripts/tap-failures.mjs';

describe('tapFailures', () => {
  it('names each failed test of a real node --test run with its suites, location and first error line, and no suite again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tap-failures-'));
    try {
      const file = join(dir, 'sample.test.mjs');
      writeFileSync(file, [
        "import { describe, it, test } from 'node:test';",
        "describe('outer', () => { describe('inner', () => { it('fails deep', () => { throw new Error('deep boom\\nsecond line'); }); }); it('passes', () => {}); });",
        "test('fails at the top', () => { throw new Error('top boom'); });",
        "test('passes too', () => {});",
      ].join('\n'));
      // Without NODE_TEST_CONTEXT, which would make the child report to this run instead of printing its TAP.
      const { NODE_TEST_CONTEXT: _, ...env } = process.env;
      const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8', env });
      assert.notEqual(run.status, 0);
      assert.deepEqual(tapFailures(run.stdout), [
        `${file}:2:53 outer › inner › fails deep: deep boom`,
        `${file}:3:1 fails at the top: top boom`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists nothing for a run without failures', () => {
    assert.deepEqual(tapFailures('TAP version 13\n# Subtest: fine\nok 1 - fine\n  ---\n  duration_ms: 1\n  ...\n1..1\n'), []);
  });
});
