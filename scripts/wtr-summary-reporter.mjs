// Writes the browser run's counts, and the name and first error line of each failure, to $WTR_SUMMARY_FILE
// (read by scripts/test.mjs, which lists the failures again at the end where a CI log's tail shows them), and
// prints a plain "N passed, N failed, N skipped" line at the very end for CI harnesses.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const firstLine = (text) => String(text ?? '').split('\n').find((line) => line.trim()) ?? '';

function countSuite(suite, acc, file, path) {
  for (const t of suite.tests) {
    if (t.skipped) acc.skipped += 1;
    else if (t.passed) acc.passed += 1;
    else {
      acc.failed += 1;
      acc.failures.push(`${file} › ${[...path, t.name].join(' › ')}: ${firstLine(t.error?.message)}`);
    }
  }
  for (const s of suite.suites) countSuite(s, acc, file, [...path, s.name]);
}

export function summaryReporter() {
  let lastSessions = [];
  return {
    onTestRunFinished({ sessions }) {
      lastSessions = sessions;
    },
    stop({ sessions } = {}) {
      const acc = { passed: 0, failed: 0, skipped: 0, failures: [] };
      for (const session of sessions?.length ? sessions : lastSessions) {
        const file = relative(process.cwd(), session.testFile ?? '');
        const before = acc.failed;
        if (session.testResults) countSuite(session.testResults, acc, file, []);
        // A file that failed without a failing test (import error, crash, timeout) counts as one failure.
        if (session.passed === false && acc.failed === before) {
          acc.failed += 1;
          acc.failures.push(`${file}: ${firstLine(session.errors?.[0]?.message) || 'the file failed without a failing test'}`);
        }
      }
      if (process.env.WTR_SUMMARY_FILE) writeFileSync(process.env.WTR_SUMMARY_FILE, JSON.stringify(acc));
      process.once('exit', () => {
        process.stdout.write(`\n${acc.passed} passed, ${acc.failed} failed, ${acc.skipped} skipped\n`);
      });
    },
  };
}
