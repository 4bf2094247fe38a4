// engine_newPayloadV5 params rebuilt from the public Amsterdam blockchain fixtures (EEST
// zkevm-amsterdam, which carry each block's RLP, header and block access list as JSON): the block
// access list is RLP-encoded as EIP-7928 defines it, and a test checks that its keccak is the
// header's blockAccessListHash, so these are real Amsterdam payloads, not made-up ones.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeRlp, encodeRlp, sha256, toBeHex, toQuantity } from 'ethers';
import { fixture } from '../fixtures.js';

export const AMSTERDAM_FIXTURES = fixture('zkevm-amsterdam');

type Change = Record<string, string>;
interface AccountChanges {
  address: string;
  storageChanges: { slot: string; slotChanges: Change[] }[];
  storageReads: string[];
  balanceChanges: Change[];
  nonceChanges: Change[];
  codeChanges: Change[];
}
interface FixtureBlock {
  rlp: string;
  blockHeader: Record<string, string>;
  withdrawals: Record<string, string>[];
  blockAccessList?: AccountChanges[];
}

const int = (h: string) => (BigInt(h) === 0n ? '0x' : toBeHex(BigInt(h)));

/** EIP-7928: [[address, storage_changes, storage_reads, balance_changes, nonce_changes, code_changes], ...]. */
export function blockAccessListRlp(bal: AccountChanges[]): string {
  return encodeRlp(
    bal.map((a) => [
      a.address,
      a.storageChanges.map((s) => [int(s.slot), s.slotChanges.map((c) => [int(c.blockAccessIndex), int(c.postValue)])]),
      a.storageReads.map(int),
      a.balanceChanges.map((c) => [int(c.blockAccessIndex), int(c.postBalance)]),
      a.nonceChanges.map((c) => [int(c.blockAccessIndex), int(c.postNonce)]),
      a.codeChanges.map((c) => [int(c.blockAccessIndex), c.newCode]),
    ]),
  );
}

export interface AmsterdamCase {
  name: string;
  params: unknown[];
  header: Record<string, string>;
}

const EMPTY_REQUESTS_HASH = sha256('0x');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.json') ? [p] : [];
  });
}

/** V5 params of fixture blocks without execution requests (those need the request lists). */
export function amsterdamCases(limit = 40): AmsterdamCase[] {
  const out: AmsterdamCase[] = [];
  for (const f of files(AMSTERDAM_FIXTURES).sort()) {
    let tests: Record<string, { blocks: FixtureBlock[] }>;
    try {
      tests = JSON.parse(readFileSync(f, 'utf8')) as typeof tests;
    } catch {
      continue; // an empty or truncated fixture file
    }
    for (const [name, t] of Object.entries(tests)) {
      for (const b of t.blocks) {
        const h = b.blockHeader;
        if (!h || !b.blockAccessList || h.requestsHash !== EMPTY_REQUESTS_HASH) continue;
        const body = decodeRlp(b.rlp) as unknown[];
        const txs = (body[1] as unknown[]).map((t) => (typeof t === 'string' ? t : encodeRlp(t as string[])));
        const payload = {
          parentHash: h.parentHash,
          feeRecipient: h.coinbase,
          stateRoot: h.stateRoot,
          receiptsRoot: h.receiptTrie,
          logsBloom: h.bloom,
          prevRandao: h.mixHash,
          blockNumber: toQuantity(h.number),
          gasLimit: toQuantity(h.gasLimit),
          gasUsed: toQuantity(h.gasUsed),
          timestamp: toQuantity(h.timestamp),
          extraData: h.extraData,
          baseFeePerGas: toQuantity(h.baseFeePerGas),
          blockHash: h.hash,
          transactions: txs,
          withdrawals: b.withdrawals.map((w) => ({ index: toQuantity(w.index), validatorIndex: toQuantity(w.validatorIndex), address: w.address, amount: toQuantity(w.amount) })),
          blobGasUsed: toQuantity(h.blobGasUsed),
          excessBlobGas: toQuantity(h.excessBlobGas),
          blockAccessList: blockAccessListRlp(b.blockAccessList),
          slotNumber: toQuantity(h.slotNumber),
        };
        if (txs.some((t) => t.startsWith('0x03'))) continue; // blob transactions need their versioned hashes
        out.push({ name, params: [payload, [], h.parentBeaconBlockRoot, []], header: h });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}
