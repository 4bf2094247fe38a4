// Block hashes recomputed from Engine API payloads of public execution-spec-tests fixtures
// (Osaka, engine_newPayloadV4), and every tampered field caught.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../fixtures.js';
import { EMPTY_TRIE_ROOT, orderedTrieRoot } from '../../src/verify/ordered-trie.js';
import { checkPayloadConsistency, computeBlockHash } from '../../src/verify/payload-hash.js';
import { parseNewPayloadParams, PayloadError } from '../../src/verify/payload.js';
import { newPayloadRequestRoot } from '../../src/verify/request-root.js';
import { hexlify } from 'ethers';

const FIXTURES = fixture('blockchain/eest_benchmark@v0.0.7_via_erigontech-eest-fixtures/benchmark/blockchain_tests_engine/benchmark/compute');
const files = [`${FIXTURES}/instruction/control_flow/jumps.json`, `${FIXTURES}/scenario/transaction_types/empty_block.json`];

type EngineFixture = { network: string; engineNewPayloads: { params: unknown[]; newPayloadVersion: string }[] };
const payloads: unknown[][] = [];
for (const f of files) {
  const tests = JSON.parse(readFileSync(f, 'utf8')) as Record<string, EngineFixture>;
  for (const t of Object.values(tests).slice(0, 4)) for (const p of t.engineNewPayloads) if (p.newPayloadVersion === '4') payloads.push(p.params);
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('payload → block hash', () => {
  it('has fixture payloads to check', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(4);
  });

  it('recomputes the block hash of every fixture payload', () => {
    for (const params of payloads) {
      const req = parseNewPayloadParams(4, params);
      expect(computeBlockHash(req)).toBe(req.payload.blockHash);
      expect(checkPayloadConsistency(req)).toBeNull();
    }
  });

  it('detects a change in any hashed field', () => {
    const base = payloads.find((p) => ((p[0] as { transactions: string[] }).transactions.length > 0))!;
    const tamper: ((p: unknown[]) => void)[] = [
      (p) => ((p[0] as Record<string, string>).stateRoot = '0x' + '11'.repeat(32)),
      (p) => ((p[0] as Record<string, string>).gasUsed = '0x1'),
      (p) => ((p[0] as Record<string, string>).extraData = '0x01'),
      (p) => ((p[0] as Record<string, string>).prevRandao = '0x' + '22'.repeat(32)),
      (p) => {
        const txs = (p[0] as { transactions: string[] }).transactions;
        txs[0] = txs[0].slice(0, -2) + (txs[0].endsWith('00') ? '01' : '00');
      },
      (p) => (p[0] as { withdrawals: unknown[] }).withdrawals.push({ index: '0x0', validatorIndex: '0x1', address: '0x' + '33'.repeat(20), amount: '0x5' }),
      (p) => (p[2] = '0x' + '44'.repeat(32)),
      (p) => (p[3] = ['0x01' + '55'.repeat(76)]),
    ];
    for (const t of tamper) {
      const p = clone(base);
      t(p);
      const req = parseNewPayloadParams(4, p);
      expect(checkPayloadConsistency(req)).toMatch(/does not match/);
    }
  });

  it('rejects versioned hashes that no blob transaction carries', () => {
    const p = clone(payloads[0]);
    p[1] = ['0x01' + '66'.repeat(31)];
    expect(checkPayloadConsistency(parseNewPayloadParams(4, p))).toMatch(/versioned hashes/);
  });

  it('binds every NewPayloadRequest field into the request root', () => {
    const base = parseNewPayloadParams(4, payloads[0]);
    const root = hexlify(newPayloadRequestRoot(base));
    const variants: unknown[][] = [clone(payloads[0]), clone(payloads[0]), clone(payloads[0])];
    variants[0][1] = ['0x01' + '66'.repeat(31)];
    variants[1][2] = '0x' + '77'.repeat(32);
    // A withdrawal request (type 1): 20-byte address, 48-byte pubkey, 8-byte amount.
    variants[2][3] = ['0x01' + '88'.repeat(76)];
    for (const v of variants) expect(hexlify(newPayloadRequestRoot(parseNewPayloadParams(4, v)))).not.toBe(root);
  });

  it('refuses malformed params with a named field', () => {
    const bad: [number, unknown, RegExp][] = [
      [4, 'x', /params/],
      [4, [{}], /takes 4 parameters/],
      [5, clone(payloads[0]), /not supported/],
      [4, [{ ...(clone(payloads[0])[0] as object), blockHash: '0x12' }, [], '0x' + '00'.repeat(32), []], /blockHash: expected 32 bytes/],
      [4, [{ ...(clone(payloads[0])[0] as object), gasUsed: '0x01' }, [], '0x' + '00'.repeat(32), []], /gasUsed/],
      [4, [clone(payloads[0])[0], [], '0x' + '00'.repeat(32), ['0x00']], /empty requests/],
      [4, [clone(payloads[0])[0], [], '0x' + '00'.repeat(32), ['0x02aa', '0x01bb']], /ascending/],
    ];
    for (const [v, params, msg] of bad) expect(() => parseNewPayloadParams(v, params)).toThrow(msg);
    expect(() => parseNewPayloadParams(4, 'x')).toThrow(PayloadError);
    // Request lists that are not valid SSZ are caught when the root is computed.
    const req = parseNewPayloadParams(4, [clone(payloads[0])[0], [], '0x' + '00'.repeat(32), ['0x01abcd']]);
    expect(() => newPayloadRequestRoot(req)).toThrow(/not valid SSZ/);
  });

  it('ordered trie root of the empty list and of one item', () => {
    expect(orderedTrieRoot([])).toBe(EMPTY_TRIE_ROOT);
    expect(EMPTY_TRIE_ROOT).toBe('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');
  });
});
