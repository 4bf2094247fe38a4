// The native functions the prover and verifier use, looked up by name in `oneproof/native`
// (src/native/index.ts); missing ones are reported by name, never replaced by something fake.
//   validateBlock(blockHex, witnessJson, chainJson)        engineer F: native stateless validation
//   encodeValidatorInput(blockHex, witnessJson, chainJson) engineer F: the guest's input bytes
//   zkvmProve(elf, input, opts) -> { proof, publicValues } the zkVM prover (native/zkvm)
//   zkvmVerify(elf, proof, opts) -> { publicValues }, throws on a bad proof (the key is rebuilt from the ELF)
import path from 'node:path';
import { projectRoot } from '../native/loader.js';

export interface ZkvmProveResult {
  proof: Uint8Array;
  publicValues: Uint8Array;
}

export interface NativeValidation {
  success: boolean;
  witnessIncomplete: boolean;
  reason: string;
  elapsedMs: number;
  publicValues: Uint8Array;
}

/** How proofs are made and checked: prover and verifier must agree on `params`. */
export interface ZkvmOptions {
  params?: 'default' | 'provable' | 'test';
  segmentCycles?: number;
}

export interface NativeZkvm {
  validate(blockHex: string, witnessJson: string, chainJson: string): NativeValidation;
  encodeInput(blockHex: string, witnessJson: string, chainJson: string): Uint8Array;
  prove(elf: Uint8Array, input: Uint8Array, opts?: ZkvmOptions): ZkvmProveResult;
  verify(elf: Uint8Array, proof: Uint8Array, opts?: ZkvmOptions): { publicValues: Uint8Array };
}

export const NATIVE_PROVER_MISSING = 'native prover not built';
export const NATIVE_VERIFIER_MISSING = 'native verifier not built';
export const NATIVE_VALIDATOR_MISSING = 'native validator not built';

/** The validator guest the node proves and verifies with: configured, else the one `npm run build:guest` makes. */
export function validatorElfPath(configured?: string): string {
  return configured ?? path.join(projectRoot, 'build', 'guest', 'validator.elf');
}

type Fn = (...args: unknown[]) => unknown;

/** Resolves the functions; `missing` lists the reasons for those absent. */
export async function loadNativeZkvm(): Promise<{ zkvm?: Partial<NativeZkvm>; missing: string[] }> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import('../native/index.js')) as Record<string, unknown>;
  } catch (e) {
    return { missing: [`native module failed to load: ${(e as Error).message}`] };
  }
  const missing: string[] = [];
  const zkvm: Partial<NativeZkvm> = {};
  // The TypeScript wrappers exist even when the addon lacks the function: probe the addon itself.
  let addon: Record<string, unknown> = {};
  try {
    addon = (mod.loadAddon as () => Record<string, unknown>)();
  } catch (e) {
    missing.push(`native addon not loadable: ${(e as Error).message}`);
  }
  const fn = (name: string) => (typeof addon[name] === 'function' && typeof mod[name] === 'function' ? (mod[name] as Fn) : undefined);
  const validate = fn('validateBlock');
  const encode = fn('encodeValidatorInput');
  const prove = fn('zkvmProve');
  const verify = fn('zkvmVerify');
  if (validate && encode) {
    zkvm.validate = (b, w, c) => checkValidation(validate(b, w, c));
    zkvm.encodeInput = (b, w, c) => encode(b, w, c) as Uint8Array;
  } else missing.push(NATIVE_VALIDATOR_MISSING);
  if (prove) zkvm.prove = (elf, input, opts = {}) => checkProveResult(prove(elf, input, opts));
  else missing.push(NATIVE_PROVER_MISSING);
  if (verify) zkvm.verify = (elf, proof, opts = {}) => checkVerifyResult(verify(elf, proof, { params: opts.params }));
  else missing.push(NATIVE_VERIFIER_MISSING);
  return { zkvm, missing };
}

function checkValidation(r: unknown): NativeValidation {
  const o = r as Partial<NativeValidation> | null;
  if (!o || typeof o.success !== 'boolean' || !(o.publicValues instanceof Uint8Array)) throw new Error('validateBlock returned an unexpected shape');
  return { success: o.success, witnessIncomplete: !!o.witnessIncomplete, reason: String(o.reason ?? ''), elapsedMs: Number(o.elapsedMs ?? 0), publicValues: o.publicValues };
}

function checkProveResult(r: unknown): ZkvmProveResult {
  const o = r as Partial<ZkvmProveResult> | null;
  if (!o || !(o.proof instanceof Uint8Array) || !(o.publicValues instanceof Uint8Array)) throw new Error('zkvmProve returned an unexpected shape');
  return { proof: o.proof, publicValues: o.publicValues };
}

function checkVerifyResult(r: unknown): { publicValues: Uint8Array } {
  const o = r as { publicValues?: unknown } | null;
  if (!o || !(o.publicValues instanceof Uint8Array)) throw new Error('zkvmVerify returned an unexpected shape');
  return { publicValues: o.publicValues };
}
