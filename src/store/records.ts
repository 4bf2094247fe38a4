// What the sidecar persists. Byte strings are 0x-hex so records stay plain JSON.
export type JobState = 'queued' | 'running' | 'proved' | 'failed' | 'cancelled' | 'expired';

export interface StageTimings {
  queueWaitMs?: number;
  witnessMs?: number;
  executeMs?: number;
  proveMs?: number;
  publishMs?: number;
}

/** One proving job: a payload the execution client called VALID. */
export interface JobRecord {
  blockHash: string;
  blockNumber: number;
  /** Ordering key (from the payload timestamp); older slots are served first and cancelled when stale. */
  slot: number;
  newPayloadRequestRoot: string;
  /** engine_newPayload version and params exactly as the beacon node sent them. */
  method: string;
  params: unknown[];
  receivedAt: number;
  deadlineAt: number;
  state: JobState;
  attempts: number;
  /** Reasons of failed attempts, oldest first. */
  errors: string[];
  timings: StageTimings;
  proofSize?: number;
  witnessSource?: string;
  finishedAt?: number;
}

export interface ProofRecord {
  newPayloadRequestRoot: string;
  blockHash: string;
  blockNumber: number;
  proofType: number;
  proof: string;
  publicValues: string;
  /** Where it came from: this node's prover, gossip, or the API. */
  source: 'local' | 'gossip' | 'api';
  createdAt: number;
}

export interface VerdictRecord {
  newPayloadRequestRoot: string;
  blockHash?: string;
  valid: boolean;
  reason?: string;
  at: number;
}
