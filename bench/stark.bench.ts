// Proof-system figures from the C++ benchmark op_stark_bench (native/stark/stark_bench.cc):
// Merkle commit of 2^20 x 64 cells, and prove time, proof size and verify time of a 2^20-row,
// 64-column AIR under the default FRI parameters. OP_BENCH_STARK overrides the executable's path;
// OP_BENCH_QUICK=1 runs 2^14 rows.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../src/native/loader.js';
import type { Figure, Suite } from './types.js';

const run = promisify(execFile);

function findExecutable(): string {
  const candidates = [
    process.env.OP_BENCH_STARK,
    path.join(projectRoot, 'build', 'native', 'stark', 'op_stark_bench'),
    path.join(projectRoot, 'build', 'native', 'Release', 'op_stark_bench'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`op_stark_bench not found (tried ${candidates.join(', ')}): run \`npm run build:native\``);
  return found;
}

function parseFigures(stdout: string): Figure[] {
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error('op_stark_bench: expected a JSON array of figures');
  return parsed.map((f: Record<string, unknown>, i) => {
    if (typeof f.name !== 'string' || typeof f.value !== 'number' || typeof f.unit !== 'string') {
      throw new Error(`op_stark_bench: figure ${i} is malformed`);
    }
    return { name: f.name, value: f.value, unit: f.unit, params: f.params as Figure['params'] };
  });
}

const suite: Suite = {
  name: 'stark',
  async run() {
    const args = process.env.OP_BENCH_QUICK === '1' ? ['--quick'] : [];
    const { stdout } = await run(findExecutable(), args, { maxBuffer: 16 * 1024 * 1024, timeout: 1_800_000 });
    return parseFigures(stdout);
  },
};

export default suite;
