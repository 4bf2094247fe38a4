// The rv32im zkVM emulator: run a guest ELF on an input and get its public values and output.
import { loadAddon } from './loader.js';

export interface ZkvmRunOptions {
  /** Stop with an error after this many cycles without HALT (default 2^32). */
  maxCycles?: number;
}

export interface ZkvmRunResult {
  cycles: number;
  /** The guest's HALT code (a0). */
  exitCode: number;
  /** Bytes the guest committed with COMMIT: what a proof attests to. */
  publicValues: Uint8Array;
  /** Debug output the guest wrote to fd 1 and 2 (not proven). */
  stdout: Uint8Array;
  stderr: Uint8Array;
}

/** The error zkvmRun throws: code says whether the ELF or the execution was at fault. */
export interface ZkvmError extends Error {
  code: 'ZKVM_ELF' | 'ZKVM_EXECUTION';
  /** For ZKVM_EXECUTION: where the guest stopped. */
  pc?: number;
  insn?: number;
  cycle?: number;
  reason?: string;
}

interface ZkvmAddon {
  zkvmRun(elf: Uint8Array, input: Uint8Array, opts?: ZkvmRunOptions): ZkvmRunResult;
}

/** Runs the guest until HALT. Throws a ZkvmError for a malformed ELF or a guest fault. */
export function zkvmRun(elf: Uint8Array, input: Uint8Array = new Uint8Array(), opts: ZkvmRunOptions = {}): ZkvmRunResult {
  return loadAddon<ZkvmAddon>().zkvmRun(elf, input, opts);
}

export function isZkvmError(e: unknown): e is ZkvmError {
  return e instanceof Error && ((e as ZkvmError).code === 'ZKVM_ELF' || (e as ZkvmError).code === 'ZKVM_EXECUTION');
}
