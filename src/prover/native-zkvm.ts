// The zkVM functions of the native addon, looked up by name: engineer-facing contract
//   zkvmProve(elf: Uint8Array, input: Uint8Array) -> { proof: Uint8Array, publicValues: Uint8Array }
//   zkvmVerify(proof: Uint8Array) -> { publicValues: Uint8Array }   (throws on a bad proof)
// When the addon or a function is missing the caller gets the reason; nothing is ever faked.
export interface ZkvmProveResult {
  proof: Uint8Array;
  publicValues: Uint8Array;
}

export interface NativeZkvm {
  prove(elf: Uint8Array, input: Uint8Array): ZkvmProveResult;
  verify(proof: Uint8Array): { publicValues: Uint8Array };
}

export const NATIVE_PROVER_MISSING = 'native prover not built';
export const NATIVE_VERIFIER_MISSING = 'native verifier not built';

type Fn = (...args: unknown[]) => unknown;

/** Resolves the functions from `oneproof/native`; `missing` names what is absent. */
export async function loadNativeZkvm(): Promise<{ zkvm?: Partial<NativeZkvm>; missing: string[] }> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import('../native/index.js')) as Record<string, unknown>;
  } catch (e) {
    return { missing: [`native module failed to load: ${(e as Error).message}`] };
  }
  const missing: string[] = [];
  const zkvm: Partial<NativeZkvm> = {};
  const prove = mod.zkvmProve as Fn | undefined;
  const verify = mod.zkvmVerify as Fn | undefined;
  if (typeof prove === 'function') zkvm.prove = (elf, input) => checkProveResult(prove(elf, input));
  else missing.push(NATIVE_PROVER_MISSING);
  if (typeof verify === 'function') zkvm.verify = (proof) => checkVerifyResult(verify(proof));
  else missing.push(NATIVE_VERIFIER_MISSING);
  return { zkvm, missing };
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
