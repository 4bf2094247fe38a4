// Every example guest (native/guest/examples, built by the rv32 CMake project into build/guest)
// runs on a strict rv32im qemu and prints what an independent computation here expects.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECTED } from './example-expectations.js';
import { disassemble, nonRv32im, qemu, root } from './helpers.js';

const examplesDir = path.join(root, 'build', 'guest', 'examples');
const sourcesDir = path.join(root, 'native', 'guest', 'examples');

describe('example guests on qemu-riscv32 (rv32im only)', () => {
  it('has an expectation for every example source and an ELF for each', () => {
    const names = readdirSync(sourcesDir).map((f) => f.replace(/\.(c|cc)$/, '')).sort();
    expect(names).toEqual(Object.keys(EXPECTED).sort());
    for (const name of names) expect(existsSync(path.join(examplesDir, `${name}.elf`)), name).toBe(true);
  });

  for (const [name, output] of Object.entries(EXPECTED)) {
    it(`${name} runs to exit 0 with the expected output`, () => {
      const elf = path.join(examplesDir, `${name}.elf`);
      expect(nonRv32im(disassemble(elf))).toEqual([]);
      const r = qemu(elf);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(output);
      expect(r.code).toBe(0);
    });
  }
});
