// Host timings of the guest validator's primitives from the C++ benchmark op_bench_guest_crypto
// (native/guest/precompiles/bench/guest_crypto_bench.cc): keccak/sha256 throughput, secp256k1
// recovery, trie inserts, BN254/KZG pairings, MODEXP. OP_BENCH_GUEST_CRYPTO overrides the
// executable's path; OP_BENCH_QUICK=1 runs fewer iterations.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../src/native/loader.js';
import type { Figure, Suite } from './types.js';

const run = promisify(execFile);

function findExecutable(): string {
  const candidates = [
    process.env.OP_BENCH_GUEST_CRYPTO,
    path.join(projectRoot, 'build', 'native', 'guest', 'precompiles', 'op_bench_guest_crypto'),
    path.join(projectRoot, 'build', 'native', 'Release', 'op_bench_guest_crypto'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`op_bench_guest_crypto not found (tried ${candidates.join(', ')}): run \`npm run build:native\``);
  return found;
}

function parseFigures(stdout: string): Figure[] {
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error('op_bench_guest_crypto: expected a JSON array of figures');
  return parsed.map((f: Record<string, unknown>, i) => {
    if (typeof f.name !== 'string' || typeof f.value !== 'number' || typeof f.unit !== 'string') {
      throw new Error(`op_bench_guest_crypto: figure ${i} is malformed`);
    }
    return { name: f.name, value: f.value, unit: f.unit, params: f.params as Figure['params'] };
  });
}

const suite: Suite = {
  name: 'guest_crypto',
  async run() {
    const args = process.env.OP_BENCH_QUICK === '1' ? ['--quick'] : [];
    const { stdout } = await run(findExecutable(), args, { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
    return parseFigures(stdout);
  },
};

export default suite;
