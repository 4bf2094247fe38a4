// Witness without the client's help: find what the block touches (traces + senders, recipients,
// coinbase, withdrawals, system contracts), then collect the trie nodes with eth_getProof at the
// parent (pre-state paths) and at the block (post-state paths, which carry the siblings needed when
// branches collapse), the pre-state bytecodes with eth_getCode, and ancestor headers as raw RLP.
import { JsonRpcProvider } from 'ethers';
import { collectFromTrace, newTouched, touchAccount, type StructLog, type Touched } from './touched.js';
import type { ExecutionWitness } from './types.js';

/** EIP-4788 beacon roots, EIP-2935 history, EIP-7002 withdrawals, EIP-7251 consolidations. */
export const SYSTEM_CONTRACTS = [
  '0x000f3df6d732807ef1319fb7b8bb8522d0beac02',
  '0x0000f90827f1c53a10cb7a02335b175320002935',
  '0x00000961ef480eb55e80d19ad83579a64c007002',
  '0x0000bbddc7ce488642fb579f8b00f3a590007251',
];

/** Ring-buffer sizes and queue layouts the system contracts use (EIP-4788, 2935, 7002, 7251). */
const BEACON_ROOTS_BUFFER = 8191n;
const HISTORY_BUFFER = 8191n;
const REQUEST_QUEUES = [
  { address: SYSTEM_CONTRACTS[2], slotsPerEntry: 3n, maxPerBlock: 16n }, // withdrawals
  { address: SYSTEM_CONTRACTS[3], slotsPerEntry: 4n, maxPerBlock: 2n }, // consolidations
];
const QUEUE_HEAD_SLOT = 2n;
const QUEUE_TAIL_SLOT = 3n;
const QUEUE_OFFSET = 4n;

interface RpcBlock {
  timestamp: string;
  number: string;
  hash: string;
  miner: string;
  transactions: { hash: string; from: string; to: string | null }[];
  withdrawals?: { address: string }[];
}

interface ProofAnswer {
  accountProof: string[];
  codeHash: string;
  storageProof: { key: string; proof: string[] }[];
}

/** The execution client does not (yet) serve this block. */
export class BlockNotFound extends Error {}

const EMPTY_CODE_HASH = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470';
const hexNum = (n: bigint | number) => `0x${n.toString(16)}`;

export class PreflightWitnessBuilder {
  readonly provider: JsonRpcProvider;

  constructor(rpcUrl: string) {
    // staticNetwork: no chain-id polling, the URL is trusted configuration.
    this.provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1 });
  }

  destroy(): void {
    this.provider.destroy();
  }

  /**
   * Storage the protocol's own system calls touch, which transaction traces do not show: the
   * beacon-root and block-hash ring-buffer slots written before the transactions, and the request
   * queues' counters and the entries dequeued after them.
   */
  async systemSlots(t: Touched, block: RpcBlock): Promise<void> {
    const word = (n: bigint) => `0x${n.toString(16).padStart(64, '0')}`;
    const ts = BigInt(block.timestamp);
    const n = BigInt(block.number);
    const beacon = touchAccount(t, SYSTEM_CONTRACTS[0]);
    beacon.add(word(ts % BEACON_ROOTS_BUFFER)).add(word((ts % BEACON_ROOTS_BUFFER) + BEACON_ROOTS_BUFFER));
    touchAccount(t, SYSTEM_CONTRACTS[1]).add(word((n - 1n) % HISTORY_BUFFER));
    const parent = hexNum(n - 1n);
    for (const q of REQUEST_QUEUES) {
      const slots = touchAccount(t, q.address);
      for (let i = 0n; i < QUEUE_OFFSET; i++) slots.add(word(i));
      const head = BigInt((await this.provider.send('eth_getStorageAt', [q.address, word(QUEUE_HEAD_SLOT), parent])) as string);
      const tail = BigInt((await this.provider.send('eth_getStorageAt', [q.address, word(QUEUE_TAIL_SLOT), parent])) as string);
      const end = tail < head + q.maxPerBlock ? tail : head + q.maxPerBlock;
      for (let i = head; i < end; i++) for (let k = 0n; k < q.slotsPerEntry; k++) slots.add(word(QUEUE_OFFSET + i * q.slotsPerEntry + k));
    }
  }

  async touched(block: RpcBlock): Promise<Touched> {
    const t = newTouched();
    touchAccount(t, block.miner);
    for (const a of SYSTEM_CONTRACTS) touchAccount(t, a);
    await this.systemSlots(t, block);
    for (const w of block.withdrawals ?? []) touchAccount(t, w.address);
    for (const tx of block.transactions) {
      touchAccount(t, tx.from);
      let to = tx.to;
      if (!to) {
        const receipt = await this.provider.send('eth_getTransactionReceipt', [tx.hash]);
        to = (receipt as { contractAddress: string }).contractAddress;
      }
      touchAccount(t, to);
      const trace = (await this.provider.send('debug_traceTransaction', [tx.hash, { disableMemory: true, disableStorage: true }])) as { structLogs?: StructLog[] };
      // Right after import some clients answer null until the block is fully indexed: retryable.
      if (trace === null) throw new BlockNotFound(`no trace yet for ${tx.hash}`);
      if (!Array.isArray(trace?.structLogs)) throw new Error(`debug_traceTransaction(${tx.hash}) gave no structLogs: ${JSON.stringify(trace).slice(0, 200)}`);
      collectFromTrace(t, to, trace.structLogs);
    }
    return t;
  }

  async build(blockHash: string): Promise<ExecutionWitness> {
    const block = (await this.provider.send('eth_getBlockByHash', [blockHash, true])) as RpcBlock | null;
    if (!block) throw new BlockNotFound(`execution client does not know block ${blockHash}`);
    const number = BigInt(block.number);
    if (number === 0n) throw new Error('the genesis block has no witness');
    const parent = number - 1n;
    const t = await this.touched(block);
    const state = new Set<string>();
    const codes = new Set<string>();
    for (const [address, slotSet] of t.accounts) {
      const slots = [...slotSet];
      for (const at of [parent, number]) {
        const p = (await this.provider.send('eth_getProof', [address, slots, hexNum(at)])) as ProofAnswer;
        for (const n of p.accountProof) state.add(n.toLowerCase());
        for (const sp of p.storageProof) for (const n of sp.proof) state.add(n.toLowerCase());
        if (at === parent && p.codeHash.toLowerCase() !== EMPTY_CODE_HASH) {
          const code = (await this.provider.send('eth_getCode', [address, hexNum(parent)])) as string;
          if (code !== '0x') codes.add(code.toLowerCase());
        }
      }
    }
    // Headers: from the oldest BLOCKHASH target (at most 256 back) up to the parent.
    let first = t.oldestBlockHash !== undefined && t.oldestBlockHash < parent ? t.oldestBlockHash : parent;
    if (parent - first > 255n) first = parent - 255n;
    const headers: string[] = [];
    for (let n = first; n <= parent; n++) {
      headers.push((await this.provider.send('debug_getRawHeader', [hexNum(n)])) as string);
    }
    return { state: [...state].sort(), codes: [...codes].sort(), headers };
  }
}
