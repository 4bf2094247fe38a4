// The zkVM emulator through the addon and the CLI: D's example guests run to HALT with the right
// output; malformed ELFs and guest faults are clean, typed errors (never a crash).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { isZkvmError, projectRoot, zkvmRun } from '../../src/native/index.js';
import { ECALL, example, haveGuests, skipReason, tinyElf } from './helpers.js';

const run = promisify(execFile);
const ADDI_A0_42 = 0x02a00513; // addi a0, x0, 42
// HALT(INPUT_LEN()): addi t0, x0, 2; ecall; addi t0, x0, 0; ecall
const EXIT_WITH_INPUT_LEN = [0x00200293, ECALL, 0x00000293, ECALL];

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an exception');
}

describe('zkvmRun (native)', () => {
  it('runs a hand-made guest to HALT with its exit code', () => {
    const r = zkvmRun(tinyElf([ADDI_A0_42, ECALL]), new Uint8Array());
    expect(r).toMatchObject({ cycles: 2, exitCode: 42 });
    expect(r.publicValues).toHaveLength(0);
    expect(r.stdout).toBeInstanceOf(Uint8Array);
  });

  it('passes the input to the guest', () => {
    expect(zkvmRun(tinyElf(EXIT_WITH_INPUT_LEN), new Uint8Array(5)).exitCode).toBe(5);
    expect(zkvmRun(tinyElf(EXIT_WITH_INPUT_LEN)).exitCode).toBe(0);
  });

  it(`runs the hello, keccak and sha256 examples${skipReason}`, ({ skip }) => {
    if (!haveGuests) skip();
    const hello = zkvmRun(readFileSync(example('hello')), new Uint8Array());
    expect(hello.exitCode).toBe(0);
    expect(hello.cycles).toBeGreaterThan(100);
    expect(Buffer.from(hello.stdout).toString()).toContain('hello from rv32im');
    const keccak = Buffer.from(zkvmRun(readFileSync(example('keccak')), new Uint8Array()).stdout).toString();
    expect(keccak).toContain('keccak256(abc)=4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
    const sha = Buffer.from(zkvmRun(readFileSync(example('sha256')), new Uint8Array()).stdout).toString();
    expect(sha).toContain('sha256(abc)=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('rejects malformed ELFs with ZKVM_ELF', () => {
    const good = tinyElf([ADDI_A0_42, ECALL]);
    const cases: Array<[Uint8Array, RegExp]> = [
      [new Uint8Array(), /shorter than an ELF32 header/],
      [good.slice(0, 60), /program headers extend past/],
      [Uint8Array.from(good, (x, i) => (i === 0 ? 0 : x)), /bad magic/],
      [Uint8Array.from(good, (x, i) => (i === 36 ? 1 : x)), /RVC/],
      [Uint8Array.from(good, (x, i) => (i === 76 ? 7 : x)), /writable and executable/],
    ];
    for (const [bytes, message] of cases) {
      const err = thrown(() => zkvmRun(bytes, new Uint8Array()));
      expect(isZkvmError(err)).toBe(true);
      expect((err as Error & { code: string }).code).toBe('ZKVM_ELF');
      expect((err as Error).message).toMatch(message);
    }
  });

  it('reports guest faults with pc, instruction and cycle', () => {
    const err = thrown(() => zkvmRun(tinyElf([ADDI_A0_42, 0xffffffff]), new Uint8Array()));
    expect(err).toMatchObject({ code: 'ZKVM_EXECUTION', pc: 0x10004, insn: 0xffffffff, cycle: 1, reason: 'illegal instruction' });
    const loop = thrown(() => zkvmRun(tinyElf([0x0000006f]), new Uint8Array(), { maxCycles: 1000 })); // jal x0, 0
    expect(loop).toMatchObject({ code: 'ZKVM_EXECUTION' });
    expect((loop as Error).message).toMatch(/cycle limit of 1000/);
  });

  it('refuses bad arguments with a TypeError', () => {
    const elf = tinyElf([ADDI_A0_42, ECALL]);
    expect(() => zkvmRun('nope' as unknown as Uint8Array, new Uint8Array())).toThrow(TypeError);
    expect(() => zkvmRun(elf, [1, 2] as unknown as Uint8Array)).toThrow(/input must be a Uint8Array/);
    expect(() => zkvmRun(elf, new Uint8Array(), { maxCycles: -1 })).toThrow(/maxCycles/);
    expect(() => zkvmRun(elf, new Uint8Array(), { maxCycles: 1.5 })).toThrow(/maxCycles/);
  });
});

describe('oneproof zkvm run (CLI)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'op-zkvm-run-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = path.join(projectRoot, 'bin', 'oneproof.js');
  const oneproof = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, 'zkvm', 'run', ...args]);
      return { status: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { status: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('prints cycles, the exit code and public values; exit 0 on HALT', async () => {
    const elf = path.join(dir, 'halt42.elf');
    writeFileSync(elf, tinyElf([ADDI_A0_42, ECALL]));
    const text = await oneproof([elf]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/cycles\s+2/);
    expect(text.stdout).toMatch(/exit code\s+42/);
    const json = await oneproof([elf, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ cycles: 2, exitCode: 42, publicValues: '', stdout: '', stderr: '' });
  });

  it('reads --input from a file', async () => {
    const elf = path.join(dir, 'input-len.elf');
    const input = path.join(dir, 'input.bin');
    writeFileSync(elf, tinyElf(EXIT_WITH_INPUT_LEN));
    writeFileSync(input, Buffer.from([1, 2, 3]));
    const r = await oneproof([elf, '--input', input, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ exitCode: 3, cycles: 4 });
  });

  it(`shows a guest's stdout${skipReason}`, async ({ skip }) => {
    if (!haveGuests) skip();
    const r = await oneproof([example('hello'), '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).stdout).toContain('hello from rv32im');
  });

  it('exits 1 on an execution error and 2 on usage, I/O or ELF errors', async () => {
    const faulty = path.join(dir, 'illegal.elf');
    writeFileSync(faulty, tinyElf([0xffffffff]));
    const fault = await oneproof([faulty]);
    expect(fault.status).toBe(1);
    expect(fault.stderr).toMatch(/illegal instruction/);
    const junk = path.join(dir, 'junk.elf');
    writeFileSync(junk, 'not an elf at all, just some text that is long enough to have a header');
    expect((await oneproof([junk])).status).toBe(2);
    expect((await oneproof([path.join(dir, 'missing.elf')])).status).toBe(2);
    expect((await oneproof([])).status).toBe(2);
    expect((await oneproof([faulty, '--max-cycles', 'x'])).status).toBe(2);
  });
});
