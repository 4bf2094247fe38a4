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

// ---- Proving (segmented runs; see native/zkvm/prove.h for what the proof binds) ----

/** FRI parameter preset: prover and verifier must use the same one. 'test' is fast and NOT secure. */
export type ZkvmParams = 'default' | 'provable' | 'test';

export interface ZkvmProveOptions {
  params?: ZkvmParams;
  /** Stop with an error after this many cycles without HALT (default 2^22). */
  maxCycles?: number;
  /** Cycles per segment: a power of two in [2^16, 2^21] (default 2^20; see native/zkvm/prove.h). */
  segmentCycles?: number;
}

export interface ZkvmProveResult {
  /** The serialized zkVM proof: program id (sha256 of the ELF), exit code, public values, one STARK
   * proof per segment and the run's global memory proof. */
  proof: Uint8Array;
  /** The bytes the guest committed (COMMIT), bound by the proof. */
  publicValues: Uint8Array;
  exitCode: number;
  cycles: number;
  segments: number;
}

export interface ZkvmVerifyResult {
  exitCode: number;
  publicValues: Uint8Array;
  segments: number;
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

/** Runs the guest and proves the run. Throws ZKVM_UNPROVABLE for a program or run the chips cannot prove. */
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

// ---- Profiling (cycles per ELF function; see native/vm/profile.h) ----

/** The validator's cost groups: keccak hashing, signature recovery (secp256k1), trie work, the rest. */
export type ZkvmCostGroup = 'keccak' | 'signature' | 'trie' | 'other';

export interface ZkvmFunctionCycles {
  /** Demangled name of the ELF FUNC symbol. */
  name: string;
  group: ZkvmCostGroup;
  /** Instructions executed inside this function (self cycles, callees not included). */
  cycles: number;
}

export interface ZkvmProfileResult extends ZkvmRunResult {
  /** Functions that ran, most cycles first. */
  functions: ZkvmFunctionCycles[];
  /** Cycles per group by call stack (a cycle belongs to the innermost caller in a named group, so
   * malloc called from trie code is trie work); they sum to `cycles`. */
  groups: Record<ZkvmCostGroup, number>;
  /** Cycles per group of the function each instruction is in (helpers count as other); sum to `cycles`. */
  selfGroups: Record<ZkvmCostGroup, number>;
  /** Cycles at pcs outside every symbol (counted in `other`; all of them for a stripped ELF). */
  unattributed: number;
}

interface ZkvmProfileAddon {
  zkvmProfile(elf: Uint8Array, input: Uint8Array, opts?: ZkvmRunOptions): ZkvmProfileResult;
}

/** Runs the guest like zkvmRun, attributing every cycle to the ELF function it executed in. */
export function zkvmProfile(elf: Uint8Array, input: Uint8Array = new Uint8Array(), opts: ZkvmRunOptions = {}): ZkvmProfileResult {
  return loadAddon<ZkvmProfileAddon>().zkvmProfile(elf, input, opts);
}
