// Does a proof speak about exactly this payload? Only if (1) the payload's fields hash to its
// blockHash and its blob hashes match, (2) the proof's public input is hash_tree_root of this very
// NewPayloadRequest (payload + versioned hashes + parent beacon block root + execution requests),
// and (3) the guest's committed public values say: this root, validation succeeded.
import { hexlify } from 'ethers';
import { checkPayloadConsistency } from './payload-hash.js';
import type { NewPayloadRequest } from './payload.js';
import { newPayloadRequestRoot } from './request-root.js';

/** 32-byte root ‖ 0x01. */
export const PUBLIC_VALUES_LENGTH = 33;

export function expectedPublicValues(root: Uint8Array): Uint8Array {
  const out = new Uint8Array(PUBLIC_VALUES_LENGTH);
  out.set(root, 0);
  out[32] = 1;
  return out;
}

/** Checks committed public values against a root: a reason, or null when they bind. */
export function checkPublicValues(publicValues: Uint8Array, root: Uint8Array): string | null {
  if (publicValues.length !== PUBLIC_VALUES_LENGTH) return `public values are ${publicValues.length} bytes, expected ${PUBLIC_VALUES_LENGTH}`;
  if (hexlify(publicValues.subarray(0, 32)) !== hexlify(root)) return 'public values commit to another payload request';
  if (publicValues[32] !== 1) return 'the guest reported a failed validation';
  return null;
}

export type Binding = { ok: true; root: string } | { ok: false; reason: string };

/** Binds a proof claim (its public input root and committed values) to a payload request. */
export function bindProofToPayload(req: NewPayloadRequest, claim: { newPayloadRequestRoot: string; publicValues: Uint8Array }): Binding {
  const inconsistent = checkPayloadConsistency(req);
  if (inconsistent) return { ok: false, reason: inconsistent };
  const root = newPayloadRequestRoot(req);
  const rootHex = hexlify(root);
  if (claim.newPayloadRequestRoot.toLowerCase() !== rootHex) return { ok: false, reason: `proof is for request ${claim.newPayloadRequestRoot}, payload is ${rootHex}` };
  const pv = checkPublicValues(claim.publicValues, root);
  if (pv) return { ok: false, reason: pv };
  return { ok: true, root: rootHex };
}
