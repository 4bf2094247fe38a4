// Proving one block: the validator guest runs in the zkVM over the payload and its witness.
// Before proving, the same validator runs natively ("execute" stage): a cheap check that the
// witness is complete and the block valid. Both run in worker threads. Without the native code a
// job fails with the missing piece named ("native prover not built"); nothing is ever faked.
import { existsSync, readFileSync } from 'node:fs';
import type { NewPayloadRequest } from '../verify/payload.js';
import type { ExecutionWitness } from '../witness/types.js';
import { validatorTexts, type ChainSpec } from './block-input.js';
import { loadNativeZkvm, NATIVE_PROVER_MISSING, type ZkvmOptions } from './native-zkvm.js';
import { WorkerPool } from './worker-pool.js';

export interface ProveJob {
  request: NewPayloadRequest;
  witness: ExecutionWitness;
}

export interface BlockProof {
  proof: Uint8Array;
  publicValues: Uint8Array;
  proveMs: number;
}

export interface ExecuteResult {
  ms: number;
  /** The 97 public-value bytes the guest will commit. */
  publicValues: Uint8Array;
}

/** A failure that retrying cannot fix (missing native code or ELF, invalid block, incomplete witness). */
/** zkVM failures that depend only on the guest and its input (see src/native/zkvm.ts). */
const DETERMINISTIC_ZKVM_ERRORS = new Set(['ZKVM_ELF', 'ZKVM_EXECUTION', 'ZKVM_UNPROVABLE']);

export class PermanentProverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentProverError';
  }
}

export interface BlockProver {
  /** Native (non-zk) validation; null when the native validator is not available. */
  execute?(job: ProveJob): Promise<ExecuteResult | null>;
  prove(job: ProveJob): Promise<BlockProof>;
  close(): Promise<void>;
}

export class NativeBlockProver implements BlockProver {
  private pool?: WorkerPool;
  private elf?: Uint8Array;

  private constructor(
    private readonly proverMissing: string | null,
    private readonly canValidate: boolean,
    private readonly workers: number,
    private readonly elfPath: string | undefined,
    private readonly chain: ChainSpec,
    private readonly options: ZkvmOptions,
  ) {}

  /** `options`: the zkVM's FRI parameters and segment size (config prover.params / prover.segmentCycles). */
  static async create(workers: number, elfPath: string | undefined, chain: ChainSpec, options: ZkvmOptions = {}): Promise<NativeBlockProver> {
    const { zkvm, missing } = await loadNativeZkvm();
    const proverMissing = zkvm?.prove && zkvm.encodeInput ? null : (missing.find((m) => m.includes('prover') || m.includes('addon') || m.includes('module')) ?? NATIVE_PROVER_MISSING);
    return new NativeBlockProver(proverMissing, !!zkvm?.validate, workers, elfPath, chain, options);
  }

  /** Why jobs cannot be proven, or null when the native prover is there. */
  get unavailableReason(): string | null {
    return this.proverMissing;
  }

  private get workerPool(): WorkerPool {
    this.pool ??= new WorkerPool(this.workers);
    return this.pool;
  }

  async execute(job: ProveJob): Promise<ExecuteResult | null> {
    if (!this.canValidate) return null;
    const { validation, ms } = await this.workerPool.validate(validatorTexts(job.request, job.witness, this.chain));
    if (!validation.success) {
      throw new PermanentProverError(validation.witnessIncomplete ? `witness incomplete: ${validation.reason}` : `block rejected by the validator: ${validation.reason}`);
    }
    return { ms, publicValues: validation.publicValues };
  }

  async prove(job: ProveJob): Promise<BlockProof> {
    if (this.proverMissing) throw new PermanentProverError(this.proverMissing);
    if (!this.elf) {
      if (!this.elfPath) throw new PermanentProverError('validator guest ELF not configured (prover.guestElf)');
      if (!existsSync(this.elfPath)) throw new PermanentProverError(`validator guest ELF not found at ${this.elfPath}`);
      this.elf = readFileSync(this.elfPath);
    }
    try {
      return await this.workerPool.prove(this.elf, validatorTexts(job.request, job.witness, this.chain), this.options);
    } catch (e) {
      // The same guest and input fail the same way again: no retry for these.
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && DETERMINISTIC_ZKVM_ERRORS.has(code)) throw new PermanentProverError(`zkVM: ${(e as Error).message}`);
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
