// The example guests and the guest API on the oneproof zkVM emulator (zkvmRun from the addon): each
// example halts with 0 and prints exactly what it prints under qemu; input, public values and the
// keccak precompile work through the runtime; a guest that reads past its input is stopped.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isZkvmError, zkvmRun } from '../../src/native/zkvm.js';
import { EXPECTED } from './example-expectations.js';
import { oneproof, root } from './helpers.js';

const examplesDir = path.join(root, 'build', 'guest', 'examples');
const work = mkdtempSync(path.join(os.tmpdir(), 'oneproof-zkvm-run-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

function guest(name: string, source: string): Uint8Array {
  const src = path.join(work, name);
  writeFileSync(src, source);
  const r = oneproof(['zkvm', 'build', src, '-o', `${src}.elf`]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(`${src}.elf`);
}

const ECHO_GUEST = `#include <oneproof/guest.h>
#include <stdint.h>
#include <stdio.h>
int main(void) {
  size_t n = op_input_len();
  uint8_t buf[64];
  if (n > sizeof buf) return 3;
  op_read(buf, n);
  uint32_t sum = 0;
  for (size_t i = 0; i < n; i++) { sum += buf[i]; buf[i] ^= 0xff; }
  op_commit(buf, n);
  printf("read %u bytes, sum %lu, left %u\\n", (unsigned)n, (unsigned long)sum, (unsigned)op_input_len());
  return 0;
}
`;

describe('example guests on the oneproof zkVM', () => {
  for (const [name, output] of Object.entries(EXPECTED)) {
    it(`${name} halts with 0 and the expected output`, () => {
      const r = zkvmRun(readFileSync(path.join(examplesDir, `${name}.elf`)));
      expect(text(r.stderr)).toBe('');
      expect(text(r.stdout)).toBe(output);
      expect(r.exitCode).toBe(0);
      expect(r.cycles).toBeGreaterThan(0);
    });
  }

  it('reads the private input and commits public values through the runtime', () => {
    const elf = guest('echo.c', ECHO_GUEST);
    const input = Uint8Array.from([1, 2, 3, 250]);
    const r = zkvmRun(elf, input);
    expect(r.exitCode).toBe(0);
    expect(text(r.stdout)).toBe('read 4 bytes, sum 256, left 0\n');
    expect([...r.publicValues]).toEqual([...input].map((b) => b ^ 0xff));
  });

  it('stops a guest that reads more input than it was given', () => {
    const elf = guest(
      'overread.c',
      '#include <oneproof/guest.h>\nint main(void) { char b[8]; op_read(b, 8); return b[0]; }\n',
    );
    let error: unknown;
    try {
      zkvmRun(elf, Uint8Array.from([1, 2, 3]));
    } catch (e) {
      error = e;
    }
    expect(isZkvmError(error)).toBe(true);
    expect((error as Error).message).toMatch(/READ/);
  });
});
