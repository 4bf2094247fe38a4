// The rv32im guest toolchain as data: native/guest/sdk/toolchain.json, the same description the CMake
// toolchain file reads, with its ${...} placeholders expanded.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../native/loader.js';

export type GuestLanguage = 'c' | 'cxx' | 'asm';

interface ToolchainFile {
  tools: { c: string; cxx: string; linker: string; ar: string };
  paths: Record<string, string>;
  flags: {
    common: string[];
    c: string[];
    cxx: string[];
    asm: string[];
    optimize: string;
    link: string[];
    linkLibraries: string[];
  };
  runtime: string[];
}

export interface GuestToolchain {
  sdkDir: string;
  tools: ToolchainFile['tools'];
  /** Compiler flags for a language, without the optimisation level. */
  compileFlags(language: GuestLanguage): string[];
  /** The default optimisation flag, e.g. "-O2". */
  optimize: string;
  linkFlags: string[];
  /** Libraries after the objects; `libraries` are the guest's archives (the runtime among them). */
  linkLibraries(libraries: string[]): string[];
  /** Absolute paths of the runtime's sources. */
  runtimeSources: string[];
}

export const GUEST_SDK_DIR = path.join(projectRoot, 'native', 'guest', 'sdk');

export function languageOf(file: string): GuestLanguage | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.c') return 'c';
  if (ext === '.cc' || ext === '.cpp' || ext === '.cxx') return 'cxx';
  if (ext === '.s') return 'asm';
  return undefined;
}

export function loadGuestToolchain(sdkDir = GUEST_SDK_DIR): GuestToolchain {
  const file = path.join(sdkDir, 'toolchain.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as ToolchainFile;
  const expand = (s: string) =>
    s.replace(/\$\{(\w+)\}/g, (whole, name: string) => {
      if (name === 'sdk') return sdkDir;
      const value = spec.paths[name];
      if (value === undefined) {
        if (name === 'libraries') return whole;
        throw new Error(`${file}: unknown placeholder ${whole}`);
      }
      return value;
    });
  const expandAll = (list: string[]) => list.map(expand);
  return {
    sdkDir,
    tools: spec.tools,
    compileFlags: (language) => [...expandAll(spec.flags.common), ...expandAll(spec.flags[language])],
    optimize: spec.flags.optimize,
    linkFlags: expandAll(spec.flags.link),
    linkLibraries: (libraries) =>
      expandAll(spec.flags.linkLibraries).flatMap((f) => (f === '${libraries}' ? libraries : [f])),
    runtimeSources: spec.runtime.map((s) => path.join(sdkDir, s)),
  };
}
