// The stateless block validator (native/guest, built natively into the addon).
import { loadAddon } from './loader.js';

/** The outcome of validating one block against its witness. */
export interface ValidationResult {
  /** True when the block is valid on top of its parent. */
  success: boolean;
  /** True when the witness lacks a node, code or header the block needs (not a verdict on the block). */
  witnessIncomplete: boolean;
  /** Why the block was rejected ('' on success). */
  reason: string;
  blockHash: string;
  parentHash: string;
  /** The header's claimed post-state root. */
  stateRoot: string;
  /** The post-state root the validator computed (zero hash when it did not get that far). */
  computedStateRoot: string;
  number: number;
  gasUsed: number;
  txCount: number;
  /** Native validation time in milliseconds (decoding of the inputs excluded). */
  elapsedMs: number;
  /** The 97 public-value bytes the guest commits: block hash, parent hash, state root, success. */
  publicValues: Buffer;
}

/** One BlockchainTest case from a fixture file. */
export interface FixtureOutcome {
  name: string;
  network: string;
  verdict: 'passed' | 'failed' | 'skipped';
  reason: string;
  gasUsed: number;
}

interface BlockAddon {
  validateBlock(blockHex: string, witnessJson: string, chainJson?: string): ValidationResult;
  encodeValidatorInput(blockHex: string, witnessJson: string, chainJson?: string): Buffer;
  runFixtureFile(path: string, networks?: string[]): FixtureOutcome[];
}

/**
 * Validates a block (RLP as hex) against a `debug_executionWitness`-shaped witness JSON and an
 * optional chain JSON ({chainId, fork, blobSchedule}). Malformed input throws a TypeError.
 */
export function validateBlock(blockHex: string, witnessJson: string, chainJson?: string): ValidationResult {
  return loadAddon<BlockAddon>().validateBlock(blockHex, witnessJson, chainJson);
}

/** The validator guest's input bytes for the same three inputs (see native/guest/validator/input.h). */
export function encodeValidatorInput(blockHex: string, witnessJson: string, chainJson?: string): Buffer {
  return loadAddon<BlockAddon>().encodeValidatorInput(blockHex, witnessJson, chainJson);
}

/** Runs every BlockchainTest in a fixture file whose network matches one of `networks` (all when empty). */
export function runFixtureFile(path: string, networks: string[] = []): FixtureOutcome[] {
  return loadAddon<BlockAddon>().runFixtureFile(path, networks);
}
