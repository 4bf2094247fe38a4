// Proof verification for the sidecar: the native STARK verifier, then the public values must name
// the expected block. No native verifier, no acceptance: the reason says so.
import { existsSync, readFileSync } from 'node:fs';
import { hexlify } from 'ethers';
import type { ExecutionProof, ProofVerifier as GossipVerifier } from '../p2p/index.js';
import { NATIVE_VERIFIER_MISSING, type NativeZkvm, type ZkvmOptions } from '../prover/native-zkvm.js';
import { checkPublicValues, type BlockClaim } from './binding.js';
import type { PayloadRegistry } from './payload-registry.js';

/** true, or the reason the proof is not accepted. */
export type VerifyResult = true | string;

export interface ProofVerifier {
  /** true when `proof` verifies and commits to a successful validation of exactly `claim`. */
  verify(proof: Uint8Array, claim: BlockClaim): Promise<VerifyResult>;
}

export class NativeProofVerifier implements ProofVerifier {
  private elf: Uint8Array | undefined;

  /** `elfPath`: the validator guest whose execution the proofs attest (its bytes fix the verifying key);
   * `options.params`: the FRI parameters proofs must have been made with. */
  constructor(
    private readonly zkvm: Partial<NativeZkvm> | undefined,
    private readonly elfPath: string,
    private readonly options: ZkvmOptions = {},
  ) {}

  get available(): boolean {
    return typeof this.zkvm?.verify === 'function';
  }

  async verify(proof: Uint8Array, claim: BlockClaim): Promise<VerifyResult> {
    if (!this.zkvm?.verify) return NATIVE_VERIFIER_MISSING;
    if (proof.length === 0) return 'empty proof';
    if (!this.elf) {
      if (!existsSync(this.elfPath)) return `validator guest ELF not found at ${this.elfPath}`;
      this.elf = readFileSync(this.elfPath);
    }
    let publicValues: Uint8Array;
    try {
      publicValues = this.zkvm.verify(this.elf, proof, this.options).publicValues;
    } catch (e) {
      return `proof rejected: ${(e as Error).message}`;
    }
    return checkPublicValues(publicValues, claim) ?? true;
  }
}

/**
 * The check in the shape the gossip layer injects: the proof's public input names a payload
 * request, which must be one this node has seen, and the proof must commit to that block.
 */
export function gossipVerifier(v: ProofVerifier, payloads: PayloadRegistry): GossipVerifier {
  return {
    async verify(p: ExecutionProof) {
      const known = payloads.get(hexlify(p.publicInput.newPayloadRequestRoot));
      if (!known) return 'payload request not seen by this node';
      return v.verify(p.proofData, known);
    },
  };
}
