// Does a proof speak about exactly this payload? The validator guest commits 97 bytes
// (native/guest/validator/input.h): block hash ‖ parent hash ‖ claimed state root ‖ success byte.
// A proof binds a NewPayloadRequest only if (1) the payload's fields hash to its blockHash and its
// blob hashes match the expected versioned hashes (so the block hash covers every request field:
// transactions, withdrawals, parent beacon block root, requestsHash), (2) the EIP-8025 public
// input is hash_tree_root of this very request, and (3) the committed values name this block, its
// parent and state root, and a successful validation.
import { getBytes, hexlify } from 'ethers';
import { checkPayloadConsistency } from './payload-hash.js';
import type { NewPayloadRequest } from './payload.js';
import { newPayloadRequestRoot } from './request-root.js';

export const PUBLIC_VALUES_LENGTH = 97;

/** What a proof must commit to for one block. */
export interface BlockClaim {
  blockHash: string;
  parentHash: string;
  stateRoot: string;
}

export function claimOf(req: NewPayloadRequest): BlockClaim {
  return { blockHash: req.payload.blockHash, parentHash: req.payload.parentHash, stateRoot: req.payload.stateRoot };
}

/** The public values a valid proof of `claim` carries. */
export function expectedPublicValues(claim: BlockClaim): Uint8Array {
  const out = new Uint8Array(PUBLIC_VALUES_LENGTH);
  out.set(getBytes(claim.blockHash), 0);
  out.set(getBytes(claim.parentHash), 32);
  out.set(getBytes(claim.stateRoot), 64);
  out[96] = 1;
  return out;
}

/** A reason, or null when the committed values are exactly those of a valid `claim`. */
export function checkPublicValues(publicValues: Uint8Array, claim: BlockClaim): string | null {
  if (publicValues.length !== PUBLIC_VALUES_LENGTH) return `public values are ${publicValues.length} bytes, expected ${PUBLIC_VALUES_LENGTH}`;
  const field = (from: number) => hexlify(publicValues.subarray(from, from + 32));
  if (field(0) !== claim.blockHash.toLowerCase()) return `proof is for block ${field(0)}, not ${claim.blockHash}`;
  if (field(32) !== claim.parentHash.toLowerCase()) return 'proof names another parent block';
  if (field(64) !== claim.stateRoot.toLowerCase()) return 'proof names another state root';
  if (publicValues[96] !== 1) return 'the guest reported a failed validation';
  return null;
}

export type Binding = { ok: true; root: string } | { ok: false; reason: string };

/** Binds a proof claim (its EIP-8025 public input and committed values) to a payload request. */
export function bindProofToPayload(req: NewPayloadRequest, proof: { newPayloadRequestRoot: string; publicValues: Uint8Array }): Binding {
  const inconsistent = checkPayloadConsistency(req);
  if (inconsistent) return { ok: false, reason: inconsistent };
  const rootHex = hexlify(newPayloadRequestRoot(req));
  if (proof.newPayloadRequestRoot.toLowerCase() !== rootHex) return { ok: false, reason: `proof is for request ${proof.newPayloadRequestRoot}, payload is ${rootHex}` };
  const pv = checkPublicValues(proof.publicValues, claimOf(req));
  if (pv) return { ok: false, reason: pv };
  return { ok: true, root: rootHex };
}
