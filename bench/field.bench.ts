// Field / hash / NTT figures from the C++ benchmark op_bench_field (native/ntt/bench_field.cc):
// Poseidon2 W16/W24 permutations per second per core per kernel, Merkle hashing helpers, NTT and
// coset LDE of 2^20 and 2^22 rows x 16 columns. OP_BENCH_FIELD overrides the executable's path;
// OP_BENCH_QUICK=1 runs small sizes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../src/native/loader.js';
import type { Figure, Suite } from './types.js';

const run = promisify(execFile);

function findExecutable(): string {
  const candidates = [
    process.env.OP_BENCH_FIELD,
    path.join(projectRoot, 'build', 'native', 'ntt', 'op_bench_field'),
    path.join(projectRoot, 'build', 'native', 'Release', 'op_bench_field'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`op_bench_field not found (tried ${candidates.join(', ')}): run \`npm run build:native\``);
  return found;
}

function parseFigures(stdout: string): Figure[] {
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error('op_bench_field: expected a JSON array of figures');
  return parsed.map((f: Record<string, unknown>, i) => {
    if (typeof f.name !== 'string' || typeof f.value !== 'number' || typeof f.unit !== 'string') {
      throw new Error(`op_bench_field: figure ${i} is malformed`);
    }
    return { name: f.name, value: f.value, unit: f.unit, params: f.params as Figure['params'] };
  });
}

const suite: Suite = {
  name: 'field',
  async run() {
    const args = process.env.OP_BENCH_QUICK === '1' ? ['--quick'] : [];
    const { stdout } = await run(findExecutable(), args, { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
    return parseFigures(stdout);
  },
};

export default suite;
