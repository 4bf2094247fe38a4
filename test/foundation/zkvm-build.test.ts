// `oneproof zkvm build`: C and C++ guests become pure-rv32im ELFs that run to their exit code under
// a strict qemu, builds are reproducible and identical to the CMake build, bad input is an error.
import { readFileSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disassemble, nonRv32im, oneproof, qemu, root } from './helpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'oneproof-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const C_GUEST = `#include <oneproof/guest.h>
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  unsigned long long x = 0x123456789ull;
  char *heap = malloc(64);
  snprintf(heap, 64, "c guest %llu\\n", x / 7);
  fputs(heap, stdout);
  free(heap);
  static const char direct[] = "via op_write\\n";
  op_write(2, direct, sizeof direct - 1);
  return 42;
}
`;

const CXX_GUEST = `#include <cstdio>
#include <memory>
#include <vector>
struct Base { virtual ~Base() = default; virtual int value() const = 0; };
struct Seven final : Base { int value() const override { return 7; } };
int main() {
  std::vector<std::unique_ptr<Base>> items;
  for (int i = 0; i < 3; i++) items.push_back(std::make_unique<Seven>());
  int sum = 0;
  for (auto &item : items) sum += item->value();
  std::printf("c++ guest %d\\n", sum);
  return sum - 14;  // 7
}
`;

function build(source: string, name: string, extra: string[] = []): string {
  const src = path.join(work, name);
  if (!existsSync(src)) writeFileSync(src, source);
  const out = path.join(work, `${name}.${extra.join('').replace(/\W/g, '') || 'default'}.elf`);
  const r = oneproof(['zkvm', 'build', src, '-o', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/program id [0-9a-f]{64}/);
  return out;
}

/** e_machine RISC-V, 32-bit, little-endian, executable, no compressed (RVC) or float-ABI flags. */
function expectRv32imElf(file: string): void {
  const elf = readFileSync(file);
  expect(elf.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  expect(elf[4]).toBe(1); // ELFCLASS32
  expect(elf[5]).toBe(1); // little-endian
  expect(elf.readUInt16LE(16)).toBe(2); // ET_EXEC
  expect(elf.readUInt16LE(18)).toBe(243); // EM_RISCV
  const flags = elf.readUInt32LE(36);
  expect(flags & 0x1).toBe(0); // EF_RISCV_RVC
  expect(flags & 0x6).toBe(0); // soft-float ABI
}

describe('oneproof zkvm build', () => {
  let cElf = '';
  let cxxElf = '';
  beforeAll(() => {
    cElf = build(C_GUEST, 'exit42.c');
    cxxElf = build(CXX_GUEST, 'virtual.cpp');
  });

  it('produces rv32im ELFs with no compressed, atomic, floating-point or CSR instruction', () => {
    for (const elf of [cElf, cxxElf]) {
      expectRv32imElf(elf);
      const ops = disassemble(elf);
      expect(ops).toContain('mul');
      expect(ops).toContain('ecall');
      expect(nonRv32im(ops)).toEqual([]);
    }
  });

  it('runs the C guest to its exit code on a strict rv32im qemu', () => {
    const r = qemu(cElf);
    expect(r.stdout).toBe(`c guest ${0x123456789n / 7n}\n`);
    expect(r.stderr).toBe('via op_write\n');
    expect(r.code).toBe(42);
  });

  it('runs the C++ guest to its exit code on a strict rv32im qemu', () => {
    const r = qemu(cxxElf);
    expect(r.stdout).toBe('c++ guest 21\n');
    expect(r.code).toBe(7);
  });

  it('honours -O (here -O0) and still produces a working guest', () => {
    const small = build(C_GUEST, 'exit42.c', ['-O0']);
    expect(nonRv32im(disassemble(small))).toEqual([]);
    expect(qemu(small).code).toBe(42);
    expect(readFileSync(small).equals(readFileSync(cElf))).toBe(false);
  });

  it('is reproducible: two builds give the same bytes', () => {
    const again = path.join(work, 'again.elf');
    const r = oneproof(['zkvm', 'build', path.join(work, 'exit42.c'), '-o', again]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(again).equals(readFileSync(cElf))).toBe(true);
  });

  it('compiles exactly like the rv32 CMake project (one set of flags)', () => {
    const cmakeElf = path.join(root, 'build', 'guest', 'examples', 'hello.elf');
    if (!existsSync(cmakeElf)) throw new Error(`${cmakeElf} missing: run \`npm run build:guest\` first`);
    const out = path.join(work, 'hello.elf');
    const r = oneproof(['zkvm', 'build', path.join(root, 'native/guest/examples/hello.c'), '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out).equals(readFileSync(cmakeElf))).toBe(true);
  });

  it('rejects bad input with a clear message', () => {
    const missing = oneproof(['zkvm', 'build', path.join(work, 'nope.c'), '-o', path.join(work, 'x.elf')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.c: no such file/);

    const wrongKind = path.join(work, 'notes.txt');
    writeFileSync(wrongKind, 'hello');
    const kind = oneproof(['zkvm', 'build', wrongKind, '-o', path.join(work, 'x.elf')]);
    expect(kind.code).toBe(1);
    expect(kind.stderr).toMatch(/not a C/);

    const broken = path.join(work, 'broken.c');
    writeFileSync(broken, 'int main(void) { return undeclared; }\n');
    const compile = oneproof(['zkvm', 'build', broken, '-o', path.join(work, 'x.elf')]);
    expect(compile.code).toBe(1);
    expect(compile.stderr).toMatch(/undeclared/);

    const noMain = path.join(work, 'nomain.c');
    writeFileSync(noMain, 'int helper(void) { return 1; }\n');
    const link = oneproof(['zkvm', 'build', noMain, '-o', path.join(work, 'x.elf')]);
    expect(link.code).toBe(1);
    expect(link.stderr).toMatch(/undefined symbol: main/);

    const badOpt = oneproof(['zkvm', 'build', path.join(work, 'exit42.c'), '-o', path.join(work, 'x.elf'), '-O9']);
    expect(badOpt.code).toBe(1);
    expect(badOpt.stderr).toMatch(/optimisation level/);

    const usage = oneproof(['zkvm', 'build', path.join(work, 'exit42.c')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: oneproof zkvm build/);
    expect(existsSync(path.join(work, 'x.elf'))).toBe(false);
  });
});
