// zkVM proofs through the addon and the CLI: a hand-made guest proves and verifies with its exit
// code; flipped bytes, another ELF and other FRI parameters are rejected; malformed files are clean
// errors. The example C/C++ guests (sha256, keccak through the precompile and in software, sorting, 64-bit
// arithmetic through libgcc, recursion, function pointers, C++ features) are proven — the longer
// ones in several segments — and verified.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { isZkvmProofError, projectRoot, zkvmProve, zkvmRun, zkvmVerify } from '../../src/native/index.js';
import { ECALL, example, haveGuests, skipReason, tinyElf } from './helpers.js';

const execFileP = promisify(execFile);
const test = { params: 'test' as const };
// a0 = 5 + 4 + 3 + 2 + 1: addi x1, x0, 5; loop: add a0, a0, x1; addi x1, x1, -1; bne x1, x0, loop; HALT
const SUM5 = tinyElf([0x00500093, 0x00150533, 0xfff08093, 0xfe009ce3, ECALL]);
// a0 = 42; HALT: another program
const EXIT42 = tinyElf([0x02a00513, ECALL]);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an exception');
}

const flipped = (b: Uint8Array, at: number) => {
  const c = b.slice();
  c[at] ^= 1;
  return c;
};

describe('zkvmProve / zkvmVerify (native)', () => {
  const proven = zkvmProve(SUM5, new Uint8Array(), test);

  it('proves a hand-made guest and verifies its exit code', () => {
    expect(zkvmRun(SUM5).exitCode).toBe(15);
    expect(proven).toMatchObject({ exitCode: 15, cycles: 1 + 3 * 5 + 1, segments: 1 });
    expect(proven.publicValues).toHaveLength(0);
    const v = zkvmVerify(SUM5, proven.proof, test);
    expect(v.exitCode).toBe(15);
    expect(v.segments).toBe(1);
    expect(v.publicValues).toHaveLength(0);
  });

  it('rejects flipped bytes, another ELF and other FRI parameters', () => {
    for (const at of [0, 8, 40, Math.floor(proven.proof.length / 2), proven.proof.length - 1]) {
      const err = thrown(() => zkvmVerify(SUM5, flipped(proven.proof, at), test));
      expect(isZkvmProofError(err) && err.code).toBe('ZKVM_INVALID_PROOF');
    }
    expect(thrown(() => zkvmVerify(EXIT42, proven.proof, test))).toMatchObject({ code: 'ZKVM_INVALID_PROOF', message: expect.stringMatching(/program id/) });
    expect(thrown(() => zkvmVerify(SUM5, proven.proof))).toMatchObject({ code: 'ZKVM_INVALID_PROOF' });
    expect(thrown(() => zkvmVerify(SUM5, new Uint8Array([1, 2, 3]), test))).toMatchObject({ code: 'ZKVM_INVALID_PROOF', malformed: true });
  });

  it('refuses bad arguments and runs it cannot prove with clear errors', () => {
    expect(thrown(() => zkvmProve(new Uint8Array([1, 2, 3]), new Uint8Array(), test))).toMatchObject({ code: 'ZKVM_ELF' });
    expect(thrown(() => zkvmProve(SUM5, new Uint8Array(), { params: 'fast' as never }))).toBeInstanceOf(TypeError);
    expect(thrown(() => zkvmProve(SUM5, new Uint8Array(), { ...test, segmentCycles: 1000 }))).toBeInstanceOf(TypeError);
    // addi t0, x0, 9; ecall: an unknown syscall faults in the emulator, so there is nothing to prove
    const err = thrown(() => zkvmProve(tinyElf([0x00900293, ECALL]), new Uint8Array(), test));
    expect(err).toMatchObject({ code: 'ZKVM_EXECUTION', message: expect.stringMatching(/unknown syscall/) });
  });

  it.skipIf(!haveGuests)(`proves and verifies the example guests${skipReason}`, () => {
    // The short ones in 2^16-cycle segments, sort (1.7 M cycles) in 2^20-cycle ones.
    for (const name of ['hello', 'fnptr', 'int64', 'cpp_features', 'recursion', 'sha256', 'keccak', 'sort']) {
      const elf = new Uint8Array(readFileSync(example(name)));
      const run = zkvmRun(elf);
      const segmentCycles = name === 'sort' ? 1 << 20 : 1 << 16;
      const p = zkvmProve(elf, new Uint8Array(), { ...test, segmentCycles });
      expect(p.exitCode, name).toBe(run.exitCode);
      expect(p.segments, name).toBe(Math.ceil(run.cycles / segmentCycles));
      const v = zkvmVerify(elf, p.proof, test);
      expect(v, name).toMatchObject({ exitCode: run.exitCode, segments: p.segments });
      expect(Buffer.from(v.publicValues).equals(Buffer.from(run.publicValues)), name).toBe(true);
      expect(thrown(() => zkvmVerify(elf, flipped(p.proof, p.proof.length - 9), test))).toMatchObject({ code: 'ZKVM_INVALID_PROOF' });
    }
  }, 1_200_000);
});

describe('oneproof zkvm prove / verify (CLI)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oneproof-zkvm-prove-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const elf = path.join(dir, 'sum5.elf');
  const other = path.join(dir, 'exit42.elf');
  const proof = path.join(dir, 'sum5.proof');
  writeFileSync(elf, SUM5);
  writeFileSync(other, EXIT42);
  const cli = async (...args: string[]) => {
    try {
      // The CLI from source (bin/oneproof.js needs a dist build): main(argv) resolves to the exit status.
      const script = `import(${JSON.stringify(path.join(projectRoot, 'src', 'cli', 'main.ts'))}).then((m) => m.main(process.argv.slice(1))).then((c) => process.exit(c))`;
      const { stdout, stderr } = await execFileP(process.execPath, ['--import', 'tsx', '-e', script, 'zkvm', ...args], { cwd: projectRoot });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('proves, verifies, and rejects a flipped byte (1) and malformed files (2)', async () => {
    const p = await cli('prove', elf, '-o', proof, '--params', 'test', '--json');
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ exitCode: 15, cycles: 17, segments: 1, publicValues: '' });
    const v = await cli('verify', elf, proof, '--params', 'test', '--json');
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toEqual({
      valid: true,
      exitCode: 15,
      segments: 1,
      publicValues: '',
      publicValuesDigest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', // sha256 of nothing
    });

    const bytes = new Uint8Array(readFileSync(proof));
    const bad = path.join(dir, 'bad.proof');
    writeFileSync(bad, flipped(bytes, bytes.length >> 1));
    expect((await cli('verify', elf, bad, '--params', 'test')).code).toBe(1);
    expect((await cli('verify', other, proof, '--params', 'test')).code).toBe(1);
    writeFileSync(bad, 'not a proof');
    expect((await cli('verify', elf, bad, '--params', 'test')).code).toBe(2);
    expect((await cli('verify', elf, path.join(dir, 'missing.proof'))).code).toBe(2);
    expect((await cli('prove', elf)).code).toBe(2); // no -o
    writeFileSync(bad, 'not an elf');
    expect((await cli('prove', bad, '-o', proof)).code).toBe(2);
  }, 120_000);
});
