// Writes the browser run's counts to $WTR_SUMMARY_FILE (read by scripts/test.mjs) and prints
// a plain "N passed, N failed, N skipped" line at the very end for CI harnesses.
import { writeFileSync } from 'node:fs';

function countSuite(suite, acc) {
  for (const t of suite.tests) {
    if (t.skipped) acc.skipped += 1;
    else if (t.passed) acc.passed += 1;
    else acc.failed += 1;
  }
  for (const s of suite.suites) countSuite(s, acc);
}

export function summaryReporter() {
  let lastSessions = [];
  return {
    onTestRunFinished({ sessions }) {
      lastSessions = sessions;
    },
    stop({ sessions } = {}) {
      const acc = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions?.length ? sessions : lastSessions) {
        const before = acc.failed;
        if (session.testResults) countSuite(session.testResults, acc);
        // A file that failed without a failing test (import error, crash) counts as one failure.
        if (session.passed === false && acc.failed === before) acc.failed += 1;
      }
      if (process.env.WTR_SUMMARY_FILE) writeFileSync(process.env.WTR_SUMMARY_FILE, JSON.stringify(acc));
      process.once('exit', () => {
        process.stdout.write(`\n${acc.passed} passed, ${acc.failed} failed, ${acc.skipped} skipped\n`);
      });
    },
  };
}
