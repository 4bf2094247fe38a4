// engine_newPayloadV5 (Amsterdam): block hashes recomputed from real fixture payloads over the
// block access list hash and slot number; every tampered V5 field caught; proof-only mode answers
// SYNCING or INVALID, never VALID; the proxy passes the real execution client's answer to V5
// through unchanged; and a V5 payload an execution client calls VALID becomes a job that fails
// with its reason instead of a proof.
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { keccak256 } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionClientProcess } from '../../src/devnet/execution-client.js';
import {
  AMSTERDAM_UNPROVABLE,
  amsterdamHeaderFields,
  checkAmsterdamConsistency,
  computeAmsterdamBlockHash,
  parseNewPayloadV5Params,
} from '../../src/engine/amsterdam-payload.js';
import { readJwtSecret, signJwt } from '../../src/engine/jwt.js';
import { PROOF_ONLY_CAPABILITIES, ProofOnlyEngine } from '../../src/engine/proof-only.js';
import { silentLogger } from '../../src/log/logger.js';
import type { Sidecar } from '../../src/sidecar/sidecar.js';
import { SidecarStore } from '../../src/store/store.js';
import { computeBlockHash } from '../../src/verify/payload-hash.js';
import { PayloadRegistry } from '../../src/verify/payload-registry.js';
import { PayloadError } from '../../src/verify/payload.js';
import { ProofBook } from '../../src/verify/proof-book.js';
import { amsterdamCases, type AmsterdamCase } from './amsterdam-payloads.js';
import { post, proverConfig, removeTempDirs, startEl, startSidecar, tempDir, waitFor } from './helpers.js';

const cases = amsterdamCases(Number.POSITIVE_INFINITY);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
type Payload = Record<string, unknown>;
const withPayload = (c: AmsterdamCase, change: (p: Payload) => void): unknown[] => {
  const params = clone(c.params);
  change(params[0] as Payload);
  return params;
};

afterAll(() => removeTempDirs());

describe('engine_newPayloadV5 payloads (Amsterdam fixtures)', () => {
  it('has real Amsterdam payloads, their block access lists hashing to the header field', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const c of cases) expect(keccak256((c.params[0] as Payload).blockAccessList as string)).toBe(c.header.blockAccessListHash);
    // Some carry transactions, not only system calls.
    expect(cases.some((c) => ((c.params[0] as Payload).transactions as string[]).length > 0)).toBe(true);
  });

  it('recomputes every block hash over block_access_list_hash and slot_number', () => {
    for (const c of cases) {
      const req = parseNewPayloadV5Params(c.params);
      expect(computeAmsterdamBlockHash(req)).toBe(c.header.hash);
      expect(checkAmsterdamConsistency(req)).toBeNull();
      // The Prague header (no new fields) describes another block: V5 must never be hashed as V4.
      expect(computeBlockHash(req.base)).not.toBe(c.header.hash);
      expect(amsterdamHeaderFields(req)).toHaveLength(23);
    }
  });

  it('catches each tampered field, the two Amsterdam ones included', () => {
    const c = cases.find((x) => ((x.params[0] as Payload).transactions as string[]).length > 0)!;
    const tampered: [string, (p: Payload) => void][] = [
      ['slotNumber', (p) => (p.slotNumber = `0x${(BigInt(p.slotNumber as string) + 1n).toString(16)}`)],
      ['blockAccessList (one byte)', (p) => (p.blockAccessList = (p.blockAccessList as string).slice(0, -2) + ((p.blockAccessList as string).endsWith('00') ? '01' : '00'))],
      ['blockAccessList (emptied)', (p) => (p.blockAccessList = '0xc0')],
      ['stateRoot', (p) => (p.stateRoot = '0x' + '11'.repeat(32))],
      ['transactions', (p) => (p.transactions = [])],
    ];
    for (const [what, change] of tampered) {
      const reason = checkAmsterdamConsistency(parseNewPayloadV5Params(withPayload(c, change)));
      expect(reason, what).toMatch(/does not match the payload fields/);
    }
  });

  it('refuses a block access list that is not an RLP list even when the hash matches it', () => {
    const c = cases[0];
    const params = withPayload(c, (p) => (p.blockAccessList = '0x01'));
    const req = parseNewPayloadV5Params(params);
    (params[0] as Payload).blockHash = computeAmsterdamBlockHash(req);
    expect(checkAmsterdamConsistency(parseNewPayloadV5Params(params))).toBe('blockAccessList is not an RLP list');
  });

  it('rejects malformed V5 params with a clear error', () => {
    const c = cases[0];
    const bad: [unknown, RegExp][] = [
      [withPayload(c, (p) => delete p.blockAccessList), /blockAccessList: missing/],
      [withPayload(c, (p) => (p.blockAccessList = 'c0')), /blockAccessList: expected 0x/],
      [withPayload(c, (p) => delete p.slotNumber), /slotNumber: expected a 0x quantity/],
      [withPayload(c, (p) => (p.slotNumber = '0x01')), /slotNumber: expected a 0x quantity without leading zeros/],
      [withPayload(c, (p) => (p.slotNumber = '0x1' + '0'.repeat(16))), /slotNumber: exceeds 64 bits/],
      [c.params.slice(0, 3), /takes 4 parameters, got 3/],
      ['nope', /params: expected an array/],
    ];
    for (const [params, message] of bad) expect(() => parseNewPayloadV5Params(params)).toThrow(PayloadError), expect(() => parseNewPayloadV5Params(params)).toThrow(message);
  });
});

describe('proof-only mode with V5 payloads', () => {
  let store: SidecarStore;
  let engine: ProofOnlyEngine;
  const rpc = (params: unknown, id = 1) => ({ jsonrpc: '2.0' as const, id, method: 'engine_newPayloadV5', params: params as unknown[] });

  beforeAll(async () => {
    store = await SidecarStore.open(tempDir('amsterdam-proof-only'));
    const book = new ProofBook(store);
    await book.load();
    engine = new ProofOnlyEngine(book, new PayloadRegistry(), silentLogger());
  });
  afterAll(async () => store?.close());

  it('answers SYNCING for a consistent Amsterdam payload: no proof of one can exist yet', async () => {
    for (const c of cases.slice(0, 5)) {
      expect(await engine.handle(rpc(c.params))).toEqual({ jsonrpc: '2.0', id: 1, result: { status: 'SYNCING', latestValidHash: null, validationError: null } });
    }
  });

  it('answers INVALID for a payload whose fields do not hash to its blockHash', async () => {
    const params = withPayload(cases[0], (p) => (p.slotNumber = '0x7'));
    const r = await engine.handle(rpc(params));
    expect(r.result).toMatchObject({ status: 'INVALID', latestValidHash: null, validationError: expect.stringContaining('does not match') });
  });

  it('answers -32602 for a V5 request without a block access list', async () => {
    const r = await engine.handle(rpc(withPayload(cases[0], (p) => delete p.blockAccessList), 7));
    expect(r).toMatchObject({ id: 7, error: { code: -32602, message: expect.stringContaining('blockAccessList: missing') } });
  });

  it('advertises V5 and forkchoiceUpdatedV4, and refuses payload building under V4 attributes', async () => {
    expect(PROOF_ONLY_CAPABILITIES).toEqual(expect.arrayContaining(['engine_newPayloadV5', 'engine_forkchoiceUpdatedV4']));
    const r = await engine.handle({ jsonrpc: '2.0', id: 2, method: 'engine_forkchoiceUpdatedV4', params: [{ headBlockHash: cases[0].header.hash, safeBlockHash: cases[0].header.hash, finalizedBlockHash: cases[0].header.hash }, null] });
    expect(r.result).toMatchObject({ payloadStatus: { status: 'SYNCING' } });
  });
});

describe('engine proxy with V5 requests', () => {
  let dir: string;
  let el: ExecutionClientProcess;
  let secret: Buffer;
  let sidecar: Sidecar;
  const auth = () => ({ authorization: `Bearer ${signJwt(secret)}` });

  beforeAll(async () => {
    dir = tempDir('amsterdam-proxy');
    el = await startEl(dir);
    secret = readJwtSecret(el.jwtSecretPath);
    sidecar = await startSidecar(proverConfig(el, path.join(dir, 'prover')));
  });
  afterAll(async () => {
    await sidecar?.close();
    await el?.stop(500);
  });

  it('passes the real execution client answer to engine_newPayloadV5 through unchanged and makes no job of it', async () => {
    const c = cases[0];
    const body = JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'engine_newPayloadV5', params: c.params });
    const viaProxy = await post(sidecar.engineUrl, body, auth());
    const direct = await post(el.engineUrl, body, auth());
    expect(viaProxy.status).toBe(direct.status);
    expect(viaProxy.text).toBe(direct.text);
    // EthereumJS 0.10.5 predates Amsterdam: whatever it says, it is not VALID, so no job.
    expect(JSON.parse(viaProxy.text).result?.status).not.toBe('VALID');
    await new Promise((r) => setTimeout(r, 300));
    expect(await sidecar.store.getJob(c.header.hash)).toBeUndefined();
  });

  it('turns a V5 payload the execution client calls VALID into a job that fails with its reason', async () => {
    // An Amsterdam execution client stand-in: EthereumJS cannot execute Amsterdam blocks, and
    // only the answer matters here (the proxy forwards and then reads it).
    const amsterdamEl: Server = createServer((req, res) => {
      let text = '';
      req.on('data', (b: Buffer) => (text += b.toString()));
      req.on('end', () => {
        const r = JSON.parse(text) as { id: number; method: string; params: [{ blockHash: string }] };
        const result = r.method === 'engine_newPayloadV5' ? { status: 'VALID', latestValidHash: r.params[0].blockHash, validationError: null } : null;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: r.id, result }));
      });
    });
    await new Promise<void>((r) => amsterdamEl.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(amsterdamEl.address() as { port: number }).port}`;
    const cfg = proverConfig(el, path.join(dir, 'prover-amsterdam'));
    cfg.execution = { urls: [url], rpcUrl: url, timeoutMs: 4000 };
    const node = await startSidecar(cfg);
    try {
      for (const c of cases.slice(0, 2)) {
        const r = await post(node.engineUrl, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'engine_newPayloadV5', params: c.params }), auth());
        expect(JSON.parse(r.text).result.status).toBe('VALID'); // the execution client's answer, unaltered
        const job = await waitFor('V5 job', async () => node.store.getJob(c.header.hash));
        expect(job).toMatchObject({ state: 'failed', method: 'engine_newPayloadV5', attempts: 0, errors: [AMSTERDAM_UNPROVABLE] });
        expect(job.blockNumber).toBe(Number(c.header.number));
        expect(await node.store.getProofByBlockHash(c.header.hash)).toBeUndefined();
      }
      // Sent again, it is not recorded twice.
      await post(node.engineUrl, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'engine_newPayloadV5', params: cases[0].params }), auth());
      await new Promise((r) => setTimeout(r, 200));
      const metrics = await (await fetch(`${node.apiUrl}/metrics`)).text();
      expect(metrics).toMatch(/oneproof_jobs_total\{state="failed"\} 2/);
      // An inconsistent V5 payload that the execution client still called VALID keeps both reasons.
      const bad = withPayload(cases[2], (p) => (p.slotNumber = '0x7'));
      await post(node.engineUrl, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'engine_newPayloadV5', params: bad }), auth());
      const badJob = await waitFor('inconsistent V5 job', async () => node.store.getJob(cases[2].header.hash));
      expect(badJob.errors).toEqual([expect.stringMatching(/^parse: blockHash .* does not match/), AMSTERDAM_UNPROVABLE]);
    } finally {
      await node.close();
      amsterdamEl.close();
    }
  });
});
