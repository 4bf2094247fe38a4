// The execution client's own witness endpoint, when it has one: debug_executionWitnessByBlockHash
// (reth style, survives reorgs) and then debug_executionWitness by number. Probed once; a client
// answering "method not found" is not asked again.
import { isWitness, type ExecutionWitness } from './types.js';

export interface RpcCaller {
  call<T>(method: string, params: unknown[]): Promise<T>;
}

const METHOD_NOT_FOUND = -32601;

type Method = 'debug_executionWitnessByBlockHash' | 'debug_executionWitness';

export class ElWitnessSource {
  /** undefined = not probed yet; null = the client has neither method. */
  private method: Method | null | undefined;

  constructor(private readonly rpc: RpcCaller) {}

  /** Whether the client serves witnesses (probes on first use). */
  async available(probeBlockHash: string, probeNumber: number): Promise<boolean> {
    if (this.method === undefined) {
      for (const m of ['debug_executionWitnessByBlockHash', 'debug_executionWitness'] as const) {
        try {
          await this.rpc.call(m, [m === 'debug_executionWitness' ? `0x${probeNumber.toString(16)}` : probeBlockHash]);
          this.method = m;
          break;
        } catch (e) {
          if ((e as { code?: number }).code !== METHOD_NOT_FOUND) {
            // The method exists but this call failed (e.g. block not yet known): it still counts.
            this.method = m;
            break;
          }
        }
      }
      if (this.method === undefined) this.method = null;
    }
    return this.method !== null;
  }

  async fetch(blockHash: string, blockNumber: number): Promise<ExecutionWitness> {
    if (!this.method) throw new Error('execution client serves no execution witness');
    const arg = this.method === 'debug_executionWitness' ? `0x${blockNumber.toString(16)}` : blockHash;
    const w = await this.rpc.call<unknown>(this.method, [arg]);
    if (!isWitness(w)) throw new Error(`${this.method} returned a malformed witness`);
    return { state: w.state, codes: w.codes, headers: w.headers, ...(w.keys ? { keys: w.keys } : {}) };
  }
}
