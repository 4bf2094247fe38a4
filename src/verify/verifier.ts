// Proof verification for the sidecar: the native STARK verifier, then the public-values binding.
// No native verifier, no acceptance: the reason says so.
import type { ExecutionProof, ProofVerifier as GossipVerifier } from '../p2p/index.js';
import { NATIVE_VERIFIER_MISSING, type NativeZkvm } from '../prover/native-zkvm.js';
import { checkPublicValues } from './binding.js';

/** true, or the reason the proof is not accepted. */
export type VerifyResult = true | string;

export interface ProofVerifier {
  /** true when `proof` verifies and commits to `newPayloadRequestRoot` with a successful validation. */
  verify(proof: Uint8Array, newPayloadRequestRoot: Uint8Array): Promise<VerifyResult>;
}

export class NativeProofVerifier implements ProofVerifier {
  constructor(private readonly zkvm: Partial<NativeZkvm> | undefined) {}

  get available(): boolean {
    return typeof this.zkvm?.verify === 'function';
  }

  async verify(proof: Uint8Array, newPayloadRequestRoot: Uint8Array): Promise<VerifyResult> {
    if (!this.zkvm?.verify) return NATIVE_VERIFIER_MISSING;
    if (proof.length === 0) return 'empty proof';
    let publicValues: Uint8Array;
    try {
      publicValues = this.zkvm.verify(proof).publicValues;
    } catch (e) {
      return `proof rejected: ${(e as Error).message}`;
    }
    return checkPublicValues(publicValues, newPayloadRequestRoot) ?? true;
  }
}

/** The same check in the shape the gossip layer injects. */
export function gossipVerifier(v: ProofVerifier): GossipVerifier {
  return { verify: (p: ExecutionProof) => v.verify(p.proofData, p.publicInput.newPayloadRequestRoot) };
}
