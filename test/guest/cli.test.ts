// The `exec` and `fixtures` commands, run in-process (their modules, not the compiled CLI).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixturesDir } from '../fixtures.js';
import exec from '../../src/cli/commands/exec.js';
import fixtures, { runFixtures } from '../../src/cli/commands/fixtures.js';

const shared = fixturesDir;
const mainnet = path.join(shared, 'blocks', 'mainnet-19426587_risc0-zeth', 'standard');
const hoodi = path.join(shared, 'blocks', 'hoodi-1151683_go-ethereum-keeper', 'standard');
const mcopy = path.join(
  shared,
  'blockchain',
  'eest_tests-v5.4.0_via_erigontech-eest-fixtures',
  'blockchain_tests',
  'cancun',
  'eip5656_mcopy',
);

function captureLog() {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe('oneproof exec', () => {
  it('validates the mainnet block (exit 0) and prints JSON with the public values', async () => {
    const lines = captureLog();
    const code = await exec.run([
      '--block', path.join(mainnet, 'block.rlp.hex'),
      '--witness', path.join(mainnet, 'witness.json'),
      '--chain', path.join(mainnet, 'chain.json'),
      '--json',
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(lines.join('\n')) as { success: boolean; publicValues: string };
    expect(out.success).toBe(true);
    expect(out.publicValues).toMatch(/^0x[0-9a-f]{194}$/);
  });

  it('exits 3 when the witness lacks data (hoodi) and 2 on bad usage', async () => {
    captureLog();
    const args = ['--block', path.join(hoodi, 'block.rlp.hex'), '--witness', path.join(hoodi, 'witness.json'),
      '--chain', path.join(hoodi, 'chain.json')];
    expect(await exec.run(args)).toBe(3);
    expect(await exec.run(['--block'])).toBe(2);
    expect(await exec.run(['--block', '/nonexistent', '--witness', '/nonexistent'])).toBe(2);
  });
});

describe('oneproof fixtures', () => {
  it('runs a directory and ends with the summary line', async () => {
    const lines = captureLog();
    const code = await fixtures.run([mcopy, '--network', 'Cancun']);
    expect(code).toBe(0);
    expect(lines[lines.length - 1]).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/);
    const summary = runFixtures([mcopy], ['Prague']);
    expect(summary.failed).toBe(0);
    expect(summary.passed).toBeGreaterThan(0);
    expect(Object.keys(summary.byNetwork).every((n) => n.includes('Prague'))).toBe(true);
  });

  it('reports malformed fixture files as failures and bad usage as exit 2', async () => {
    captureLog();
    const dir = mkdtempSync(path.join(tmpdir(), 'oneproof-fixtures-'));
    const bad = path.join(dir, 'broken.json');
    writeFileSync(bad, '{"test": {"network": "Cancun", "blocks": [');
    const summary = runFixtures([bad], []);
    expect(summary.failed).toBe(1);
    expect(summary.failures[0]!.reason).toMatch(/broken\.json/);
    expect(await fixtures.run([bad])).toBe(1);
    expect(await fixtures.run([])).toBe(2);
    expect(await fixtures.run([mcopy, '--bogus'])).toBe(2);
  });
});
