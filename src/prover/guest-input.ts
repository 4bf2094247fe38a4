// The validator guest's input stream: one RLP list
//   [version=1, headerRlp, transactions[], withdrawals[[index, validatorIndex, address, amount]],
//    versionedHashes[], executionRequests[], state[], codes[], headers[]]
// The header carries parentBeaconBlockRoot and requestsHash, so the guest can recompute the block
// hash; the public values it commits are new_payload_request_root ‖ successful_validation (33 bytes).
import { encodeRlp, getBytes, toBeHex } from 'ethers';
import { headerRlp } from '../verify/payload-hash.js';
import type { NewPayloadRequest } from '../verify/payload.js';
import type { ExecutionWitness } from '../witness/types.js';

export const GUEST_INPUT_VERSION = 1;
const q = (n: bigint) => (n === 0n ? '0x' : toBeHex(n));

export function encodeGuestInput(req: NewPayloadRequest, witness: ExecutionWitness): Uint8Array {
  const p = req.payload;
  return getBytes(
    encodeRlp([
      toBeHex(GUEST_INPUT_VERSION),
      headerRlp(req),
      p.transactions,
      p.withdrawals.map((w) => [q(w.index), q(w.validatorIndex), w.address, q(w.amount)]),
      req.versionedHashes,
      req.executionRequests ?? [],
      witness.state,
      witness.codes,
      witness.headers,
    ]),
  );
}
