// A scripted consensus layer: builds one block per call through an Engine API endpoint (oneproof's
// proxy) exactly as a beacon node would — forkchoiceUpdated with attributes, getPayload,
// newPayload, forkchoiceUpdated to the new head — after sending real transactions (transfers,
// a contract deploy, storage writes) signed with the dev key.
import { randomBytes } from 'node:crypto';
import { JsonRpcProvider, Wallet, getCreateAddress, hexlify, toQuantity } from 'ethers';
import { signJwt } from '../engine/jwt.js';
import { DEV_PRIVATE_KEY } from './genesis.js';

/** Init code of a contract whose runtime stores calldata word 0 in slot 0 and adds 1 to slot 1. */
// runtime: 5f35 5f55 6001 54 6001 01 6001 55 00  → sstore(0, calldataload(0)); sstore(1, sload(1)+1)
const COUNTER_RUNTIME = '5f355f55600154600101600155' + '00';
const COUNTER_INIT = `0x600e600a5f39600e5ff3${COUNTER_RUNTIME}`;

const WITHDRAWAL_REQUEST_CONTRACT = '0x00000961ef480eb55e80d19ad83579a64c007002';

export interface EngineCallResult {
  method: string;
  /** The raw JSON answer, exactly as received. */
  raw: string;
  result: unknown;
}

export interface BuiltBlock {
  number: number;
  blockHash: string;
  transactions: number;
  /** Every Engine API exchange of this block, in order. */
  calls: EngineCallResult[];
  payload: Record<string, unknown>;
  newPayloadParams: unknown[];
  newPayloadStatus: string;
}

export class EngineRpcError extends Error {
  constructor(readonly method: string, readonly code: number, message: string) {
    super(`${method}: ${message} (${code})`);
  }
}

export class ConsensusDriver {
  private readonly wallet: Wallet;
  private readonly provider: JsonRpcProvider;
  private head = '';
  private lastTimestamp = 0;
  private nonce: number | null = null;
  private counter: string | null = null;
  private nextId = 1;
  private withdrawalIndex = 0;

  constructor(
    private readonly engineUrl: string,
    private readonly jwtSecret: Buffer,
    rpcUrl: string,
  ) {
    this.provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1 });
    this.wallet = new Wallet(DEV_PRIVATE_KEY, this.provider);
  }

  close(): void {
    this.provider.destroy();
  }

  async engine(method: string, params: unknown[]): Promise<EngineCallResult> {
    return this.engineAt(this.engineUrl, method, params);
  }

  /** One authenticated Engine API call to any endpoint (e.g. a proof-only node). */
  async engineAt(url: string, method: string, params: unknown[]): Promise<EngineCallResult> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signJwt(this.jwtSecret)}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method, params }),
    });
    const raw = await res.text();
    let parsed: { result?: unknown; error?: { code: number; message: string } };
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new EngineRpcError(method, res.status, `HTTP ${res.status}: ${raw.slice(0, 200)}`);
    }
    if (parsed.error) throw new EngineRpcError(method, parsed.error.code, parsed.error.message);
    return { method, raw, result: parsed.result };
  }

  private async sendTransactions(): Promise<number> {
    if (this.nonce === null) this.nonce = await this.provider.getTransactionCount(this.wallet.address, 'latest');
    const fee = { maxFeePerGas: 30_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n, chainId: (await this.provider.getNetwork()).chainId };
    const txs = [];
    // A transfer to a fresh address.
    txs.push({ to: hexlify(randomBytes(20)), value: 10n ** 15n, gasLimit: 21_000n });
    if (this.counter === null) {
      txs.push({ data: COUNTER_INIT, gasLimit: 200_000n });
      this.counter = getCreateAddress({ from: this.wallet.address, nonce: this.nonce + 1 });
    } else {
      // Storage writes: slot 0 to a new value, slot 1 incremented.
      txs.push({ to: this.counter, data: hexlify(randomBytes(32)), gasLimit: 100_000n });
    }
    // An EIP-7002 withdrawal request (48-byte pubkey ‖ 8-byte amount; fee paid in value), so blocks
    // carry execution requests.
    txs.push({ to: WITHDRAWAL_REQUEST_CONTRACT, data: hexlify(new Uint8Array([...randomBytes(48), 0, 0, 0, 0, 0, 0, 0, 1])), value: 10n, gasLimit: 200_000n });
    for (const tx of txs) {
      const signed = await this.wallet.signTransaction({ ...tx, ...fee, nonce: this.nonce++, type: 2 });
      await this.provider.send('eth_sendRawTransaction', [signed]);
    }
    return txs.length;
  }

  /** Builds, imports and makes canonical one block; `transactions: false` builds one with none
   * (system calls and one withdrawal only: the cheapest block to prove). */
  async buildBlock(options: { transactions?: boolean } = {}): Promise<BuiltBlock> {
    if (!this.head) {
      const latest = (await this.provider.send('eth_getBlockByNumber', ['latest', false])) as { hash: string; timestamp: string };
      this.head = latest.hash;
      this.lastTimestamp = Number(latest.timestamp);
    }
    const sent = options.transactions === false ? 0 : await this.sendTransactions();
    const calls: EngineCallResult[] = [];
    const timestamp = Math.max(Math.floor(Date.now() / 1000), this.lastTimestamp + 1);
    const state = { headBlockHash: this.head, safeBlockHash: this.head, finalizedBlockHash: this.head };
    const attributes = {
      timestamp: toQuantity(timestamp),
      prevRandao: hexlify(randomBytes(32)),
      suggestedFeeRecipient: '0x' + '00'.repeat(19) + 'fe',
      // One consensus-layer withdrawal per block, to a fixed address.
      withdrawals: [{ index: toQuantity(this.withdrawalIndex), validatorIndex: toQuantity(7 + (this.withdrawalIndex % 3)), address: '0x' + '11'.repeat(20), amount: toQuantity(1_000_000_000 + this.withdrawalIndex) }],
      parentBeaconBlockRoot: hexlify(randomBytes(32)),
    };
    const fcu = await this.engine('engine_forkchoiceUpdatedV3', [state, attributes]);
    calls.push(fcu);
    const payloadId = (fcu.result as { payloadId: string | null }).payloadId;
    if (!payloadId) throw new Error(`forkchoiceUpdated returned no payloadId: ${fcu.raw}`);
    const got = await this.engine('engine_getPayloadV4', [payloadId]);
    calls.push(got);
    const envelope = got.result as { executionPayload: Record<string, unknown>; executionRequests: string[] };
    // The client adds a non-spec `requestsHash` to the payload; a beacon node would not send it.
    const { requestsHash: _ignored, ...payload } = envelope.executionPayload;
    const newPayloadParams = [payload, [], attributes.parentBeaconBlockRoot, envelope.executionRequests];
    const np = await this.engine('engine_newPayloadV4', newPayloadParams);
    calls.push(np);
    const status = (np.result as { status: string }).status;
    if (status !== 'VALID') throw new Error(`newPayload answered ${np.raw}`);
    const blockHash = payload.blockHash as string;
    calls.push(await this.engine('engine_forkchoiceUpdatedV3', [{ headBlockHash: blockHash, safeBlockHash: blockHash, finalizedBlockHash: this.head }, null]));
    this.head = blockHash;
    this.lastTimestamp = timestamp;
    this.withdrawalIndex++;
    return { number: Number(payload.blockNumber), blockHash, transactions: sent, calls, payload, newPayloadParams, newPayloadStatus: status };
  }
}
