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

// ---- Proving (single-segment runs; see native/zkvm/prove.h for what the proof binds) ----

/** FRI parameter preset: prover and verifier must use the same one. 'test' is fast and NOT secure. */
export type ZkvmParams = 'default' | 'provable' | 'test';

export interface ZkvmProveOptions {
  params?: ZkvmParams;
  /** Stop with an error after this many cycles without HALT (default 2^22: one segment). */
  maxCycles?: number;
}

export interface ZkvmProveResult {
  /** The serialized zkVM proof: program id (sha256 of the ELF), exit code, public values, STARK proof. */
  proof: Uint8Array;
  /** Always empty for now: the chips do not prove COMMIT, so guests that commit are refused. */
  publicValues: Uint8Array;
  exitCode: number;
  cycles: number;
}

export interface ZkvmVerifyResult {
  exitCode: number;
  publicValues: Uint8Array;
}

/** The errors zkvmProve / zkvmVerify throw, besides the ZKVM_ELF / ZKVM_EXECUTION of a bad run. */
export interface ZkvmProofError extends Error {
  code: 'ZKVM_ELF' | 'ZKVM_EXECUTION' | 'ZKVM_UNPROVABLE' | 'ZKVM_INVALID_PROOF';
  /** For ZKVM_INVALID_PROOF: the bytes are not a zkVM proof at all (bad framing). */
  malformed?: boolean;
}

interface ZkvmProveAddon {
  zkvmProve(elf: Uint8Array, input: Uint8Array, opts?: ZkvmProveOptions): ZkvmProveResult;
  zkvmVerify(elf: Uint8Array, proof: Uint8Array, opts?: { params?: ZkvmParams }): ZkvmVerifyResult;
}

/** Runs the guest and proves the run. Throws ZKVM_UNPROVABLE for multi-segment runs or unsupported syscalls. */
export function zkvmProve(elf: Uint8Array, input: Uint8Array = new Uint8Array(), opts: ZkvmProveOptions = {}): ZkvmProveResult {
  return loadAddon<ZkvmProveAddon>().zkvmProve(elf, input, opts);
}

/** Verifies a proof against the guest ELF; throws a ZKVM_INVALID_PROOF error when it is rejected. */
export function zkvmVerify(elf: Uint8Array, proof: Uint8Array, opts: { params?: ZkvmParams } = {}): ZkvmVerifyResult {
  return loadAddon<ZkvmProveAddon>().zkvmVerify(elf, proof, opts);
}

export function isZkvmProofError(e: unknown): e is ZkvmProofError {
  const code = (e as ZkvmProofError | null)?.code;
  return e instanceof Error && (code === 'ZKVM_ELF' || code === 'ZKVM_EXECUTION' || code === 'ZKVM_UNPROVABLE' || code === 'ZKVM_INVALID_PROOF');
}
