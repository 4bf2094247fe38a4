// Picks the witness source: the execution client's own witness when it offers one, else preflight.
import { ElWitnessSource, type RpcCaller } from './el-witness.js';
import { BlockNotFound, PreflightWitnessBuilder } from './preflight.js';
import type { WitnessProvider, WitnessResult } from './types.js';

export class ExecutionWitnessProvider implements WitnessProvider {
  private readonly el: ElWitnessSource;
  private readonly preflight: PreflightWitnessBuilder;

  /** rpcUrl: the execution client's regular JSON-RPC (debug_* and eth_* live there, not on the engine port). */
  constructor(rpcUrl: string) {
    this.preflight = new PreflightWitnessBuilder(rpcUrl);
    const provider = this.preflight.provider;
    const rpc: RpcCaller = {
      async call<T>(method: string, params: unknown[]): Promise<T> {
        try {
          return (await provider.send(method, params)) as T;
        } catch (e) {
          // ethers keeps the JSON-RPC error object under `error`.
          const code = (e as { error?: { code?: number } }).error?.code;
          throw Object.assign(new Error(`${method}: ${(e as Error).message}`), { code });
        }
      },
    };
    this.el = new ElWitnessSource(rpc);
  }

  /**
   * The execution client may answer newPayload before the block is queryable (some serve it
   * only once forkchoiceUpdated made it canonical): retry every `retryMs` until `timeoutMs`.
   */
  async fetch(blockHash: string, blockNumber: number, timeoutMs = 4000, retryMs = 200): Promise<WitnessResult> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        if (await this.el.available(blockHash, blockNumber)) {
          return { witness: await this.el.fetch(blockHash, blockNumber), source: 'el-witness' };
        }
        return { witness: await this.preflight.build(blockHash), source: 'preflight' };
      } catch (e) {
        if (!(e instanceof BlockNotFound) || Date.now() + retryMs > until) throw e;
        await new Promise((r) => setTimeout(r, retryMs));
      }
    }
  }

  close(): void {
    this.preflight.destroy();
  }
}
