// The pinned EIP-8025 gossip specification and the consensus p2p constants it relies on.
//
// Pinned version: ethereum/consensus-specs `specs/_features/eip8025` at commit f9eeb0730
// (2026-05-27, "MAX_PROOF_SIZE -> 4 MiB", the last Fulu-based version; see
// /work/shared/reference/engine-api-eip8025-witness.md §1.3). Why this one:
//  - oneproof proves Osaka payloads (Fulu on the consensus side); later versions rebase onto Gloas,
//    whose NewPayloadRequest and payload envelopes do not exist on today's chains;
//  - its SignedExecutionProof carries the public input (new_payload_request_root), so a proof can be
//    checked against a payload without a beacon block — needed for the standalone network mode;
//    version D (PR #5566) replaced it with a beacon_block_root envelope;
//  - ProofData is a plain ByteList[MAX_PROOF_SIZE] (version A's progressive list changes the root).
// Everything that differs between versions lives in this file so a move is one diff here.

export const SPEC = {
  name: 'consensus-specs _features/eip8025',
  commit: 'f9eeb0730',
  date: '2026-05-27',
} as const;

/** Largest proof_data accepted (ByteList limit). */
export const MAX_PROOF_SIZE = 4_194_304;
/** Upper bound of an SSZ-encoded SignedExecutionProof: MAX_PROOF_SIZE + 145 bytes of fixed fields/offsets. */
export const MAX_SIGNED_EXECUTION_PROOF_SIZE = 4_194_449;
export const MAX_EXECUTION_PROOFS_PER_PAYLOAD = 4;
/** BLS signing domain type of an ExecutionProof (Fulu-based versions). */
export const DOMAIN_EXECUTION_PROOF = Uint8Array.of(0x0d, 0x00, 0x00, 0x00);

/** Consensus p2p (phase0/altair): gossip message-id domain for messages that decompress. */
export const MESSAGE_DOMAIN_VALID_SNAPPY = Uint8Array.of(0x01, 0x00, 0x00, 0x00);
/** Consensus p2p: MAX_PAYLOAD_SIZE, the ceiling for any uncompressed gossip or req/resp payload. */
export const MAX_PAYLOAD_SIZE = 10 * 1024 * 1024;
export const GOSSIP_TOPIC_NAME = 'execution_proof';
export const GOSSIP_ENCODING = 'ssz_snappy';

/** Gossipsub parameters as consensus clients set them (phase0 p2p-interface "The gossip domain"). */
export const GOSSIPSUB_PARAMS = {
  D: 8,
  Dlo: 6,
  Dhi: 12,
  Dlazy: 6,
  heartbeatIntervalMs: 700,
  fanoutTtlMs: 60_000,
  mcacheLength: 6,
  mcacheGossip: 3,
  /** SEEN_TTL = 550 heartbeats. */
  seenTtlMs: 550 * 700,
} as const;

/** Consensus req/resp: MAX_REQUEST_BLOCKS_DENEB bounds a by-root request. */
export const MAX_REQUEST_BLOCKS_DENEB = 128;
/** Catch-up protocol (oneproof's own, modelled on ExecutionProofsByRoot; keyed by payload root). */
export const PROOFS_BY_ROOT_PROTOCOL = '/oneproof/execution_proofs_by_root/1/ssz_snappy';
/** Most proofs one by-root response may carry. */
export const MAX_REQUEST_EXECUTION_PROOFS = MAX_REQUEST_BLOCKS_DENEB * MAX_EXECUTION_PROOFS_PER_PAYLOAD;
/** Req/resp response codes (phase0). */
export const RESP_SUCCESS = 0;
export const RESP_INVALID_REQUEST = 1;
export const RESP_SERVER_ERROR = 2;
export const RESP_RESOURCE_UNAVAILABLE = 3;
