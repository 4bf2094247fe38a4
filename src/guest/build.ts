// Builds a guest ELF from C/C++ sources with the oneproof runtime, exactly as the rv32 CMake
// project does: same compilers, flags, runtime and linker script (all from toolchain.json).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../native/loader.js';
import { languageOf, loadGuestToolchain, type GuestToolchain } from './toolchain.js';

export interface GuestBuildOptions {
  sources: string[];
  output: string;
  /** Optimisation level of the guest's own sources: 0, 1, 2, 3, s or z (runtime stays at the default). */
  optLevel?: string;
  includeDirs?: string[];
  /** Heap and stack sizes in bytes (default: the linker script's 64 MiB and 1 MiB). */
  heapSize?: number;
  stackSize?: number;
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

  const sizes: string[] = [];
  for (const [name, value] of [['heap', options.heapSize], ['stack', options.stackSize]] as const) {
    if (value === undefined) continue;
    // Both regions must fit in the 32-bit address space beside the program; 1 GiB each is plenty.
    if (!Number.isInteger(value) || value < 4096 || value > 1 << 30) {
      throw new GuestBuildError(`${name} size ${value}: must be a whole number of bytes from 4 KiB to 1 GiB`);
    }
    sizes.push(`--defsym=__op_${name}_size=${value}`);
  }

  const work = mkdtempSync(path.join(os.tmpdir(), 'oneproof-guest-'));
  try {
    const runtimeArchive = await runtimeLibrary(tc, work);
    const includes = (options.includeDirs ?? []).flatMap((d) => ['-I', path.resolve(d)]);
    const objects = options.sources.map((src, i) => path.join(work, `src${i}-${path.basename(src)}.o`));
    await inParallel(
      options.sources.map((src, i) => () => run(tool(tc, src), compileArgs(tc, path.resolve(src), objects[i], [`-O${opt}`, ...includes]))),
      Math.max(1, os.availableParallelism()),
    );
    const output = path.resolve(options.output);
    mkdirSync(path.dirname(output), { recursive: true });
    await run(tc.tools.linker, [...tc.linkFlags, ...sizes, ...objects, '-o', output, ...tc.linkLibraries([runtimeArchive])]);
    return { output, bytes: statSync(output).size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Every file the runtime library depends on: the toolchain description, runtime sources, headers. */
function sdkInputs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sdkInputs(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/**
 * The SDK runtime as an archive, compiled once per SDK content and cached under
 * build/guest-runtime/<hash>/ (the runtime is the same for every guest, and compiling it is most of
 * a small guest's build time). Falls back to `work` when the cache cannot be written.
 */
async function runtimeLibrary(tc: GuestToolchain, work: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of sdkInputs(tc.sdkDir)) hash.update(path.relative(tc.sdkDir, file)).update('\0').update(readFileSync(file)).update('\0');
  const cached = path.join(projectRoot, 'build', 'guest-runtime', hash.digest('hex').slice(0, 16), 'libop_guest_rt.a');
  if (existsSync(cached)) return cached;

  const objects = tc.runtimeSources.map((src, i) => path.join(work, `rt${i}-${path.basename(src)}.o`));
  await inParallel(
    tc.runtimeSources.map((src, i) => () =>
      run(tool(tc, src), compileArgs(tc, src, objects[i], [tc.optimize, '-I', path.join(tc.sdkDir, 'runtime')])),
    ),
    Math.max(1, os.availableParallelism()),
  );
  const archive = path.join(work, 'libop_guest_rt.a');
  await run(tc.tools.ar, ['rcsD', archive, ...objects]);
  try {
    mkdirSync(path.dirname(cached), { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    copyFileSync(archive, partial);
    renameSync(partial, cached); // atomic: concurrent builds never see half an archive
    return cached;
  } catch {
    return archive;
  }
}

function tool(tc: GuestToolchain, source: string): string {
  return languageOf(source) === 'cxx' ? tc.tools.cxx : tc.tools.c;
}
