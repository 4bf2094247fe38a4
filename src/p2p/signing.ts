// BLS signing of execution proofs: the spec's domain, signing root and signature checks.
import { PublicKey, SecretKey, Signature, verify } from '@chainsafe/blst';
import { DOMAIN_EXECUTION_PROOF } from './constants.js';
import { ExecutionProof, SigningData, type ExecutionProof as ExecutionProofValue } from './containers.js';
import { computeForkDataRoot } from './topic.js';

/** phase0 compute_domain(DOMAIN_EXECUTION_PROOF, fork_version, genesis_validators_root). */
export function executionProofDomain(forkVersion: Uint8Array, genesisValidatorsRoot: Uint8Array): Uint8Array {
  const domain = new Uint8Array(32);
  domain.set(DOMAIN_EXECUTION_PROOF, 0);
  domain.set(computeForkDataRoot(forkVersion, genesisValidatorsRoot).subarray(0, 28), 4);
  return domain;
}

/** compute_signing_root(proof, domain). */
export function signingRoot(proof: ExecutionProofValue, domain: Uint8Array): Uint8Array {
  return SigningData.hashTreeRoot({ objectRoot: ExecutionProof.hashTreeRoot(proof), domain });
}

/** A validator key that signs proofs this node publishes. */
export interface ProofSigner {
  validatorIndex: number;
  secretKey: SecretKey;
}

export function signProof(proof: ExecutionProofValue, domain: Uint8Array, signer: ProofSigner): Uint8Array {
  return signer.secretKey.sign(signingRoot(proof, domain)).toBytes();
}

/** Where signatures come from: the domain and the active validators' public keys. */
export interface SignatureScheme {
  domain: Uint8Array;
  /** Public key of an active validator, or undefined when the index is unknown or not active. */
  activeValidatorPubkey(validatorIndex: number): PublicKey | undefined;
}

/** Checks a signature; malformed points count as invalid, never throw. */
export function verifyProofSignature(proof: ExecutionProofValue, signature: Uint8Array, pubkey: PublicKey, domain: Uint8Array): boolean {
  let sig: Signature;
  try {
    sig = Signature.fromBytes(signature, true, true);
  } catch {
    return false;
  }
  return verify(signingRoot(proof, domain), pubkey, sig);
}

/** A fixed map of validator index → public key, for testnets and tests. */
export function staticValidatorSet(domain: Uint8Array, pubkeys: Map<number, PublicKey>): SignatureScheme {
  return { domain, activeValidatorPubkey: (i) => pubkeys.get(i) };
}

export { PublicKey, SecretKey };
