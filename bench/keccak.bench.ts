// keccak-f[1600] precompile chip figures from the C++ benchmark op_bench_keccak
// (native/chips/keccak/keccak_bench.cc): trace columns and cells per permutation, and for 2^k
// permutations the trace generation, prove and verify times and the proof size of the chip with its
// bus partners and Range16 under the default FRI parameters. OP_BENCH_KECCAK overrides the
// executable's path; OP_BENCH_KECCAK_LOG_PERMS picks k (comma-separated, default 2,4,6);
// OP_BENCH_QUICK=1 runs k = 2 only.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../src/native/loader.js';
import type { Figure, Suite } from './types.js';

const run = promisify(execFile);

function findExecutable(): string {
  const candidates = [
    process.env.OP_BENCH_KECCAK,
    path.join(projectRoot, 'build', 'native', 'chips', 'keccak', 'op_bench_keccak'),
    path.join(projectRoot, 'build', 'native', 'Release', 'op_bench_keccak'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`op_bench_keccak not found (tried ${candidates.join(', ')}): run \`npm run build:native\``);
  return found;
}

function parseFigures(stdout: string): Figure[] {
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error('op_bench_keccak: expected a JSON array of figures');
  return parsed.map((f: Record<string, unknown>, i) => {
    if (typeof f.name !== 'string' || typeof f.value !== 'number' || typeof f.unit !== 'string') {
      throw new Error(`op_bench_keccak: figure ${i} is malformed`);
    }
    return { name: f.name, value: f.value, unit: f.unit, params: f.params as Figure['params'] };
  });
}

function arguments_(): string[] {
  if (process.env.OP_BENCH_QUICK === '1') return ['--quick'];
  const k = process.env.OP_BENCH_KECCAK_LOG_PERMS;
  if (k !== undefined) {
    if (!/^\d+(,\d+)*$/.test(k)) throw new Error(`OP_BENCH_KECCAK_LOG_PERMS must be a comma-separated list of integers, got '${k}'`);
    return ['--log-perms', k];
  }
  return [];
}

const suite: Suite = {
  name: 'keccak',
  async run() {
    const { stdout } = await run(findExecutable(), arguments_(), { maxBuffer: 16 * 1024 * 1024, timeout: 1_800_000 });
    return parseFigures(stdout);
  },
};

export default suite;
