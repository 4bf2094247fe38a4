// The proving pipeline's scheduling: retries that keep their reasons, permanent failures, deadlines,
// stale-slot cancellation and explicit cancellation. The witness source and prover here are test
// doubles that only ever fail, so no proof (real or fake) is involved.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures.js';
import { silentLogger } from '../../src/log/logger.js';
import { PermanentProverError, type BlockProver } from '../../src/prover/block-prover.js';
import { NATIVE_PROVER_MISSING } from '../../src/prover/native-zkvm.js';
import { ProvingPipeline, SECONDS_PER_SLOT } from '../../src/prover/pipeline.js';
import { SidecarStore } from '../../src/store/store.js';
import type { WitnessProvider, WitnessResult } from '../../src/witness/types.js';
import { removeTempDirs, tempDir } from './helpers.js';

const FIXTURE = fixture('blockchain/eest_benchmark@v0.0.7_via_erigontech-eest-fixtures/benchmark/blockchain_tests_engine/benchmark/compute/instruction/control_flow/jumps.json');
const base = (Object.values(JSON.parse(readFileSync(FIXTURE, 'utf8'))) as { engineNewPayloads: { params: unknown[] }[] }[])[0].engineNewPayloads[0].params;

/** A payload for `slot` with a distinct block hash. */
function paramsAt(slot: number, n: number): unknown[] {
  const p = JSON.parse(JSON.stringify(base)) as [Record<string, string>, ...unknown[]];
  p[0].timestamp = `0x${(slot * SECONDS_PER_SLOT).toString(16)}`;
  p[0].blockHash = `0x${n.toString(16).padStart(64, '0')}`;
  p[0].blockNumber = `0x${n.toString(16)}`;
  return p;
}

/** Holds its first fetch until released, so later submissions queue behind it. */
class GatedWitness implements WitnessProvider {
  private release!: () => void;
  private readonly gate = new Promise<void>((r) => (this.release = r));
  private first = true;
  async fetch(): Promise<WitnessResult> {
    if (this.first) {
      this.first = false;
      await this.gate;
    }
    throw new Error('no witness');
  }
  open(): void {
    this.release();
  }
}

class FailingWitness implements WitnessProvider {
  calls = 0;
  constructor(private readonly failures: number) {}
  async fetch(): Promise<WitnessResult> {
    this.calls++;
    if (this.calls <= this.failures) throw new Error(`witness unavailable (call ${this.calls})`);
    return { witness: { state: [], codes: [], headers: [] }, source: 'preflight' };
  }
}

const refusingProver = (error: Error): BlockProver => ({
  async prove() {
    throw error;
  },
  async close() {},
});

let store: SidecarStore | undefined;
let pipeline: ProvingPipeline | undefined;
afterEach(async () => {
  await pipeline?.stop();
  await store?.close();
  pipeline = store = undefined;
});

async function setup(witness: WitnessProvider, prover: BlockProver, over: Partial<{ workers: number; deadlineMs: number; maxAttempts: number; staleSlots: number }> = {}) {
  store = await SidecarStore.open(path.join(tempDir('pipeline'), 'data'));
  pipeline = new ProvingPipeline({ store, witness, prover, workers: 1, deadlineMs: 60_000, maxAttempts: 3, staleSlots: 4, log: silentLogger(), ...over });
  return { store, pipeline };
}

describe('proving pipeline', () => {
  it('retries with the reason of each failure, then stops at the native prover', async () => {
    const w = new FailingWitness(1);
    const { store, pipeline } = await setup(w, refusingProver(new PermanentProverError(NATIVE_PROVER_MISSING)));
    const job = (await pipeline.submit('engine_newPayloadV4', paramsAt(100, 1)))!;
    await pipeline.idle();
    const done = (await store.getJob(job.blockHash))!;
    expect(done.state).toBe('failed');
    expect(done.attempts).toBe(2);
    expect(done.errors).toEqual(['witness: witness unavailable (call 1)', 'prove: native prover not built']);
    expect(done.timings.witnessMs).toBeGreaterThanOrEqual(0);
    // The same payload again is not a new job.
    expect(await pipeline.submit('engine_newPayloadV4', paramsAt(100, 1))).toBeNull();
  });

  it('gives up after maxAttempts transient failures', async () => {
    const { store, pipeline } = await setup(new FailingWitness(10), refusingProver(new Error('unused')), { maxAttempts: 2 });
    const job = (await pipeline.submit('engine_newPayloadV4', paramsAt(5, 2)))!;
    await pipeline.idle();
    expect((await store.getJob(job.blockHash))!).toMatchObject({ state: 'failed', attempts: 2, errors: ['witness: witness unavailable (call 1)', 'witness: witness unavailable (call 2)'] });
  });

  it('serves older slots first and cancels stale ones', async () => {
    const w = new GatedWitness();
    const { store, pipeline } = await setup(w, refusingProver(new Error('unused')), { maxAttempts: 1, staleSlots: 4 });
    const order: number[] = [];
    pipeline.on('job', (j) => j.state === 'running' && order.push(j.blockNumber));
    // The first job occupies the single worker while the others queue.
    await pipeline.submit('engine_newPayloadV4', paramsAt(50, 1));
    await pipeline.submit('engine_newPayloadV4', paramsAt(60, 3));
    await pipeline.submit('engine_newPayloadV4', paramsAt(59, 2));
    await pipeline.submit('engine_newPayloadV4', paramsAt(40, 4)); // 20 slots behind the newest
    w.open();
    await pipeline.idle();
    expect(order).toEqual([1, 2, 3]);
    const stale = (await store.getJob(`0x${(4).toString(16).padStart(64, '0')}`))!;
    expect(stale.state).toBe('cancelled');
    expect(stale.errors.at(-1)).toMatch(/stale/);
  });

  it('expires jobs whose deadline passed and honours cancel()', async () => {
    const { store: db, pipeline: first } = await setup(new FailingWitness(100), refusingProver(new Error('unused')), { deadlineMs: 1 });
    const job = (await first.submit('engine_newPayloadV4', paramsAt(70, 7), Date.now() - 10))!;
    await first.idle();
    expect((await db.getJob(job.blockHash))!.state).toBe('expired');
    await first.stop();
    const p2 = new ProvingPipeline({ store: db, witness: new FailingWitness(0), prover: refusingProver(new Error('x')), workers: 1, deadlineMs: 60_000, maxAttempts: 1, staleSlots: 4, log: silentLogger() });
    pipeline = p2;
    expect(await p2.cancel(job.blockHash)).toBe(false); // already finished
    expect(await p2.cancel('0x' + 'ee'.repeat(32))).toBe(false);
  });

  it('refuses a malformed payload at submission', async () => {
    const { pipeline } = await setup(new FailingWitness(0), refusingProver(new Error('x')));
    await expect(pipeline.submit('engine_newPayloadV4', [{}])).rejects.toThrow(/takes 4 parameters/);
    await expect(pipeline.submit('engine_forkchoiceUpdatedV3', [])).rejects.toThrow(/not engine_newPayload/);
  });
});

afterAll(() => removeTempDirs());
