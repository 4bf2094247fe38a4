// The three texts the native validator reads (native/guest/validator/input.h, hostio/witness_json):
// the block RLP as hex ([header, transactions, ommers, withdrawals]), the witness in
// debug_executionWitness JSON shape, and the chain JSON ({chainId, fork, depositContract}).
import { decodeRlp, encodeRlp, toBeHex, type RlpStructuredDataish } from 'ethers';
import { headerFields } from '../verify/payload-hash.js';
import type { NewPayloadRequest } from '../verify/payload.js';
import type { ExecutionWitness } from '../witness/types.js';

const q = (n: bigint) => (n === 0n ? '0x' : toBeHex(n));

/** Typed transactions are byte strings in a block body; legacy ones are embedded RLP lists. */
function bodyTransaction(tx: string): RlpStructuredDataish {
  const first = parseInt(tx.slice(2, 4), 16);
  return first >= 0xc0 ? (decodeRlp(tx) as RlpStructuredDataish) : tx;
}

export function blockRlpHex(req: NewPayloadRequest): string {
  const p = req.payload;
  return encodeRlp([
    headerFields(p, req.parentBeaconBlockRoot, req.executionRequests),
    p.transactions.map(bodyTransaction),
    [],
    p.withdrawals.map((w) => [q(w.index), q(w.validatorIndex), w.address, q(w.amount)]),
  ]);
}

export function witnessJson(w: ExecutionWitness): string {
  return JSON.stringify({ state: w.state, codes: w.codes, headers: w.headers });
}

export interface ChainSpec {
  chainId: number;
  /** Fork active for the payloads proven here (Prague for the devnet, Osaka for mainnet today). */
  fork: string;
  depositContract?: string;
}

export function chainJson(c: ChainSpec): string {
  return JSON.stringify({ chainId: c.chainId, fork: c.fork, ...(c.depositContract ? { depositContract: c.depositContract } : {}) });
}

/** The texts for one job. */
export interface ValidatorTexts {
  blockHex: string;
  witnessJson: string;
  chainJson: string;
}

export function validatorTexts(req: NewPayloadRequest, w: ExecutionWitness, chain: ChainSpec): ValidatorTexts {
  return { blockHex: blockRlpHex(req), witnessJson: witnessJson(w), chainJson: chainJson(chain) };
}
