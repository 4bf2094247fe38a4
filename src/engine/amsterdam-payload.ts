// engine_newPayloadV5 (Amsterdam), parsed and hash-checked. Spec followed: ethereum/execution-apis
// src/engine/amsterdam.md at 055078c3bc6615d394353a98dd6fa29e74a25e33 — the four params of
// engine_newPayloadV4, with ExecutionPayloadV4 = ExecutionPayloadV3 + `blockAccessList` (DATA: the
// RLP-encoded EIP-7928 block access list; -32602 when missing) + `slotNumber` (QUANTITY, EIP-7843).
// The header gains two fields after requests_hash, in this order: block_access_list_hash =
// keccak256(blockAccessList) and slot_number (execution-specs forks/amsterdam/blocks.py, geth
// core/types.Header), so the block hash covers both. That spec has no
// engine_newPayloadWithWitnessV5 (only client-specific proposals), so none is used.
//
// The validator guest implements Cancun/Prague/Osaka only: no Amsterdam block can be proven yet, so
// nothing here leads to a proof or a VALID answer; this module only tells consistent payloads from
// inconsistent ones.
import { decodeRlp, encodeRlp, keccak256, toBeHex } from 'ethers';
import { checkPayloadConsistency, computeBlockHash, headerFields } from '../verify/payload-hash.js';
import { parseNewPayloadParams, PayloadError, type Hex, type NewPayloadRequest } from '../verify/payload.js';

export const NEW_PAYLOAD_V5 = 'engine_newPayloadV5';

/** Why no Amsterdam payload is proven (jobs fail with it; proof-only mode logs it). */
export const AMSTERDAM_UNPROVABLE =
  'Amsterdam payloads (engine_newPayloadV5) are not provable: the validator guest implements Cancun, Prague and Osaka only (no EIP-7928 block access lists, no EIP-7843 slot number)';

export interface AmsterdamPayloadRequest {
  /**
   * The fields V5 shares with V4. Its `version` says 4 because that is the parser that read it;
   * never hash it or take its request root as a Prague request: that would drop the two new
   * header fields.
   */
  base: NewPayloadRequest;
  blockAccessList: Hex;
  slotNumber: bigint;
}

const isData = (v: unknown): v is Hex => typeof v === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(v);

/** Parses engine_newPayloadV5 params; a malformed request is a PayloadError (-32602). */
export function parseNewPayloadV5Params(params: unknown): AmsterdamPayloadRequest {
  if (!Array.isArray(params)) throw new PayloadError('params: expected an array');
  if (params.length !== 4) throw new PayloadError(`params: ${NEW_PAYLOAD_V5} takes 4 parameters, got ${params.length}`);
  const base = parseNewPayloadParams(4, params);
  const p = params[0] as Record<string, unknown>;
  if (p.blockAccessList === undefined || p.blockAccessList === null) throw new PayloadError(`blockAccessList: missing (${NEW_PAYLOAD_V5} requires it)`);
  if (!isData(p.blockAccessList)) throw new PayloadError('blockAccessList: expected 0x-prefixed even-length hex');
  const slot = p.slotNumber;
  if (typeof slot !== 'string' || !/^0x(0|[1-9a-fA-F][0-9a-fA-F]*)$/.test(slot)) throw new PayloadError('slotNumber: expected a 0x quantity without leading zeros');
  const slotNumber = BigInt(slot);
  if (slotNumber >= 1n << 64n) throw new PayloadError('slotNumber: exceeds 64 bits');
  return { base, blockAccessList: p.blockAccessList.toLowerCase() as Hex, slotNumber };
}

/** The Amsterdam header's fields: Prague's, then block_access_list_hash and slot_number. */
export function amsterdamHeaderFields(req: AmsterdamPayloadRequest): ReturnType<typeof headerFields> {
  const b = req.base;
  return [...headerFields(b.payload, b.parentBeaconBlockRoot, b.executionRequests ?? []), keccak256(req.blockAccessList), req.slotNumber === 0n ? '0x' : toBeHex(req.slotNumber)];
}

export function computeAmsterdamBlockHash(req: AmsterdamPayloadRequest): Hex {
  return keccak256(encodeRlp(amsterdamHeaderFields(req))) as Hex;
}

/**
 * A reason, or null when the payload hashes to its blockHash, its block access list is an RLP
 * list and its blob transactions carry exactly the expected versioned hashes.
 */
export function checkAmsterdamConsistency(req: AmsterdamPayloadRequest): string | null {
  const computed = computeAmsterdamBlockHash(req);
  if (computed !== req.base.payload.blockHash) return `blockHash ${req.base.payload.blockHash} does not match the payload fields (computed ${computed})`;
  let bal: unknown;
  try {
    bal = decodeRlp(req.blockAccessList);
  } catch {
    bal = undefined;
  }
  if (!Array.isArray(bal)) return 'blockAccessList is not an RLP list';
  // The versioned-hash rule is the one V3/V4 use; run it on the shared fields with the Prague
  // header hash in place, since the Amsterdam hash was checked above.
  const asPrague = { ...req.base, payload: { ...req.base.payload, blockHash: computeBlockHash(req.base) } };
  return checkPayloadConsistency(asPrague);
}
