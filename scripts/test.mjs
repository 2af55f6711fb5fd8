#!/usr/bin/env node
// `npm test`: Node tests (node --test, through tsx), then browser tests (@web/test-runner in
// headless Chromium), then the benchmark's smoke run. Ends with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, installHint } from './find-chromium.mjs';
import { tapFailures } from './tap-failures.mjs';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv[2]; // optional: 'node' | 'browser' | 'bench'
const chrome = findChromium();
if (!chrome) {
  console.error(installHint);
  process.exit(1);
}
const env = { ...process.env, CHROME_PATH: chrome };
const work = mkdtempSync(join(tmpdir(), 'cos-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
/** Each failed test's name and first error line, printed again at the end, where a CI log's tail shows them. */
const failures = [];

function testFiles(dir) {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true })
    .filter((f) => String(f).endsWith('.test.ts'))
    .map((f) => join(dir, String(f)))
    .sort();
}

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

if (!only || only === 'node') {
  const files = testFiles('test/node');
  const tap = join(work, 'node.tap');
  const status = run('node tests', process.execPath, [
    '--import', 'tsx', '--test', '--test-timeout=600000',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  failures.push(...tapFailures(text));
  if (status !== 0 && count('fail') + count('cancelled') === 0) {
    totals.failed += 1;
    failures.push(`node tests: exited with ${status} and no failed test`);
  }
}

if (!only || only === 'browser') {
  const summary = join(work, 'wtr.json');
  const status = run('browser tests', process.execPath, [
    '--import', 'tsx', join(root, 'node_modules/@web/test-runner/dist/bin.js'),
  ], { WTR_SUMMARY_FILE: summary });
  const acc = existsSync(summary)
    ? JSON.parse(readFileSync(summary, 'utf8'))
    : { passed: 0, failed: 1, skipped: 0, failures: ['browser tests: no summary was written'] };
  totals.passed += acc.passed;
  totals.failed += acc.failed;
  totals.skipped += acc.skipped;
  failures.push(...acc.failures);
  if (status !== 0 && acc.failed === 0) {
    totals.failed += 1;
    failures.push(`browser tests: exited with ${status} and no failed test`);
  }
}

if ((!only || only === 'bench') && existsSync(join(root, 'scripts/bench.mjs'))) {
  const status = run('benchmark smoke run (npm run bench -- --quick)', process.execPath, ['--import', 'tsx', join(root, 'scripts/bench.mjs'), '--quick']);
  if (status === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(`benchmark smoke run: exited with ${status}`);
  }
}

rmSync(work, { recursive: true, force: true });
if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
