// The proof check is injected: the sidecar passes the native STARK verifier bound to the expected
// program and payload; the gossip layer only needs a yes or a reason.
import type { ExecutionProof } from './containers.js';

/** `true` when the proof verifies; `false` or a short reason otherwise (logged and counted, not sent). */
export type VerifyResult = boolean | string;

export interface ProofVerifier {
  verify(proof: ExecutionProof): Promise<VerifyResult>;
}

/** Runs a verifier, turning exceptions and odd return values into rejection reasons. */
export async function runVerifier(verifier: ProofVerifier, proof: ExecutionProof): Promise<true | string> {
  try {
    const r = await verifier.verify(proof);
    if (r === true) return true;
    return typeof r === 'string' && r.length > 0 ? r : 'verifier rejected the proof';
  } catch (e) {
    return `verifier error: ${(e as Error).message}`;
  }
}
