// The instruction-set check used on every guest must itself reject what the zkVM cannot execute:
// compressed, atomic, floating-point and CSR instructions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clang, disassemble, nonRv32im } from './helpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'oneproof-isa-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function objectFor(name: string, march: string, source: string): string {
  const src = path.join(work, `${name}.c`);
  const obj = path.join(work, `${name}.o`);
  writeFileSync(src, source);
  const r = clang(['--target=riscv32-unknown-elf', `-march=${march}`, '-mabi=ilp32', '-O2', '-ffreestanding', '-c', src, '-o', obj]);
  expect(r.code, r.stderr).toBe(0);
  return obj;
}

const arithmetic = 'int f(int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i] * 3; return s; }\n';

describe('rv32im instruction check', () => {
  it('accepts code compiled for rv32im', () => {
    const ops = disassemble(objectFor('plain', 'rv32im', arithmetic));
    expect(ops.length).toBeGreaterThan(3);
    expect(nonRv32im(ops)).toEqual([]);
  });

  it('rejects compressed instructions', () => {
    const bad = nonRv32im(disassemble(objectFor('compressed', 'rv32imc', arithmetic)));
    expect(bad.some((m) => m.startsWith('c.'))).toBe(true);
  });

  it('rejects atomic instructions', () => {
    const bad = nonRv32im(
      disassemble(objectFor('atomic', 'rv32ima', 'int f(int *p) { return __atomic_fetch_add(p, 1, __ATOMIC_SEQ_CST); }\n')),
    );
    expect(bad.some((m) => m.startsWith('amo') || m.startsWith('lr.') || m.startsWith('sc.'))).toBe(true);
  });

  it('rejects floating-point and CSR instructions', () => {
    const fp = nonRv32im(disassemble(objectFor('float', 'rv32imf', 'float f(float a, float b) { return a * b + 1.0f; }\n')));
    expect(fp.some((m) => m.startsWith('f'))).toBe(true);
    const csr = nonRv32im(
      disassemble(objectFor('csr', 'rv32im', 'unsigned f(void) { unsigned c; __asm__ volatile("csrr %0, cycle" : "=r"(c)); return c; }\n')),
    );
    expect(csr.some((m) => m.startsWith('csr'))).toBe(true);
  });
});
