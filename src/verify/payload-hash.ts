// The block hash an execution payload claims, recomputed from its fields: keccak of the RLP header
// (Cancun fields, plus requestsHash from Prague on). A payload whose recomputed hash differs from
// `blockHash` describes no block, whatever a proof says about that hash.
import { concat, decodeRlp, encodeRlp, getBytes, keccak256, sha256, toBeHex, type RlpStructuredDataish } from 'ethers';
import { orderedTrieRoot } from './ordered-trie.js';
import type { ExecutionPayload, Hex, NewPayloadRequest, WithdrawalV1 } from './payload.js';

/** keccak(rlp([])): post-merge headers have no ommers. */
export const EMPTY_OMMERS_HASH = keccak256(encodeRlp([]));

const q = (n: bigint): string => (n === 0n ? '0x' : toBeHex(n));

function withdrawalRlp(w: WithdrawalV1): string {
  return encodeRlp([q(w.index), q(w.validatorIndex), w.address, q(w.amount)]);
}

/** EIP-7685: sha256 over the sha256 of each non-empty type-prefixed request list. */
export function requestsHash(requests: Hex[]): string {
  return sha256(concat(requests.filter((r) => r.length > 4).map((r) => sha256(r))));
}

export function headerFields(p: ExecutionPayload, parentBeaconBlockRoot: Hex, requests: Hex[] | null): RlpStructuredDataish[] {
  const fields: RlpStructuredDataish[] = [
    p.parentHash,
    EMPTY_OMMERS_HASH,
    p.feeRecipient,
    p.stateRoot,
    orderedTrieRoot(p.transactions),
    p.receiptsRoot,
    p.logsBloom,
    '0x', // difficulty
    q(p.blockNumber),
    q(p.gasLimit),
    q(p.gasUsed),
    q(p.timestamp),
    p.extraData,
    p.prevRandao, // mixHash
    '0x0000000000000000', // nonce
    q(p.baseFeePerGas),
    orderedTrieRoot(p.withdrawals.map(withdrawalRlp)),
    q(p.blobGasUsed),
    q(p.excessBlobGas),
    parentBeaconBlockRoot,
  ];
  if (requests !== null) fields.push(requestsHash(requests));
  return fields;
}

export function computeBlockHash(req: NewPayloadRequest): Hex {
  return keccak256(encodeRlp(headerFields(req.payload, req.parentBeaconBlockRoot, req.executionRequests))) as Hex;
}

/** The header RLP itself (what witnesses and the guest consume). */
export function headerRlp(req: NewPayloadRequest): Uint8Array {
  return getBytes(encodeRlp(headerFields(req.payload, req.parentBeaconBlockRoot, req.executionRequests)));
}

/**
 * Checks that the payload hashes to its blockHash and that every blob transaction's versioned
 * hashes, in order, equal the ones the beacon block committed to. Returns a reason or null.
 */
export function checkPayloadConsistency(req: NewPayloadRequest): string | null {
  const computed = computeBlockHash(req);
  if (computed !== req.payload.blockHash) return `blockHash ${req.payload.blockHash} does not match the payload fields (computed ${computed})`;
  const fromTxs: string[] = [];
  for (const tx of req.payload.transactions) {
    if (!tx.startsWith('0x03')) continue;
    const fields = blobTxFields(tx);
    if (!fields) return 'a blob transaction is not decodable';
    fromTxs.push(...fields);
  }
  const expected = req.versionedHashes;
  if (fromTxs.length !== expected.length || fromTxs.some((h, i) => h.toLowerCase() !== expected[i])) {
    return 'blob versioned hashes differ from the expected ones';
  }
  return null;
}

/** Versioned hashes of an EIP-4844 transaction (field 10 of its RLP payload). */
function blobTxFields(tx: Hex): string[] | null {
  try {
    const decoded = decodeRlp(`0x${tx.slice(4)}`);
    if (!Array.isArray(decoded) || decoded.length < 11 || !Array.isArray(decoded[10])) return null;
    return (decoded[10] as unknown[]).map((h) => String(h));
  } catch {
    return null;
  }
}
