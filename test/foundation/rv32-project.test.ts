// The rv32 CMake project (native/guest/rv32, `npm run build:guest` -> build/guest): reproducible
// output whatever the build folder, and the block validator's program id file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const guestBuild = path.join(root, 'build', 'guest');
const work = mkdtempSync(path.join(os.tmpdir(), 'oneproof-rv32-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cmake(args: string[]): void {
  const r = spawnSync('cmake', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
}

describe('rv32 CMake project', () => {
  it('builds the same bytes in a different build folder', () => {
    const other = path.join(work, 'elsewhere');
    cmake(['-S', 'native/guest/rv32', '-B', other, '-G', 'Ninja', `-DCMAKE_TOOLCHAIN_FILE=${root}/native/guest/sdk/rv32im-toolchain.cmake`]);
    const targets = ['example_sha256', 'example_cpp_features', 'op_guest_rt'];
    cmake(['--build', other, '--target', ...targets]);
    for (const file of ['examples/sha256.elf', 'examples/cpp_features.elf', 'libop_guest_rt.a']) {
      const mine = readFileSync(path.join(other, file));
      const shared = readFileSync(path.join(guestBuild, file));
      expect(mine.equals(shared), file).toBe(true);
    }
  });

  it('writes the validator program id (sha256 of validator.elf) once the validator exists', () => {
    if (!existsSync(path.join(root, 'native', 'guest', 'validator', 'main.cc'))) {
      expect(existsSync(path.join(guestBuild, 'validator.elf'))).toBe(false);
      return;
    }
    const elf = readFileSync(path.join(guestBuild, 'validator.elf'));
    const id = readFileSync(path.join(guestBuild, 'validator.program-id'), 'utf8').trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).toBe(createHash('sha256').update(elf).digest('hex'));
  });
});
