// Turns the first block of a BlockchainTest case into the validator's three inputs (block RLP hex,
// a debug_executionWitness-shaped witness, a chain file): the fixture's `pre` is the complete
// pre-state, so the witness is every node of its state trie and of each storage trie, every code,
// and the genesis header as the only ancestor. Built with @ethereumjs/mpt, an implementation
// independent of the validator's own trie code.
import { createMerkleProof, createMPT } from '@ethereumjs/mpt';
import { RLP } from '@ethereumjs/rlp';
import { keccak256 } from 'ethereum-cryptography/keccak.js';

interface FixtureAccount {
  nonce: string;
  balance: string;
  code: string;
  storage: Record<string, string>;
}

export interface FixtureCase {
  network: string;
  pre: Record<string, FixtureAccount>;
  genesisRLP: string;
  blocks: { rlp: string; expectException?: string }[];
  config?: { chainid?: string; blobSchedule?: Record<string, { target: string; max: string; baseFeeUpdateFraction: string }> };
}

export interface ValidatorInputs {
  blockHex: string;
  witnessJson: string;
  chainJson: string;
  /** True when the fixture expects the block to be rejected. */
  expectInvalid: boolean;
}

const fromHex = (h: string) => Buffer.from(h.startsWith('0x') ? h.slice(2) : h, 'hex');
const toHex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');

// Minimal big-endian bytes of a hex quantity (zero is empty), as RLP integers are encoded.
function quantity(h: string): Uint8Array {
  let v = BigInt(h);
  const out: number[] = [];
  while (v > 0n) {
    out.unshift(Number(v & 0xffn));
    v >>= 8n;
  }
  return Uint8Array.from(out);
}

function word(h: string): Uint8Array {
  const b = quantity(h);
  const out = new Uint8Array(32);
  out.set(b, 32 - b.length);
  return out;
}

type Trie = Awaited<ReturnType<typeof createMPT>>;

// Every node on the path to every key: for a trie holding exactly these keys, all of its hashed nodes.
async function collectNodes(trie: Trie, keys: Uint8Array[], into: Map<string, Uint8Array>): Promise<void> {
  for (const key of keys) for (const node of await createMerkleProof(trie, key)) into.set(toHex(node), node);
}

/** The fork schedule of a fixture network, as the chain file `forks` list (transitions at t = 15000). */
export function chainFor(fx: FixtureCase): { chainId: number; forks: { fork: string; timestamp: number; blobSchedule?: object }[] } {
  const m = /^(\w+?)To(\w+)AtTime15k$/.exec(fx.network);
  const names = m ? [m[1], m[2]] : [fx.network];
  return {
    chainId: Number(BigInt(fx.config?.chainid ?? '0x1')),
    forks: names.map((fork, i) => {
      const s = fx.config?.blobSchedule?.[fork];
      return { fork, timestamp: i === 0 ? 0 : 15000, ...(s ? { blobSchedule: s } : {}) };
    }),
  };
}

export async function firstBlockInputs(fx: FixtureCase): Promise<ValidatorInputs> {
  const nodes = new Map<string, Uint8Array>();
  const codes = new Map<string, Uint8Array>();
  const state = await createMPT({ useKeyHashing: true });
  const addresses: Uint8Array[] = [];
  for (const [addr, acc] of Object.entries(fx.pre)) {
    const storage = await createMPT({ useKeyHashing: true });
    const slots: Uint8Array[] = [];
    for (const [slot, value] of Object.entries(acc.storage)) {
      if (BigInt(value) === 0n) continue;
      const key = word(slot);
      await storage.put(key, RLP.encode(quantity(value)));
      slots.push(key);
    }
    await collectNodes(storage, slots, nodes);
    const code = fromHex(acc.code);
    if (code.length > 0) codes.set(toHex(code), code);
    const address = fromHex(addr);
    await state.put(address, RLP.encode([quantity(acc.nonce), quantity(acc.balance), storage.root(), keccak256(code)]));
    addresses.push(address);
  }
  await collectNodes(state, addresses, nodes);
  const genesis = RLP.decode(fromHex(fx.genesisRLP)) as Uint8Array[][];
  const genesisHeader = RLP.encode(genesis[0]);
  const block = fx.blocks[0];
  return {
    blockHex: block.rlp,
    witnessJson: JSON.stringify({
      state: [...nodes.keys()],
      codes: [...codes.keys()],
      headers: [toHex(genesisHeader)],
    }),
    chainJson: JSON.stringify(chainFor(fx)),
    expectInvalid: block.expectException !== undefined,
  };
}
