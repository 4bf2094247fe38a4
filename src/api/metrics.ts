// Prometheus metrics (prom-client), all named oneproof_*. One registry per sidecar so several
// sidecars can live in one process (tests, devnet).
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class SidecarMetrics {
  readonly registry = new Registry();
  readonly proofsGenerated: Counter;
  readonly proofsVerified: Counter<'result'>;
  readonly provingSeconds: Histogram;
  readonly proofBytes: Histogram;
  readonly queueDepth: Gauge;
  readonly witnessFailures: Counter;
  readonly jobs: Counter<'state'>;
  readonly engineCalls: Counter<'method' | 'outcome'>;
  readonly shareUnder10s: Gauge;
  readonly shareUnder12s: Gauge;
  readonly beaconPublishFailures: Counter<'reason'>;
  readonly beaconProofsPublished: Counter;
  readonly beaconEventErrors: Counter<'topic'>;
  readonly beaconHeadSlot: Gauge;
  private proven = 0;
  private under10 = 0;
  private under12 = 0;

  constructor(queueDepth: () => number) {
    const registers = [this.registry];
    this.proofsGenerated = new Counter({ name: 'oneproof_proofs_generated_total', help: 'Block proofs produced by this node', registers });
    this.proofsVerified = new Counter({ name: 'oneproof_proofs_verified_total', help: 'Proofs checked by this node, by result', labelNames: ['result'], registers });
    this.provingSeconds = new Histogram({
      name: 'oneproof_proving_seconds',
      help: 'Time from payload arrival to finished proof',
      buckets: [1, 2, 4, 6, 8, 10, 12, 16, 24, 60],
      registers,
    });
    this.proofBytes = new Histogram({
      name: 'oneproof_proof_size_bytes',
      help: 'Size of produced proofs',
      buckets: [64 * 1024, 128 * 1024, 256 * 1024, 300 * 1024, 512 * 1024, 1024 * 1024, 4 * 1024 * 1024],
      registers,
    });
    this.queueDepth = new Gauge({
      name: 'oneproof_queue_depth',
      help: 'Proving jobs waiting for a worker',
      registers,
      collect() {
        this.set(queueDepth());
      },
    });
    this.witnessFailures = new Counter({ name: 'oneproof_witness_failures_total', help: 'Witness fetches that failed', registers });
    this.jobs = new Counter({ name: 'oneproof_jobs_total', help: 'Proving job state changes, by new state', labelNames: ['state'], registers });
    this.engineCalls = new Counter({ name: 'oneproof_engine_calls_total', help: 'Engine API calls by method and outcome', labelNames: ['method', 'outcome'], registers });
    this.shareUnder10s = new Gauge({ name: 'oneproof_proofs_under_10s_ratio', help: 'Share of proofs finished within 10 s of the payload', registers });
    this.shareUnder12s = new Gauge({ name: 'oneproof_proofs_under_12s_ratio', help: 'Share of proofs finished within 12 s of the payload', registers });
    this.beaconPublishFailures = new Counter({
      name: 'oneproof_beacon_publish_failures_total',
      help: 'Failed attempts to post a proof to the beacon node EIP-8025 endpoint, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.beaconProofsPublished = new Counter({ name: 'oneproof_beacon_proofs_published_total', help: 'Proofs the beacon node accepted on its EIP-8025 endpoint', registers });
    this.beaconEventErrors = new Counter({ name: 'oneproof_beacon_event_errors_total', help: 'Beacon node events dropped as malformed, by topic', labelNames: ['topic'], registers });
    this.beaconHeadSlot = new Gauge({ name: 'oneproof_beacon_head_slot', help: 'Slot of the beacon node head (-1 before the first head event)', registers });
    this.beaconHeadSlot.set(-1);
  }

  recordProof(totalSeconds: number, bytes: number): void {
    this.proofsGenerated.inc();
    this.provingSeconds.observe(totalSeconds);
    this.proofBytes.observe(bytes);
    this.proven++;
    if (totalSeconds <= 10) this.under10++;
    if (totalSeconds <= 12) this.under12++;
    this.shareUnder10s.set(this.under10 / this.proven);
    this.shareUnder12s.set(this.under12 / this.proven);
  }

  shares(): { proven: number; under10s: number; under12s: number } {
    return { proven: this.proven, under10s: this.proven ? this.under10 / this.proven : 0, under12s: this.proven ? this.under12 / this.proven : 0 };
  }
}
