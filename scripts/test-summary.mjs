#!/usr/bin/env node
// Prints the test suite's summary from ctest's JUnit file and vitest's JSON report:
//   ctest: P passed, F failed, S skipped; vitest: P passed, F failed, S skipped
//   N passed, M failed
// and exits 1 when anything failed or a report is missing or unreadable (a crash is a failure).
// Skipped tests count as neither passed nor failed.
//   node scripts/test-summary.mjs <ctest-junit.xml> <vitest.json>
import { readFileSync } from 'node:fs';

function ctestCounts(file) {
  let xml;
  try {
    xml = readFileSync(file, 'utf8');
  } catch {
    return { passed: 0, failed: 1, skipped: 0, note: `no ctest report at ${file}` };
  }
  const suite = /<testsuite\b[^>]*>/.exec(xml);
  const attr = (name) => {
    const m = suite && new RegExp(`\\b${name}="(\\d+)"`).exec(suite[0]);
    return m ? Number(m[1]) : undefined;
  };
  const tests = attr('tests'), failures = attr('failures');
  if (tests === undefined || failures === undefined) return { passed: 0, failed: 1, skipped: 0, note: `unreadable ctest report ${file}` };
  const skipped = (attr('skipped') ?? 0) + (attr('disabled') ?? 0);
  return { passed: tests - failures - skipped, failed: failures, skipped };
}

function vitestCounts(file) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, skipped: 0, note: `no vitest report at ${file}` };
  }
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  // A test file that fails to load has no failed test but fails its suite; count it once.
  failed += report.numFailedTestSuites && failed === 0 ? report.numFailedTestSuites : 0;
  if (report.success === false && failed === 0) failed = 1;
  return { passed, failed, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

const [ctestFile, vitestFile] = process.argv.slice(2);
if (!ctestFile || !vitestFile) {
  console.error('usage: node scripts/test-summary.mjs <ctest-junit.xml> <vitest.json>');
  process.exit(2);
}
const c = ctestCounts(ctestFile);
const v = vitestCounts(vitestFile);
for (const n of [c.note, v.note]) if (n) console.log(n);
console.log(
  `ctest: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped; ` +
    `vitest: ${v.passed} passed, ${v.failed} failed, ${v.skipped} skipped`,
);
const failed = c.failed + v.failed;
console.log(`${c.passed + v.passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
