// scripts/test-summary.mjs: the "N passed, M failed" line of `npm test` counts ctest and vitest
// results correctly, treats skips as neither, and fails on any failure or missing report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'oneproof-summary-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function summary(ctestXml: string, vitestJson: string) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'test-summary.mjs'), ctestXml, vitestJson], { encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, last: lines[lines.length - 1], lines };
}

/** Runs a real ctest over a throwaway project with passing, failing and skipped tests. */
function ctestReport(tests: { name: string; exit: number; skipCode?: number }[]): string {
  const project = path.join(work, `ctest-${tests.map((t) => t.name).join('-')}`);
  const lines = ['cmake_minimum_required(VERSION 3.20)', 'project(summary NONE)', 'enable_testing()'];
  for (const t of tests) {
    lines.push(`add_test(NAME ${t.name} COMMAND sh -c "exit ${t.exit}")`);
    if (t.skipCode !== undefined) lines.push(`set_tests_properties(${t.name} PROPERTIES SKIP_RETURN_CODE ${t.skipCode})`);
  }
  spawnSync('mkdir', ['-p', project]);
  writeFileSync(path.join(project, 'CMakeLists.txt'), `${lines.join('\n')}\n`);
  const configure = spawnSync('cmake', ['-S', project, '-B', path.join(project, 'b')], { encoding: 'utf8' });
  expect(configure.status, configure.stderr).toBe(0);
  const xml = path.join(project, 'ctest.xml');
  spawnSync('ctest', ['--test-dir', path.join(project, 'b'), '--output-junit', xml], { encoding: 'utf8' });
  return xml;
}

function vitestReport(name: string, r: Record<string, unknown>): string {
  const file = path.join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify(r));
  return file;
}

const vitestOk = (passed: number, pending = 0) =>
  vitestReport(`ok-${passed}-${pending}`, { numPassedTests: passed, numFailedTests: 0, numPendingTests: pending, numFailedTestSuites: 0, success: true });

describe('test summary', () => {
  it('adds passes from both, leaves a ctest SKIP out of both counts', () => {
    const xml = ctestReport([{ name: 'a', exit: 0 }, { name: 'b', exit: 0 }, { name: 's', exit: 77, skipCode: 77 }]);
    const r = summary(xml, vitestOk(5, 2));
    expect(r.lines).toContain('ctest: 2 passed, 0 failed, 1 skipped; vitest: 5 passed, 0 failed, 2 skipped');
    expect(r.last).toBe('7 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  it('fails on a failing ctest test', () => {
    const xml = ctestReport([{ name: 'ok', exit: 0 }, { name: 'bad', exit: 1 }]);
    const r = summary(xml, vitestOk(3));
    expect(r.last).toBe('4 passed, 1 failed');
    expect(r.code).toBe(1);
  });

  it('fails on a failing vitest test and on a test file that did not load', () => {
    const xml = ctestReport([{ name: 'only', exit: 0 }]);
    const failing = vitestReport('failing', { numPassedTests: 4, numFailedTests: 2, numFailedTestSuites: 1, success: false });
    expect(summary(xml, failing).last).toBe('5 passed, 2 failed');
    const broken = vitestReport('broken', { numPassedTests: 4, numFailedTests: 0, numFailedTestSuites: 1, success: false });
    const r = summary(xml, broken);
    expect(r.last).toBe('5 passed, 1 failed');
    expect(r.code).toBe(1);
  });

  it('counts a missing or corrupt report as a failure', () => {
    const xml = ctestReport([{ name: 'one', exit: 0 }]);
    const missing = summary(xml, path.join(work, 'absent.json'));
    expect(missing.last).toBe('1 passed, 1 failed');
    expect(missing.code).toBe(1);
    const corrupt = path.join(work, 'corrupt.xml');
    writeFileSync(corrupt, '<testsuite tests="x"');
    const r = summary(corrupt, vitestOk(2));
    expect(r.last).toBe('2 passed, 1 failed');
    expect(r.code).toBe(1);
  });
});
