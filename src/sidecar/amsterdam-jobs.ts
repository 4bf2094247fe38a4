// A VALID engine_newPayloadV5 (Amsterdam) becomes a proving job like V3/V4 payloads, but one that
// fails at once with its reason: the validator guest cannot validate Amsterdam blocks, and a job
// that never runs is the honest record (visible in /v1/blocks, the SSE feed and the dashboard).
import { AMSTERDAM_UNPROVABLE, checkAmsterdamConsistency, parseNewPayloadV5Params } from '../engine/amsterdam-payload.js';
import { SECONDS_PER_SLOT } from '../prover/pipeline.js';
import type { JobRecord } from '../store/records.js';
import type { SidecarStore } from '../store/store.js';

/**
 * Records the failed job; null if the block already has one. Throws PayloadError on params that
 * are not a V5 request.
 */
export async function recordAmsterdamJob(store: SidecarStore, method: string, params: unknown[], receivedAt: number, deadlineMs: number): Promise<JobRecord | null> {
  const req = parseNewPayloadV5Params(params);
  const payload = req.base.payload;
  if (await store.getJob(payload.blockHash)) return null;
  const inconsistent = checkAmsterdamConsistency(req);
  const job: JobRecord = {
    blockHash: payload.blockHash,
    blockNumber: Number(payload.blockNumber),
    slot: Math.floor(Number(payload.timestamp) / SECONDS_PER_SLOT),
    // No Amsterdam (Gloas) NewPayloadRequest SSZ type is pinned: there is no request root to name.
    newPayloadRequestRoot: '',
    method,
    params,
    receivedAt,
    deadlineAt: receivedAt + deadlineMs,
    state: 'failed',
    attempts: 0,
    errors: inconsistent ? [`parse: ${inconsistent}`, AMSTERDAM_UNPROVABLE] : [AMSTERDAM_UNPROVABLE],
    timings: {},
    finishedAt: Date.now(),
  };
  await store.putJob(job);
  return job;
}
