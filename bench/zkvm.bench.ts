// zkVM emulator throughput (million guest instructions per second, one core) from the C++ benchmark
// op_bench_zkvm (native/vm/zkvm_bench.cc), side by side with qemu-riscv32 on the same ELFs: a
// generated 240M-instruction compute loop and D's sha256 / sort examples when build/guest has them.
// Rates are per CPU second (thread CPU time for ours, user + system time for qemu, which includes its
// process start and translation, so short ELFs under-rate qemu): the CI machine is shared and
// wall-clock figures there swing by 3x. OP_BENCH_ZKVM overrides the executable's path; OP_BENCH_QUICK=1 runs small sizes.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../src/native/loader.js';
import type { Figure, Suite } from './types.js';

const run = promisify(execFile);
const QEMU_CPU = 'rv32,c=false,a=false,f=false,d=false';

function findExecutable(): string {
  const candidates = [
    process.env.OP_BENCH_ZKVM,
    path.join(projectRoot, 'build', 'native', 'vm', 'op_bench_zkvm'),
    path.join(projectRoot, 'build', 'native', 'Release', 'op_bench_zkvm'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`op_bench_zkvm not found (tried ${candidates.join(', ')}): run \`npm run build:native\``);
  return found;
}

function parseFigures(stdout: string): Figure[] {
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error('op_bench_zkvm: expected a JSON array of figures');
  return parsed.map((f: Record<string, unknown>, i) => {
    if (typeof f.name !== 'string' || typeof f.value !== 'number' || typeof f.unit !== 'string') {
      throw new Error(`op_bench_zkvm: figure ${i} is malformed`);
    }
    return { name: f.name, value: f.value, unit: f.unit, params: f.params as Figure['params'] };
  });
}

async function haveQemu(): Promise<boolean> {
  try {
    await run('qemu-riscv32', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Best-of-n CPU time (user + system, from bash's `time`) of one qemu-riscv32 run, in seconds. */
async function timeQemu(elf: string, reps: number): Promise<number> {
  let best = Infinity;
  const script = `TIMEFORMAT='%3U %3S'; time qemu-riscv32 -cpu ${QEMU_CPU} "$0" > /dev/null`;
  for (let i = 0; i < reps; i++) {
    const { stderr } = await run('bash', ['-c', script, elf], { maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
    const [user, sys] = stderr.trim().split(/\s+/).slice(-2).map(Number);
    best = Math.min(best, user + sys);
  }
  return Math.max(best, 0.001); // bash reports milliseconds
}

const suite: Suite = {
  name: 'zkvm',
  async run() {
    const quick = process.env.OP_BENCH_QUICK === '1';
    const exe = findExecutable();
    const dir = mkdtempSync(path.join(tmpdir(), 'op-bench-zkvm-'));
    try {
      const loop = path.join(dir, 'loop.elf');
      await run(exe, ['--write-loop', loop, ...(quick ? ['--quick'] : [])]);
      const examples = ['sha256', 'sort']
        .map((n) => path.join(projectRoot, 'build', 'guest', 'examples', `${n}.elf`))
        .filter((p) => existsSync(p));
      const elfs = [loop, ...examples];
      const { stdout } = await run(exe, [...(quick ? ['--quick'] : []), ...elfs], { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
      const figures = parseFigures(stdout);
      if (await haveQemu()) {
        for (const elf of elfs) {
          const ours = figures.find((f) => f.name === 'zkvm_emulator_mips' && f.params?.elf === path.basename(elf));
          const cycles = Number(ours?.params?.cycles ?? 0);
          if (!cycles) continue;
          const seconds = await timeQemu(elf, quick ? 1 : 3);
          figures.push({
            name: 'qemu_riscv32_mips',
            value: Math.round((cycles / seconds / 1e6) * 10) / 10,
            unit: 'Minstr/s',
            params: { elf: path.basename(elf), cycles, cpuSeconds: seconds, includesProcessStart: true },
          });
        }
      }
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
