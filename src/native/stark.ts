// The STARK proof system (native/stark): prove the example machines, verify proofs against a
// verifying key, and report the security of FRI parameter sets.
import { loadAddon } from './loader.js';

/** FRI parameters; they are carried in the verifying key and bound into every proof. */
export interface FriParams {
  logBlowup: number;
  numQueries: number;
  powBits: number;
  logFinalPolyLen: number;
  /** Each FRI round folds by up to 2^maxLogArity (default 1). */
  maxLogArity?: number;
}

/** Machines built from the example AIRs: `wide-<W>` has W columns. */
export type ExampleMachine = 'fibonacci' | 'poseidon2' | 'range-lookup' | `wide-${number}`;

export interface ExampleProof {
  vk: Uint8Array;
  proof: Uint8Array;
  /** Per table, its public values as canonical field elements. */
  publicValues: number[][];
}

export type VerifyResult = { ok: true } | { ok: false; error: string };

export interface SecurityBits {
  /** ethSTARK conjecture: log_blowup * num_queries + pow_bits, capped by the field. */
  conjectured: number;
  /** Unique-decoding estimate: num_queries * -log2((1 + rho) / 2) + pow_bits, capped by the field. */
  provable: number;
}

interface StarkAddon {
  starkExampleProve(name: string, logRows: number, params?: FriParams): ExampleProof;
  starkVerify(vk: Uint8Array, proof: Uint8Array, publicValues: number[][]): VerifyResult;
  starkSecurityBits(params: FriParams, logMaxLdeHeight: number): SecurityBits;
  starkPresets(): { default: FriParams; provable: FriParams; test: FriParams };
}

const addon = () => loadAddon<StarkAddon>();

/** Builds an example machine with 2^logRows rows and proves it (synchronously). */
export function starkExampleProve(name: ExampleMachine, logRows: number, params?: FriParams): ExampleProof {
  return addon().starkExampleProve(name, logRows, params);
}

/**
 * Verifies a serialized proof against a serialized verifying key and the public values. Malformed
 * bytes and invalid proofs give `{ ok: false, error }`; only wrong argument types throw.
 */
export function starkVerify(vk: Uint8Array, proof: Uint8Array, publicValues: number[][]): VerifyResult {
  return addon().starkVerify(vk, proof, publicValues);
}

/** Security estimate of a parameter set for a largest LDE of 2^logMaxLdeHeight rows. */
export function securityBits(params: FriParams, logMaxLdeHeight: number): SecurityBits {
  return addon().starkSecurityBits(params, logMaxLdeHeight);
}

/** The parameter presets: `default` (>= 100 conjectured bits), `provable` (>= 100 provable bits), `test`. */
export function starkPresets(): { default: FriParams; provable: FriParams; test: FriParams } {
  return addon().starkPresets();
}
