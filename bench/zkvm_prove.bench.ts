// zkVM proving throughput from the C++ benchmark op_bench_zkvm_prove (native/zkvm/zkvm_prove_bench.cc):
// a generated arithmetic/memory loop of 2^22 cycles proven in 2^20-cycle segments with the default
// FRI parameters (OP_BENCH_QUICK=1: 2^17 cycles in 2^16-cycle segments). Figures: cycles per wall
// and CPU second, proof size, verify time, committed trace cells per cycle. OP_BENCH_ZKVM_PROVE
// overrides the executable's path.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../src/native/loader.js';
import type { Figure, Suite } from './types.js';

const run = promisify(execFile);

function findExecutable(): string {
  const candidates = [
    process.env.OP_BENCH_ZKVM_PROVE,
    path.join(projectRoot, 'build', 'native', 'zkvm', 'op_bench_zkvm_prove'),
    path.join(projectRoot, 'build', 'native', 'Release', 'op_bench_zkvm_prove'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`op_bench_zkvm_prove not found (tried ${candidates.join(', ')}): run \`npm run build\``);
  return found;
}

const suite: Suite = {
  name: 'zkvm_prove',
  async run() {
    const quick = process.env.OP_BENCH_QUICK === '1';
    const args = quick ? ['--cycles', String(1 << 17), '--segment-cycles', String(1 << 16)] : ['--cycles', String(1 << 22), '--segment-cycles', String(1 << 20)];
    const { stdout } = await run(findExecutable(), args, { maxBuffer: 1 << 20, timeout: 3_600_000 });
    const parsed: unknown = JSON.parse(stdout);
    if (!Array.isArray(parsed)) throw new Error('op_bench_zkvm_prove: expected a JSON array of figures');
    return parsed.map((f: Record<string, unknown>, i): Figure => {
      if (typeof f.name !== 'string' || typeof f.value !== 'number' || typeof f.unit !== 'string') throw new Error(`op_bench_zkvm_prove: figure ${i} is malformed`);
      return { name: f.name, value: f.value, unit: f.unit, params: f.params as Figure['params'] };
    });
  },
};

export default suite;
