// `oneproof/native`: typed access to the native proof system, zkVM and block validator.
// Each area has its own module; add one export line per module.
export { loadAddon, projectRoot } from './loader.js';
export { buildInfo } from './build-info.js';
export { poseidon2, POSEIDON2_WIDTHS, KOALABEAR_P } from './poseidon2.js';
export { starkExampleProve, starkVerify, securityBits, starkPresets } from './stark.js';
export type { FriParams, ExampleMachine, ExampleProof, VerifyResult, SecurityBits } from './stark.js';
export { zkvmRun, isZkvmError, zkvmProve, zkvmVerify, isZkvmProofError, zkvmProfile } from './zkvm.js';
export type { ZkvmRunOptions, ZkvmRunResult, ZkvmError, ZkvmParams, ZkvmProveOptions, ZkvmProveResult, ZkvmVerifyResult, ZkvmProofError, ZkvmProfileResult } from './zkvm.js';
export { validateBlock, encodeValidatorInput, runFixtureFile } from './block.js';
export type { ValidationResult, FixtureOutcome } from './block.js';
