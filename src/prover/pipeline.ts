// The proving pipeline: VALID payloads become jobs (persisted), a slot-ordered queue feeds at most
// `workers` concurrent jobs through witness → execute → prove → publish, with per-stage timings, a deadline
// per job, cancellation of stale jobs and retries that record their reason.
import { EventEmitter } from 'node:events';
import { hexlify } from 'ethers';
import type { Logger } from '../log/logger.js';
import type { JobRecord, ProofRecord } from '../store/records.js';
import type { SidecarStore } from '../store/store.js';
import { parseNewPayloadParams, newPayloadVersion } from '../verify/payload.js';
import { newPayloadRequestRoot } from '../verify/request-root.js';
import { claimOf } from '../verify/binding.js';
import type { PayloadRegistry } from '../verify/payload-registry.js';
import type { WitnessProvider } from '../witness/types.js';
import { PermanentProverError, type BlockProver } from './block-prover.js';
import { JobQueue } from './job-queue.js';

export const SECONDS_PER_SLOT = 12;
/** The proof type this prover emits (EIP-8025 ProofType, uint8); oneproof's own id. */
export const ONEPROOF_PROOF_TYPE = 0x20;

export interface PipelineOptions {
  store: SidecarStore;
  prover: BlockProver;
  witness: WitnessProvider;
  /** Hands a finished proof to gossip / the beacon node; absent = keep it locally. */
  publish?: (proof: ProofRecord) => Promise<void>;
  /** Payload requests this node knows (proofs for them can then be checked). */
  payloads?: PayloadRegistry;
  workers: number;
  deadlineMs: number;
  maxAttempts: number;
  staleSlots: number;
  log: Logger;
}

export interface PipelineEvents {
  /** A job changed state (persisted already). */
  job: [JobRecord];
  proof: [ProofRecord];
  witnessFailure: [JobRecord, string];
}

type QueueEntry = { id: string; slot: number; deadlineAt: number };

export class ProvingPipeline extends EventEmitter<PipelineEvents> {
  private readonly queue: JobQueue<QueueEntry>;
  private readonly running = new Map<string, Promise<void>>();
  private readonly cancelled = new Set<string>();
  private stopped = false;
  /** Store updates of dropped jobs still in flight. */
  private readonly settling = new Set<Promise<unknown>>();

  constructor(private readonly opts: PipelineOptions) {
    super();
    this.queue = new JobQueue(opts.staleSlots);
  }

  get depth(): number {
    return this.queue.size;
  }

  get active(): number {
    return this.running.size;
  }

  /** Resumes jobs a previous run left queued or running. */
  async resume(): Promise<number> {
    let n = 0;
    for (const job of await this.opts.store.unfinishedJobs()) {
      if (job.deadlineAt <= Date.now()) {
        await this.update(job, { state: 'expired', finishedAt: Date.now(), errors: [...job.errors, 'deadline passed while the sidecar was down'] });
        continue;
      }
      if (job.state === 'running') await this.update(job, { state: 'queued' });
      const req = parseNewPayloadParams(newPayloadVersion(job.method)!, job.params);
      this.opts.payloads?.add({ ...claimOf(req), newPayloadRequestRoot: job.newPayloadRequestRoot, blockNumber: job.blockNumber });
      this.queue.push({ id: job.blockHash, slot: job.slot, deadlineAt: job.deadlineAt });
      n++;
    }
    this.pump();
    return n;
  }

  /** A payload the execution client called VALID. Returns the job, or null if already known. */
  async submit(method: string, params: unknown[], receivedAt = Date.now()): Promise<JobRecord | null> {
    const version = newPayloadVersion(method);
    if (version === null) throw new Error(`${method} is not engine_newPayload`);
    // A payload seen before (the beacon node re-sends them) is not parsed again.
    const claimed = (params[0] as { blockHash?: unknown } | undefined)?.blockHash;
    if (typeof claimed === 'string' && /^0x[0-9a-fA-F]{64}$/.test(claimed) && (await this.opts.store.getJob(claimed))) return null;
    const req = parseNewPayloadParams(version, params);
    const blockHash = req.payload.blockHash;
    if (await this.opts.store.getJob(blockHash)) return null;
    const job: JobRecord = {
      blockHash,
      blockNumber: Number(req.payload.blockNumber),
      slot: Math.floor(Number(req.payload.timestamp) / SECONDS_PER_SLOT),
      newPayloadRequestRoot: hexlify(newPayloadRequestRoot(req)),
      method,
      params,
      receivedAt,
      deadlineAt: receivedAt + this.opts.deadlineMs,
      state: 'queued',
      attempts: 0,
      errors: [],
      timings: {},
    };
    await this.opts.store.putJob(job);
    this.opts.payloads?.add({ ...claimOf(req), newPayloadRequestRoot: job.newPayloadRequestRoot, blockNumber: job.blockNumber });
    this.emit('job', job);
    this.queue.push({ id: blockHash, slot: job.slot, deadlineAt: job.deadlineAt });
    this.pump();
    return job;
  }

  /** Cancels a queued job (a running native proof finishes but its result is dropped). */
  async cancel(blockHash: string, reason = 'cancelled'): Promise<boolean> {
    const job = await this.opts.store.getJob(blockHash);
    if (!job || (job.state !== 'queued' && job.state !== 'running')) return false;
    this.queue.remove(job.blockHash);
    this.cancelled.add(job.blockHash);
    await this.update(job, { state: 'cancelled', finishedAt: Date.now(), errors: [...job.errors, reason] });
    return true;
  }

  private async update(job: JobRecord, patch: Partial<JobRecord>): Promise<JobRecord> {
    Object.assign(job, patch);
    await this.opts.store.putJob(job);
    this.emit('job', job);
    return job;
  }

  private pump(): void {
    if (this.stopped) return;
    for (const { job, reason } of this.queue.prune(Date.now())) {
      const p = this.opts.store
        .getJob(job.id)
        .then((j) => j && this.update(j, { state: reason === 'deadline' ? 'expired' : 'cancelled', finishedAt: Date.now(), errors: [...j.errors, reason === 'deadline' ? 'deadline passed in the queue' : 'stale: newer slots superseded it'] }))
        .catch((e: Error) => this.opts.log.error({ hash: job.id, err: e.message }, 'could not record a dropped job'))
        .finally(() => this.settling.delete(p));
      this.settling.add(p);
    }
    while (this.running.size < this.opts.workers) {
      const next = this.queue.shift();
      if (!next) break;
      const done = this.run(next.id)
        .catch((e: Error) => this.opts.log.error({ hash: next.id, err: e.message }, 'proving job crashed'))
        .finally(() => {
          this.running.delete(next.id);
          this.pump();
        });
      this.running.set(next.id, done);
    }
  }

  /** Resolves once nothing is queued, running or being recorded. */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.queue.size > 0 || this.settling.size > 0) {
      await Promise.race([...this.running.values(), ...this.settling, new Promise((r) => setTimeout(r, 50))]);
    }
  }

  private async run(blockHash: string): Promise<void> {
    const job = await this.opts.store.getJob(blockHash);
    if (!job || job.state !== 'queued') return;
    const log = this.opts.log.child({ block: job.blockNumber, hash: job.blockHash });
    job.timings.queueWaitMs = Date.now() - job.receivedAt;
    const req = parseNewPayloadParams(newPayloadVersion(job.method)!, job.params);
    while (job.attempts < this.opts.maxAttempts) {
      if (this.cancelled.has(blockHash) || this.stopped) return;
      await this.update(job, { state: 'running', attempts: job.attempts + 1 });
      let stage = 'witness';
      try {
        let t = performance.now();
        let witness;
        try {
          const w = await this.opts.witness.fetch(job.blockHash, job.blockNumber);
          witness = w.witness;
          job.witnessSource = w.source;
        } catch (e) {
          this.emit('witnessFailure', job, (e as Error).message);
          throw e;
        }
        job.timings.witnessMs = performance.now() - t;
        stage = 'execute';
        t = performance.now();
        const executed = await this.opts.prover.execute?.({ request: req, witness });
        if (executed) job.timings.executeMs = performance.now() - t;
        stage = 'prove';
        t = performance.now();
        const out = await this.opts.prover.prove({ request: req, witness });
        job.timings.proveMs = performance.now() - t;
        if (this.cancelled.has(blockHash)) return;
        const record: ProofRecord = {
          newPayloadRequestRoot: job.newPayloadRequestRoot,
          blockHash: job.blockHash,
          blockNumber: job.blockNumber,
          proofType: ONEPROOF_PROOF_TYPE,
          proof: hexlify(out.proof),
          publicValues: hexlify(out.publicValues),
          source: 'local',
          createdAt: Date.now(),
        };
        await this.opts.store.putProof(record);
        stage = 'publish';
        t = performance.now();
        // The proof is stored and served whatever happens here: a failed publication is recorded,
        // never a reason to prove the block again.
        if (this.opts.publish) {
          try {
            await this.opts.publish(record);
          } catch (e) {
            job.errors.push(`publish: ${(e as Error).message}`);
            log.warn({ reason: (e as Error).message }, 'proof not published');
          }
        }
        job.timings.publishMs = performance.now() - t;
        await this.update(job, { state: 'proved', proofSize: out.proof.length, finishedAt: Date.now() });
        this.emit('proof', record);
        log.info({ timings: job.timings, size: out.proof.length }, 'block proven');
        return;
      } catch (e) {
        const reason = `${stage}: ${(e as Error).message}`;
        job.errors.push(reason);
        const permanent = e instanceof PermanentProverError;
        const outOfTime = Date.now() >= job.deadlineAt;
        log.warn({ attempt: job.attempts, reason }, 'proving attempt failed');
        if (permanent || outOfTime || job.attempts >= this.opts.maxAttempts) {
          await this.update(job, { state: outOfTime && !permanent ? 'expired' : 'failed', finishedAt: Date.now() });
          return;
        }
        await this.update(job, { state: 'queued' });
      }
    }
  }

  /**
   * Stops taking jobs and waits (up to `graceMs`) for running ones; a job cut off stays `running`
   * in the store and is resumed on the next start.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.running.values()), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    await this.opts.prover.close();
  }
}
