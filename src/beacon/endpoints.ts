// Beacon API paths oneproof uses. The EIP-8025 submission path follows ethereum/beacon-APIs
// `apis/beacon/pool/execution_proofs.yaml` (commit 0a920bc4, operationId
// submitPoolExecutionProofs: POST, SSZ List[SignedExecutionProof, MAX_PROOFS_PER_REQUEST] as
// application/octet-stream), the version whose SignedExecutionProof src/p2p pins. Later drafts
// moved to /eth/v1/beacon/execution_proofs with proof envelopes, so `beacon.proofsPath` overrides it.
export const EIP8025_SUBMIT_PROOFS_PATH = '/eth/v1/beacon/pool/execution_proofs';
export const EVENTS_PATH = '/eth/v1/events';
export const GENESIS_PATH = '/eth/v1/beacon/genesis';
export const SPEC_PATH = '/eth/v1/config/spec';
