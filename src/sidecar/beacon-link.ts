// The sidecar's tie to its beacon node (`beacon.url`): the head follower (slots) and the EIP-8025
// proof publisher, with their metrics. The head also retires proving jobs that fell too far
// behind it: the queue cancels stale jobs only when newer payloads arrive, and the beacon head
// keeps moving when the execution client stalls. Nothing here can hold up the engine proxy or
// the pipeline: events and posts run on their own loops and their failures are logged and counted.
import type { SidecarMetrics } from '../api/metrics.js';
import { BeaconHeadFollower } from '../beacon/head-follower.js';
import { BeaconProofPublisher } from '../beacon/proof-publisher.js';
import type { OneproofConfig } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { SignedExecutionProof } from '../p2p/containers.js';
import type { ProvingPipeline } from '../prover/pipeline.js';
import type { SidecarStore } from '../store/store.js';

export class BeaconLink {
  readonly follower: BeaconHeadFollower;
  readonly publisher: BeaconProofPublisher;
  private pruning = false;

  constructor(
    config: OneproofConfig,
    private readonly log: Logger,
    metrics: SidecarMetrics,
    private readonly store: SidecarStore,
    private readonly pipeline: ProvingPipeline | undefined,
    private readonly staleSlots: number,
  ) {
    const url = config.beacon.url!;
    this.follower = new BeaconHeadFollower({ url, log });
    this.publisher = new BeaconProofPublisher({
      url,
      path: config.beacon.proofsPath,
      attempts: config.beacon.publishAttempts,
      retryDelayMs: config.beacon.retryDelayMs,
      log,
      onFailure: (reason) => metrics.beaconPublishFailures.inc({ reason }),
      onPublished: () => metrics.beaconProofsPublished.inc(),
    });
    this.follower.on('malformed', (topic) => metrics.beaconEventErrors.inc({ topic }));
    this.follower.on('head', () => {
      metrics.beaconHeadSlot.set(this.follower.headSlot);
      void this.cancelStaleJobs();
    });
  }

  start(): void {
    this.follower.start();
  }

  /** Queues a verified proof for the beacon node; never throws, never waits. */
  submit(proof: SignedExecutionProof): void {
    try {
      this.publisher.submit(proof);
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'proof not queued for the beacon node');
    }
  }

  /** Cancels unfinished jobs more than `staleSlots` behind the beacon head. */
  async cancelStaleJobs(): Promise<number> {
    const head = this.follower.headSlot;
    if (!this.pipeline || this.pruning || head < 0) return 0;
    this.pruning = true;
    let cancelled = 0;
    try {
      for (const job of await this.store.unfinishedJobs()) {
        const timestamp = Number((job.params[0] as { timestamp?: string } | undefined)?.timestamp);
        const slot = this.follower.slotOfPayload(job.blockHash, timestamp);
        if (slot === undefined || head - slot <= this.staleSlots) continue;
        if (await this.pipeline.cancel(job.blockHash, `stale: beacon head is at slot ${head}, payload slot ${slot}`)) cancelled++;
      }
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'could not check jobs against the beacon head');
    } finally {
      this.pruning = false;
    }
    return cancelled;
  }

  async close(): Promise<void> {
    await this.follower.close();
    await this.publisher.close();
  }
}
