// Cycle profiles through the addon and `oneproof zkvm run --profile`: on the sha256 example guest the
// cycles land in its `compress` function, every cycle is attributed exactly once (functions plus
// unattributed, and the groups, sum to the cycle count, which equals zkvmRun's), and a stripped ELF
// is profiled as all-unattributed rather than refused.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseRunArgs } from '../../src/cli/zkvm/run.js';
import { UsageError } from '../../src/cli/io.js';
import { projectRoot } from '../../src/native/loader.js';
import { zkvmProfile, zkvmRun, type ZkvmProfileResult } from '../../src/native/zkvm.js';
import { example, haveGuests, tinyElf } from '../zkvm/helpers.js';

const run = promisify(execFile);
const ECALL = 0x00000073;
const ADDI_A0_7 = 0x00700513; // addi a0, x0, 7

function attributed(p: ZkvmProfileResult): number {
  return p.functions.reduce((n, f) => n + f.cycles, p.unattributed);
}

describe('zkvmProfile', () => {
  it.runIf(haveGuests)('attributes the sha256 example to its compress function', () => {
    const elf = new Uint8Array(readFileSync(example('sha256')));
    const p = zkvmProfile(elf);
    const plain = zkvmRun(elf);
    expect(p.cycles).toBe(plain.cycles);
    expect(p.exitCode).toBe(plain.exitCode);
    expect(Buffer.from(p.stdout).equals(Buffer.from(plain.stdout))).toBe(true);
    expect(attributed(p)).toBe(p.cycles);
    expect(Object.values(p.groups).reduce((a, b) => a + b, 0)).toBe(p.cycles);
    expect(Object.values(p.selfGroups).reduce((a, b) => a + b, 0)).toBe(p.cycles);
    expect(p.functions[0].name).toBe('compress');
    expect(p.functions[0].cycles).toBeGreaterThan(p.cycles / 4);
    for (let i = 1; i < p.functions.length; i++) expect(p.functions[i].cycles).toBeLessThanOrEqual(p.functions[i - 1].cycles);
  });

  it('profiles an ELF without symbols as unattributed', () => {
    const p = zkvmProfile(tinyElf([ADDI_A0_7, ECALL]));
    expect(p).toMatchObject({ cycles: 2, exitCode: 7, unattributed: 2, functions: [] });
    expect(p.groups).toEqual({ keccak: 0, signature: 0, trie: 0, other: 2 });
    expect(p.selfGroups).toEqual({ keccak: 0, signature: 0, trie: 0, other: 2 });
  });

  it('reports a malformed ELF as a ZKVM_ELF error', () => {
    expect(() => zkvmProfile(new Uint8Array([1, 2, 3]))).toThrow(expect.objectContaining({ code: 'ZKVM_ELF' }));
  });
});

describe('oneproof zkvm run --profile', () => {
  it('parses --profile and --top, and refuses --top alone', () => {
    expect(parseRunArgs(['g.elf', '--profile', '--top', '5'])).toMatchObject({ profile: true, top: 5 });
    expect(parseRunArgs(['g.elf'])).toMatchObject({ profile: false, top: 20 });
    expect(() => parseRunArgs(['g.elf', '--top', '5'])).toThrow(UsageError);
    expect(() => parseRunArgs(['g.elf', '--profile', '--top', '0'])).toThrow(/--top must be a positive integer/);
  });

  it.runIf(haveGuests)('prints the top functions and the group shares', async () => {
    const bin = path.join(projectRoot, 'bin', 'oneproof.js');
    const { stdout } = await run(process.execPath, [bin, 'zkvm', 'run', example('sha256'), '--profile', '--top', '3', '--json']);
    const out = JSON.parse(stdout) as { cycles: number; profile: { functions: { name: string }[]; groups: Record<string, { cycles: number; share: number }> } };
    expect(out.profile.functions).toHaveLength(3);
    expect(out.profile.functions[0].name).toBe('compress');
    expect(Object.values(out.profile.groups).reduce((a, g) => a + g.cycles, 0)).toBe(out.cycles);
    const text = (await run(process.execPath, [bin, 'zkvm', 'run', example('sha256'), '--profile', '--top', '3'])).stdout;
    expect(text).toMatch(/cost groups +by call stack +self/);
    expect(text).toMatch(/top 3 functions/);
    expect(text).toMatch(/compress/);
  });
});
