// A complete local network: a real EthereumJS execution client, a oneproof prover in front of it,
// a second oneproof in proof-only mode connected over libp2p, and a scripted consensus driver
// building blocks with real transactions through the prover's engine proxy.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../config/defaults.js';
import type { OneproofConfig } from '../config/schema.js';
import { readJwtSecret } from '../engine/jwt.js';
import type { Logger } from '../log/logger.js';
import { Sidecar } from '../sidecar/sidecar.js';
import { ConsensusDriver, type BuiltBlock } from './driver.js';
import { startExecutionClient, type ExecutionClientProcess } from './execution-client.js';
import { freePorts } from './ports.js';

export interface DevnetOptions {
  dataDir: string;
  /** Seconds between blocks. */
  blockTimeS: number;
  /** Stop after this many blocks (0 = until stopped). */
  blocks: number;
  /** Start the proof-only verifier node. */
  verifier: boolean;
  apiPort?: number;
  /** The validator guest the prover proves with (default build/guest/validator.elf). */
  guestElf?: string;
  log: Logger;
  onBlock?: (b: BuiltBlock) => void;
}

export class Devnet {
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private built = 0;
  private finished?: () => void;
  readonly done: Promise<void>;

  private constructor(
    readonly el: ExecutionClientProcess,
    readonly prover: Sidecar,
    readonly verifier: Sidecar | undefined,
    readonly driver: ConsensusDriver,
    private readonly opts: DevnetOptions,
  ) {
    this.done = new Promise((r) => (this.finished = r));
  }

  static async start(opts: DevnetOptions): Promise<Devnet> {
    mkdirSync(opts.dataDir, { recursive: true });
    const el = await startExecutionClient(path.join(opts.dataDir, 'el'));
    let prover: Sidecar | undefined;
    let verifier: Sidecar | undefined;
    try {
      const [p2pProver, p2pVerifier] = await freePorts(2);
      const base = (name: string): OneproofConfig => ({
        ...defaultConfig(),
        network: 'devnet',
        dataDir: path.join(opts.dataDir, name),
        jwtSecret: el.jwtSecretPath,
        logLevel: 'info',
      });
      const proverCfg = base('prover');
      proverCfg.role = 'prover';
      proverCfg.execution = { urls: [el.engineUrl], rpcUrl: el.rpcUrl, timeoutMs: 8000 };
      proverCfg.engine.port = 0;
      proverCfg.api.port = opts.apiPort ?? 0;
      if (opts.guestElf !== undefined) proverCfg.prover.guestElf = opts.guestElf;
      proverCfg.p2p = { enabled: opts.verifier, listen: [`/ip4/127.0.0.1/tcp/${p2pProver}`], bootstrap: [] };
      prover = await Sidecar.start(proverCfg, opts.log.child({ node: 'prover' }));
      if (opts.verifier) {
        const vCfg = base('verifier');
        vCfg.role = 'verifier';
        vCfg.engine.port = 0;
        vCfg.api.port = 0;
        const bootstrap = prover.gossip ? prover.gossip.multiaddrs().filter((a) => a.includes('127.0.0.1')) : [];
        vCfg.p2p = { enabled: true, listen: [`/ip4/127.0.0.1/tcp/${p2pVerifier}`], bootstrap };
        verifier = await Sidecar.start(vCfg, opts.log.child({ node: 'verifier' }));
      }
      const driver = new ConsensusDriver(prover.engineUrl, readJwtSecret(el.jwtSecretPath), el.rpcUrl);
      return new Devnet(el, prover, verifier, driver, opts);
    } catch (e) {
      await verifier?.close().catch(() => {});
      await prover?.close().catch(() => {});
      await el.stop();
      throw e;
    }
  }

  /** Builds blocks every blockTimeS until `blocks` are built or stop() is called. */
  run(): void {
    const tick = async () => {
      if (this.stopping) return;
      try {
        const b = await this.driver.buildBlock();
        this.built++;
        this.opts.onBlock?.(b);
        // Show the verifier the same payload, as its beacon node would.
        if (this.verifier) {
          const np = await this.driver.engineAt(this.verifier.engineUrl, 'engine_newPayloadV4', b.newPayloadParams);
          this.opts.log.info({ block: b.number, status: (np.result as { status: string }).status }, 'proof-only node answered newPayload');
          const head = { headBlockHash: b.blockHash, safeBlockHash: b.blockHash, finalizedBlockHash: b.blockHash };
          await this.driver.engineAt(this.verifier.engineUrl, 'engine_forkchoiceUpdatedV3', [head, null]);
        }
      } catch (e) {
        this.opts.log.error({ err: (e as Error).message }, 'block building failed');
      }
      if (this.opts.blocks > 0 && this.built >= this.opts.blocks) {
        this.finished?.();
        return;
      }
      if (!this.stopping) this.timer = setTimeout(tick, this.opts.blockTimeS * 1000);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.driver.close();
    await this.verifier?.close().catch((e: Error) => this.opts.log.warn({ err: e.message }, 'verifier close failed'));
    await this.prover.close().catch((e: Error) => this.opts.log.warn({ err: e.message }, 'prover close failed'));
    await this.el.stop(3000);
    this.finished?.();
  }
}
