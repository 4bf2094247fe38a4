// Builds a guest ELF from C/C++ sources with the oneproof runtime, exactly as the rv32 CMake
// project does: same compilers, flags, runtime and linker script (all from toolchain.json).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { languageOf, loadGuestToolchain, type GuestToolchain } from './toolchain.js';

export interface GuestBuildOptions {
  sources: string[];
  output: string;
  /** Optimisation level of the guest's own sources: 0, 1, 2, 3, s or z (runtime stays at the default). */
  optLevel?: string;
  includeDirs?: string[];
}

export class GuestBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuestBuildError';
  }
}

const OPT_LEVELS = new Set(['0', '1', '2', '3', 's', 'z']);

function run(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        reject(new GuestBuildError(`${tool} not found: install the guest toolchain with \`npm run setup\``));
      } else {
        reject(new GuestBuildError(`${tool} failed:\n${stderr.trim() || err.message}`));
      }
    });
  });
}

/** Runs tasks with at most `limit` at a time. */
async function inParallel(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

function compileArgs(tc: GuestToolchain, source: string, object: string, extra: string[]): string[] {
  const language = languageOf(source);
  if (!language) throw new GuestBuildError(`${source}: not a C (.c), C++ (.cc, .cpp, .cxx) or assembly (.S) file`);
  const root = path.resolve(tc.sdkDir, '..', '..', '..');
  return [
    ...tc.compileFlags(language),
    // Reproducible objects: no absolute paths of this machine.
    `-ffile-prefix-map=${root}=.`,
    `-ffile-prefix-map=${process.cwd()}=.`,
    ...extra,
    '-c', source, '-o', object,
  ];
}

export async function buildGuest(options: GuestBuildOptions): Promise<{ output: string; bytes: number }> {
  const tc = loadGuestToolchain();
  if (options.sources.length === 0) throw new GuestBuildError('no source files given');
  for (const s of options.sources) {
    if (!existsSync(s) || !statSync(s).isFile()) throw new GuestBuildError(`${s}: no such file`);
    if (!languageOf(s)) throw new GuestBuildError(`${s}: not a C (.c), C++ (.cc, .cpp, .cxx) or assembly (.S) file`);
  }
  const opt = options.optLevel ?? tc.optimize.replace(/^-O/, '');
  if (!OPT_LEVELS.has(opt)) throw new GuestBuildError(`-O${opt}: optimisation level must be one of 0, 1, 2, 3, s, z`);
  for (const dir of options.includeDirs ?? []) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new GuestBuildError(`-I ${dir}: no such directory`);
  }

  const work = mkdtempSync(path.join(os.tmpdir(), 'oneproof-guest-'));
  try {
    const jobs: (() => Promise<void>)[] = [];
    const runtimeObjects = tc.runtimeSources.map((src, i) => path.join(work, `rt${i}-${path.basename(src)}.o`));
    tc.runtimeSources.forEach((src, i) =>
      jobs.push(() => run(tool(tc, src), compileArgs(tc, src, runtimeObjects[i], [tc.optimize, '-I', path.join(tc.sdkDir, 'runtime')]))),
    );
    const includes = (options.includeDirs ?? []).flatMap((d) => ['-I', path.resolve(d)]);
    const userObjects = options.sources.map((src, i) => path.join(work, `src${i}-${path.basename(src)}.o`));
    options.sources.forEach((src, i) =>
      jobs.push(() => run(tool(tc, src), compileArgs(tc, path.resolve(src), userObjects[i], [`-O${opt}`, ...includes]))),
    );
    await inParallel(jobs, Math.max(1, os.availableParallelism()));

    const runtimeArchive = path.join(work, 'libop_guest_rt.a');
    await run(tc.tools.ar, ['rcsD', runtimeArchive, ...runtimeObjects]);
    const output = path.resolve(options.output);
    mkdirSync(path.dirname(output), { recursive: true });
    await run(tc.tools.linker, [...tc.linkFlags, ...userObjects, '-o', output, ...tc.linkLibraries([runtimeArchive])]);
    return { output, bytes: statSync(output).size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function tool(tc: GuestToolchain, source: string): string {
  return languageOf(source) === 'cxx' ? tc.tools.cxx : tc.tools.c;
}
