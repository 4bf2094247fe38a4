// An example-AIR STARK proof as an EIP-8025 ExecutionProof, and the injected verifier that checks
// it with the native STARK verifier (shared by test/p2p/stark.test.ts and bench/p2p.bench.ts).
import { createHash } from 'node:crypto';
import { ByteListType, ContainerType, ListBasicType, ListCompositeType, UintNumberType } from '@chainsafe/ssz';
import { starkVerify, type ExampleProof } from '../../src/native/stark.js';
import { MAX_PROOF_SIZE } from '../../src/p2p/constants.js';
import type { ExecutionProof } from '../../src/p2p/containers.js';
import { toHex } from '../../src/p2p/topic.js';
import type { ProofVerifier } from '../../src/p2p/verifier.js';

/**
 * proof_data for an example-AIR statement: the serialized STARK proof and its public values. The
 * verifying key is not sent: receivers pin it, as the sidecar pins its guest program's key.
 */
export const StarkEnvelope = new ContainerType({
  proof: new ByteListType(MAX_PROOF_SIZE),
  publicValues: new ListCompositeType(new ListBasicType(new UintNumberType(4), 1024), 64),
});

/** The "payload" an example proof speaks for: a hash of the key and the public values it proves. */
export function statementRoot(vk: Uint8Array, publicValues: number[][]): Uint8Array {
  const h = createHash('sha256').update('oneproof-example-statement').update(vk);
  h.update(StarkEnvelope.fields.publicValues.serialize(publicValues));
  return Uint8Array.from(h.digest());
}

export function toExecutionProof(vk: Uint8Array, ex: ExampleProof): ExecutionProof {
  return {
    proofData: StarkEnvelope.serialize({ proof: ex.proof, publicValues: ex.publicValues }),
    proofType: 1,
    publicInput: { newPayloadRequestRoot: statementRoot(vk, ex.publicValues) },
  };
}

/** The injected verifier, backed by the native STARK verifier with a pinned key. */
export function starkProofVerifier(vk: Uint8Array): ProofVerifier {
  return {
    async verify(p) {
      let env;
      try {
        env = StarkEnvelope.deserialize(p.proofData);
      } catch (e) {
        return `malformed STARK envelope: ${(e as Error).message}`;
      }
      if (toHex(statementRoot(vk, env.publicValues)) !== toHex(p.publicInput.newPayloadRequestRoot)) return 'public input does not match the proven statement';
      const r = starkVerify(vk, env.proof, env.publicValues);
      return r.ok ? true : `STARK: ${r.error}`;
    },
  };
}
