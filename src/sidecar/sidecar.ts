// One oneproof node: store, engine proxy (forwarding or proof-only), proving pipeline, proof
// gossip, the beacon node link (optional) and the HTTP API, wired from a validated config. `start`
// brings it up; `close` takes it down in reverse order and loses nothing (jobs and verdicts are in
// the store).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { getBytes, hexlify } from 'ethers';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../api/server.js';
import { SidecarMetrics } from '../api/metrics.js';
import { chainSpecOf } from '../config/defaults.js';
import type { OneproofConfig } from '../config/schema.js';
import { readJwtSecret } from '../engine/jwt.js';
import { ProofOnlyEngine } from '../engine/proof-only.js';
import { EngineProxy, type EngineBackend } from '../engine/proxy.js';
import { ExecutionClient } from '../engine/upstream.js';
import { NEW_PAYLOAD_V5 } from '../engine/amsterdam-payload.js';
import type { Logger } from '../log/logger.js';
import { MAX_PROOF_SIZE } from '../p2p/constants.js';
import { ProofGossipNode, standaloneForkDigest } from '../p2p/index.js';
import type { SignedExecutionProof } from '../p2p/containers.js';
import { NativeBlockProver, type BlockProver } from '../prover/block-prover.js';
import { ClusterBlockProver } from '../prover/cluster.js';
import { loadNativeZkvm, NATIVE_VERIFIER_MISSING, validatorElfPath } from '../prover/native-zkvm.js';
import { ONEPROOF_PROOF_TYPE, ProvingPipeline } from '../prover/pipeline.js';
import { SidecarStore } from '../store/store.js';
import { PayloadRegistry } from '../verify/payload-registry.js';
import { ProofBook } from '../verify/proof-book.js';
import { gossipVerifier, NativeProofVerifier } from '../verify/verifier.js';
import { ExecutionWitnessProvider } from '../witness/provider.js';
import type { WitnessProvider } from '../witness/types.js';
import { recordAmsterdamJob } from './amsterdam-jobs.js';
import { BeaconLink } from './beacon-link.js';

export interface SidecarOverrides {
  /** Replace the native prover (e.g. benchmarks of the pipeline around it). */
  prover?: BlockProver;
  witness?: WitnessProvider;
}

export class Sidecar {
  engineUrl = '';
  apiUrl = '';
  private proxy?: EngineProxy;
  private api?: FastifyInstance;
  private witness?: ExecutionWitnessProvider;
  /** The beacon node link, when `beacon.url` is set. */
  beacon?: BeaconLink;

  private constructor(
    readonly config: OneproofConfig,
    readonly log: Logger,
    readonly store: SidecarStore,
    readonly book: ProofBook,
    readonly metrics: SidecarMetrics,
    readonly pipeline: ProvingPipeline | undefined,
    readonly proofOnly: ProofOnlyEngine | undefined,
    readonly gossip: ProofGossipNode | undefined,
  ) {}

  static async start(config: OneproofConfig, log: Logger, overrides: SidecarOverrides = {}): Promise<Sidecar> {
    mkdirSync(config.dataDir, { recursive: true });
    if (!config.jwtSecret) throw new Error('jwtSecret is required: the beacon node authenticates with it');
    const secret = readJwtSecret(config.jwtSecret);
    const store = await SidecarStore.open(config.dataDir);
    const book = new ProofBook(store);
    await book.load();
    const native = await loadNativeZkvm();
    const zkvmOptions = { params: config.prover.params, segmentCycles: config.prover.segmentCycles };
    const verifier = new NativeProofVerifier(native.zkvm, validatorElfPath(config.prover.guestElf), zkvmOptions);
    const verifierUnavailable = verifier.available ? null : (native.missing.find((m) => m.includes('verifier') || m.includes('load')) ?? NATIVE_VERIFIER_MISSING);

    const payloads = new PayloadRegistry();
    let pipelineRef: ProvingPipeline | undefined;
    const metrics = new SidecarMetrics(() => pipelineRef?.depth ?? 0);

    // Proofs for the beacon node: with gossip on, every proof the gossip node holds as verified
    // (its own, gossip, catch-up) arrives through its 'proof' event; without gossip, the proofs
    // this node produced or verified are posted unsigned (no validator key is configured).
    let beacon: BeaconLink | undefined;
    const unsigned = (root: Uint8Array, proofData: Uint8Array, proofType: number): SignedExecutionProof => ({
      message: { proofData, proofType, publicInput: { newPayloadRequestRoot: root } },
      validatorIndex: 0,
      signature: new Uint8Array(96),
    });

    let gossip: ProofGossipNode | undefined;
    if (config.p2p.enabled) {
      gossip = await ProofGossipNode.create({
        listen: config.p2p.listen,
        bootstrap: config.p2p.bootstrap,
        dataDir: path.join(config.dataDir, 'p2p'),
        forkDigest: standaloneForkDigest(config.network),
        verifier: gossipVerifier(verifier, payloads),
        isPayloadKnown: (root) => payloads.has(hexlify(root)),
        // A local devnet runs every node on 127.0.0.1; elsewhere same-IP peers stay penalised.
        ipColocationWhitelist: config.network === 'devnet' ? ['127.0.0.1'] : undefined,
        log: log.child({ module: 'p2p' }),
      });
      gossip.on('proof', (ev) => {
        beacon?.submit(ev.proof);
        if (ev.via === 'local') return;
        const root = hexlify(ev.proof.message.publicInput.newPayloadRequestRoot);
        metrics.proofsVerified.inc({ result: 'valid' });
        void book.addVerified(root, payloads.get(root)?.blockHash).catch((e: Error) => log.error({ err: e.message }, 'could not record a verified proof'));
      });
    }

    let backend: EngineBackend;
    let pipeline: ProvingPipeline | undefined;
    let proofOnly: ProofOnlyEngine | undefined;
    let proverUnavailable: string | null = null;
    let witness: ExecutionWitnessProvider | undefined;
    if (config.role === 'prover') {
      const el = new ExecutionClient(config.execution.urls[0], secret, config.execution.timeoutMs);
      witness = overrides.witness ? undefined : new ExecutionWitnessProvider(config.execution.rpcUrl ?? config.execution.urls[0]);
      const prover =
        overrides.prover ??
        (config.prover.redisUrl
          ? new ClusterBlockProver(config.prover.redisUrl, chainSpecOf(config), config.prover.deadlineMs)
          : await NativeBlockProver.create(config.prover.workers, validatorElfPath(config.prover.guestElf), chainSpecOf(config), zkvmOptions));
      if (prover instanceof NativeBlockProver) proverUnavailable = prover.unavailableReason;
      pipeline = new ProvingPipeline({
        store,
        prover,
        witness: overrides.witness ?? witness!,
        workers: config.prover.workers,
        deadlineMs: config.prover.deadlineMs,
        maxAttempts: config.prover.maxAttempts,
        staleSlots: config.prover.staleSlots,
        payloads,
        log: log.child({ module: 'prover' }),
        publish: gossip
          ? async (p) => {
              const size = getBytes(p.proof).length;
              if (size > MAX_PROOF_SIZE)
                throw new Error(`a proof of ${size} bytes exceeds gossip's MAX_PROOF_SIZE (${MAX_PROOF_SIZE}); it is served over the HTTP proof API only`);
              await gossip!.publish({ proofData: getBytes(p.proof), proofType: p.proofType, publicInput: { newPayloadRequestRoot: getBytes(p.newPayloadRequestRoot) } });
            }
          : config.beacon.url
            ? async (p) => beacon?.submit(unsigned(getBytes(p.newPayloadRequestRoot), getBytes(p.proof), p.proofType))
            : undefined,
      });
      pipeline.on('job', (job) => {
        metrics.jobs.inc({ state: job.state });
        if (job.state === 'proved' && job.finishedAt) metrics.recordProof((job.finishedAt - job.receivedAt) / 1000, job.proofSize ?? 0);
      });
      pipeline.on('witnessFailure', (job, reason) => {
        metrics.witnessFailures.inc();
        log.warn({ block: job.blockNumber, reason }, 'witness fetch failed');
      });
      backend = { kind: 'forward', el };
      pipelineRef = pipeline;
    } else {
      proofOnly = new ProofOnlyEngine(book, payloads, log.child({ module: 'engine' }), (seen) => gossip?.payloadKnown(getBytes(seen.newPayloadRequestRoot)));
      backend = { kind: 'proof-only', engine: proofOnly };
    }

    if (config.beacon.url) {
      beacon = new BeaconLink(config, log.child({ module: 'beacon' }), metrics, store, pipeline, config.prover.staleSlots);
      beacon.start();
    }

    const sidecar = new Sidecar(config, log, store, book, metrics, pipeline, proofOnly, gossip);
    sidecar.witness = witness;
    sidecar.beacon = beacon;
    sidecar.proxy = new EngineProxy({
      host: config.engine.host,
      port: config.engine.port,
      jwtSecret: secret,
      maxBodyBytes: config.engine.maxBodyBytes,
      backend,
      log: log.child({ module: 'engine' }),
      onValidPayload: pipeline
        ? ({ method, params, receivedAt }) => {
            if (method === NEW_PAYLOAD_V5) {
              recordAmsterdamJob(store, method, params, receivedAt, config.prover.deadlineMs)
                .then((job) => {
                  if (!job) return;
                  metrics.jobs.inc({ state: job.state });
                  log.warn({ block: job.blockNumber, hash: job.blockHash, reason: job.errors.at(-1) }, 'Amsterdam payload not proven');
                })
                .catch((e: Error) => log.warn({ method, err: e.message }, 'payload not queued for proving'));
              return;
            }
            pipeline!.submit(method, params, receivedAt).catch((e: Error) => log.warn({ method, err: e.message }, 'payload not queued for proving'));
          }
        : undefined,
      onCall: (method, outcome) => metrics.engineCalls.inc({ method, outcome }),
    });
    const engine = await sidecar.proxy.listen();
    sidecar.engineUrl = engine.url;
    sidecar.api = await buildApi({
      config,
      store,
      metrics,
      book,
      payloads,
      verifier,
      proverUnavailable,
      verifierUnavailable,
      pipeline,
      proofOnly,
      engineUrl: engine.url,
      peers: () => gossip?.peers().map((p) => ({ peerId: p.peerId, addrs: p.addrs })) ?? [],
      peerId: () => gossip?.peerId,
      onProofVerified: gossip
        ? (root, proof, proofType) => {
            gossip!.publish({ proofData: proof, proofType, publicInput: { newPayloadRequestRoot: getBytes(root) } }).catch((e: Error) => log.warn({ err: e.message }, 'could not gossip a verified proof'));
          }
        : beacon
          ? (root, proof, proofType) => beacon!.submit(unsigned(getBytes(root), proof, proofType))
          : undefined,
      startedAt: Date.now(),
    });
    sidecar.apiUrl = await sidecar.api.listen({ host: config.api.host, port: config.api.port });
    if (pipeline) {
      const resumed = await pipeline.resume();
      if (resumed > 0) log.info({ resumed }, 'resumed unfinished proving jobs');
    }
    log.info({ role: config.role, engine: sidecar.engineUrl, api: sidecar.apiUrl, prover: proverUnavailable ?? 'native', verifier: verifierUnavailable ?? 'native', proofType: ONEPROOF_PROOF_TYPE }, 'oneproof started');
    return sidecar;
  }

  async close(): Promise<void> {
    await this.proxy?.close();
    await this.api?.close();
    await this.pipeline?.stop();
    await this.beacon?.close();
    await this.gossip?.stop();
    this.witness?.close();
    await this.store.close();
  }
}
