// Cluster mode: the sidecar hands whole-block proving jobs to worker machines through BullMQ on
// Redis, and each worker proves them with its local native prover (worker threads, one per GPU or
// CPU share). Results and failure reasons come back the same way. Splitting a block into segments
// proven on several machines needs segment support in the native prover and is not done yet.
import { Queue, QueueEvents, Worker, type ConnectionOptions } from 'bullmq';
import { existsSync, readFileSync } from 'node:fs';
import { getBytes, hexlify } from 'ethers';
import { validatorTexts, type ChainSpec, type ValidatorTexts } from './block-input.js';
import { PermanentProverError, type BlockProof, type BlockProver, type ProveJob } from './block-prover.js';
import { NATIVE_PROVER_MISSING, NATIVE_VALIDATOR_MISSING } from './native-zkvm.js';
import type { ZkvmOptions } from './native-zkvm.js';
import { WorkerPool } from './worker-pool.js';

export const PROVE_QUEUE = 'oneproof-prove';

interface ClusterJobData {
  blockHash: string;
  texts: ValidatorTexts;
}

interface ClusterJobResult {
  proof: string;
  publicValues: string;
  proveMs: number;
}

/** Reasons a worker reports that no retry can fix. */
const PERMANENT = [NATIVE_PROVER_MISSING, NATIVE_VALIDATOR_MISSING, 'validator guest ELF'];

export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:') throw new Error(`cluster: expected a redis:// URL, got ${url}`);
  // Workers block on Redis; BullMQ requires unlimited retries per request for them.
  return { host: u.hostname, port: Number(u.port || 6379), password: u.password || undefined, maxRetriesPerRequest: null };
}

/** The coordinator side: a BlockProver whose proofs come from cluster workers. */
export class ClusterBlockProver implements BlockProver {
  private readonly queue: Queue<ClusterJobData, ClusterJobResult>;
  private readonly events: QueueEvents;

  constructor(
    redisUrl: string,
    private readonly chain: ChainSpec,
    private readonly timeoutMs: number,
  ) {
    const connection = redisConnection(redisUrl);
    this.queue = new Queue(PROVE_QUEUE, { connection });
    this.events = new QueueEvents(PROVE_QUEUE, { connection });
  }

  async prove(job: ProveJob): Promise<BlockProof> {
    const texts = validatorTexts(job.request, job.witness, this.chain);
    const queued = await this.queue.add('prove', { blockHash: job.request.payload.blockHash, texts }, { attempts: 1, removeOnComplete: 100, removeOnFail: 100 });
    try {
      const r = await queued.waitUntilFinished(this.events, this.timeoutMs);
      return { proof: getBytes(r.proof), publicValues: getBytes(r.publicValues), proveMs: r.proveMs };
    } catch (e) {
      const reason = (e as Error).message;
      // A job nobody finished in time must not be proven later for nothing.
      await queued.remove().catch(() => undefined);
      if (PERMANENT.some((p) => reason.includes(p))) throw new PermanentProverError(`cluster worker: ${reason}`);
      throw new Error(`cluster worker: ${reason}`);
    }
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
  }
}

/** The worker side: proves queued blocks with the local native prover. */
export class ClusterWorker {
  private readonly worker: Worker<ClusterJobData, ClusterJobResult>;
  private readonly pool: WorkerPool;

  /** `options`: FRI parameters and segment size, which must match what the sidecar's verifiers expect. */
  constructor(redisUrl: string, elfPath: string | undefined, threads: number, options: ZkvmOptions = {}) {
    this.pool = new WorkerPool(threads);
    let elf: Uint8Array | undefined;
    this.worker = new Worker<ClusterJobData, ClusterJobResult>(
      PROVE_QUEUE,
      async (job) => {
        if (!elfPath || !existsSync(elfPath)) throw new Error(`validator guest ELF not found at ${elfPath ?? '(not configured)'}`);
        elf ??= readFileSync(elfPath);
        const out = await this.pool.prove(elf, job.data.texts, options);
        return { proof: hexlify(out.proof), publicValues: hexlify(out.publicValues), proveMs: out.proveMs };
      },
      { connection: redisConnection(redisUrl), concurrency: threads },
    );
  }

  /** Resolves once connected to Redis and taking jobs. */
  ready(): Promise<void> {
    return this.worker.waitUntilReady().then(() => undefined);
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.pool.close();
  }
}
