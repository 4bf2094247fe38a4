// Proving one block: the validator guest runs in the zkVM over the payload and its witness.
// The real implementation hands the native call to a worker thread; without the native zkVM
// every job fails with "native prover not built".
import { existsSync, readFileSync } from 'node:fs';
import type { NewPayloadRequest } from '../verify/payload.js';
import type { ExecutionWitness } from '../witness/types.js';
import { encodeGuestInput } from './guest-input.js';
import { loadNativeZkvm, NATIVE_PROVER_MISSING } from './native-zkvm.js';
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

/** A failure that retrying cannot fix (missing native code, missing ELF). */
export class PermanentProverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentProverError';
  }
}

export interface BlockProver {
  prove(job: ProveJob): Promise<BlockProof>;
  close(): Promise<void>;
}

export class NativeBlockProver implements BlockProver {
  private pool?: WorkerPool;
  private elf?: Uint8Array;

  private constructor(
    private readonly missing: string | null,
    private readonly workers: number,
    private readonly elfPath: string | undefined,
  ) {}

  static async create(workers: number, elfPath: string | undefined): Promise<NativeBlockProver> {
    const { zkvm, missing } = await loadNativeZkvm();
    const reason = zkvm?.prove ? null : (missing.find((m) => m.includes('prover') || m.includes('failed to load')) ?? NATIVE_PROVER_MISSING);
    return new NativeBlockProver(reason, workers, elfPath);
  }

  /** Why jobs cannot be proven, or null when the native prover is there. */
  get unavailableReason(): string | null {
    return this.missing;
  }

  async prove(job: ProveJob): Promise<BlockProof> {
    if (this.missing) throw new PermanentProverError(this.missing);
    if (!this.elf) {
      if (!this.elfPath) throw new PermanentProverError('validator guest ELF not configured (prover.guestElf)');
      if (!existsSync(this.elfPath)) throw new PermanentProverError(`validator guest ELF not found at ${this.elfPath}`);
      this.elf = readFileSync(this.elfPath);
    }
    this.pool ??= new WorkerPool(this.workers);
    return this.pool.prove(this.elf, encodeGuestInput(job.request, job.witness));
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
