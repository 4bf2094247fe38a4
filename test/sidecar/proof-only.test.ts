// Proof-only mode (`--role verifier`) with real payloads from a real execution client: SYNCING
// unless a verified proof binds exactly this payload request; never VALID on a proof for another
// block; forkchoice consistent with that; payload building refused.
import path from 'node:path';
import { hexlify } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionClientProcess } from '../../src/devnet/execution-client.js';
import { ConsensusDriver, type BuiltBlock } from '../../src/devnet/driver.js';
import { readJwtSecret, signJwt } from '../../src/engine/jwt.js';
import { ProofOnlyEngine } from '../../src/engine/proof-only.js';
import { silentLogger } from '../../src/log/logger.js';
import { loadNativeZkvm } from '../../src/prover/native-zkvm.js';
import type { Sidecar } from '../../src/sidecar/sidecar.js';
import { SidecarStore } from '../../src/store/store.js';
import { bindProofToPayload, checkPublicValues, claimOf, expectedPublicValues } from '../../src/verify/binding.js';
import { PayloadRegistry } from '../../src/verify/payload-registry.js';
import { parseNewPayloadParams } from '../../src/verify/payload.js';
import { ProofBook } from '../../src/verify/proof-book.js';
import { newPayloadRequestRoot } from '../../src/verify/request-root.js';
import { post, removeTempDirs, startEl, startSidecar, tempDir, verifierConfig } from './helpers.js';

let dir: string;
let el: ExecutionClientProcess;
let driver: ConsensusDriver;
let secret: Buffer;
const blocks: BuiltBlock[] = [];
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

beforeAll(async () => {
  dir = tempDir('proof-only');
  el = await startEl(dir);
  secret = readJwtSecret(el.jwtSecretPath);
  driver = new ConsensusDriver(el.engineUrl, secret, el.rpcUrl);
  for (let i = 0; i < 3; i++) blocks.push(await driver.buildBlock());
});

afterAll(async () => {
  driver?.close();
  await el?.stop(500);
});

const rootOf = (b: BuiltBlock) => hexlify(newPayloadRequestRoot(parseNewPayloadParams(4, b.newPayloadParams)));
const rpc = (method: string, params: unknown[], id = 1) => ({ jsonrpc: '2.0' as const, id, method, params });

describe('payload ↔ proof binding (real payloads)', () => {
  it('binds a claim to its own payload only', () => {
    const [a, b] = [blocks[1], blocks[2]];
    const reqA = parseNewPayloadParams(4, a.newPayloadParams);
    const reqB = parseNewPayloadParams(4, b.newPayloadParams);
    const rootA = hexlify(newPayloadRequestRoot(reqA));
    const rootB = hexlify(newPayloadRequestRoot(reqB));
    const pvA = expectedPublicValues(claimOf(reqA));
    const pvB = expectedPublicValues(claimOf(reqB));
    expect(bindProofToPayload(reqA, { newPayloadRequestRoot: rootA, publicValues: pvA })).toEqual({ ok: true, root: rootA });
    // A proof for block B does not make block A valid, whichever way it is presented.
    expect(bindProofToPayload(reqA, { newPayloadRequestRoot: rootB, publicValues: pvB }).ok).toBe(false);
    expect(bindProofToPayload(reqA, { newPayloadRequestRoot: rootA, publicValues: pvB })).toEqual({ ok: false, reason: expect.stringContaining('proof is for block') });
    expect(bindProofToPayload(reqA, { newPayloadRequestRoot: rootB, publicValues: pvA }).ok).toBe(false);
    // Each committed field matters: parent, state root, success byte, length.
    for (const [offset, why] of [[40, 'another parent'], [70, 'another state root'], [96, 'failed validation']] as const) {
      const pv = pvA.slice();
      pv[offset] ^= 1;
      expect(bindProofToPayload(reqA, { newPayloadRequestRoot: rootA, publicValues: pv })).toEqual({ ok: false, reason: expect.stringContaining(why) });
    }
    expect(checkPublicValues(pvA.subarray(0, 96), claimOf(reqA))).toMatch(/96 bytes/);
    expect(checkPublicValues(new Uint8Array([...pvA, 0]), claimOf(reqA))).toMatch(/98 bytes/);
  });

  it('a proof for the payload does not cover a payload with other beacon-block fields', () => {
    const a = blocks[1];
    const reqA = parseNewPayloadParams(4, a.newPayloadParams);
    const claim = { newPayloadRequestRoot: hexlify(newPayloadRequestRoot(reqA)), publicValues: expectedPublicValues(claimOf(reqA)) };
    const otherRoot = clone(a.newPayloadParams);
    otherRoot[2] = '0x' + 'ab'.repeat(32); // parent beacon block root (also in the block hash)
    const otherRequests = clone(a.newPayloadParams);
    otherRequests[3] = [];
    const otherBlobs = clone(a.newPayloadParams);
    otherBlobs[1] = ['0x01' + 'cd'.repeat(31)];
    for (const p of [otherRoot, otherRequests, otherBlobs]) expect(bindProofToPayload(parseNewPayloadParams(4, p), claim).ok).toBe(false);
  });
});

describe('proof-only engine', () => {
  let store: SidecarStore;
  let book: ProofBook;
  let engine: ProofOnlyEngine;

  beforeAll(async () => {
    store = await SidecarStore.open(path.join(dir, 'unit'));
    book = new ProofBook(store);
    engine = new ProofOnlyEngine(book, new PayloadRegistry(), silentLogger());
  });
  afterAll(async () => store?.close());

  it('answers SYNCING for unproven payloads and VALID only for the proven one', async () => {
    const [a, b] = [blocks[1], blocks[2]];
    const status = async (blk: BuiltBlock) => ((await engine.handle(rpc('engine_newPayloadV4', blk.newPayloadParams))).result as { status: string }).status;
    expect(await status(a)).toBe('SYNCING');
    expect(await status(b)).toBe('SYNCING');
    await book.addVerified(rootOf(b));
    expect(await status(a)).toBe('SYNCING');
    expect(await engine.handle(rpc('engine_newPayloadV4', b.newPayloadParams))).toMatchObject({ result: { status: 'VALID', latestValidHash: b.blockHash, validationError: null } });
    // Same payload body under V3 (no execution requests): another request root, not proven.
    const v3 = await engine.handle(rpc('engine_newPayloadV3', b.newPayloadParams.slice(0, 3)));
    expect((v3.result as { status: string }).status).not.toBe('VALID');
  });

  it('answers INVALID for a payload whose fields do not hash to its block hash', async () => {
    const p = clone(blocks[2].newPayloadParams);
    (p[0] as Record<string, string>).gasUsed = '0x1';
    expect(await engine.handle(rpc('engine_newPayloadV4', p))).toMatchObject({ result: { status: 'INVALID', latestValidHash: null } });
    const malformed = await engine.handle(rpc('engine_newPayloadV4', [{}, [], '0x', []]));
    expect(malformed.error?.code).toBe(-32602);
  });

  it('answers forkchoiceUpdated consistently and builds nothing', async () => {
    const fcu = (head: string, attrs: unknown = null) => engine.handle(rpc('engine_forkchoiceUpdatedV3', [{ headBlockHash: head, safeBlockHash: head, finalizedBlockHash: head }, attrs]));
    expect(await fcu(blocks[1].blockHash)).toMatchObject({ result: { payloadStatus: { status: 'SYNCING', latestValidHash: null }, payloadId: null } });
    expect(await fcu('0x' + '99'.repeat(32))).toMatchObject({ result: { payloadStatus: { status: 'SYNCING' } } });
    expect(await fcu(blocks[2].blockHash)).toMatchObject({ result: { payloadStatus: { status: 'VALID', latestValidHash: blocks[2].blockHash }, payloadId: null } });
    expect((await fcu(blocks[2].blockHash, { timestamp: '0x1' })).error?.code).toBe(-38003);
    expect((await engine.handle(rpc('engine_getPayloadV4', ['0x0000000000000001']))).error).toMatchObject({ code: -38001, message: expect.stringContaining('builds no payloads') });
    expect((await engine.handle(rpc('eth_blockNumber', []))).error?.code).toBe(-32601);
    expect((await engine.handle(rpc('engine_exchangeCapabilities', [[]]))).result).toContain('engine_newPayloadV4');
  });

  it('keeps verdicts across a restart', async () => {
    await store.close();
    store = await SidecarStore.open(path.join(dir, 'unit'));
    const book2 = new ProofBook(store);
    await book2.load();
    expect(book2.isVerified(rootOf(blocks[2]))).toBe(true);
    expect(book2.isVerified(rootOf(blocks[1]))).toBe(false);
    expect(book2.isValidBlock(blocks[2].blockHash)).toBe(true);
  });
});

describe('proof-only node over HTTP', () => {
  let node: Sidecar;
  beforeAll(async () => {
    node = await startSidecar(verifierConfig(el.jwtSecretPath, path.join(dir, 'node')));
  });
  afterAll(async () => node?.close());

  it('answers the beacon node without an execution client', async () => {
    const call = async (body: unknown) => JSON.parse((await post(node.engineUrl, JSON.stringify(body), { authorization: `Bearer ${signJwt(secret)}` })).text);
    expect((await call(rpc('engine_newPayloadV4', blocks[1].newPayloadParams))).result.status).toBe('SYNCING');
    const batch = await call([rpc('engine_getPayloadV4', ['0x01'], 1), rpc('engine_forkchoiceUpdatedV3', [{ headBlockHash: blocks[1].blockHash, safeBlockHash: blocks[1].blockHash, finalizedBlockHash: blocks[1].blockHash }, null], 2)]);
    expect(batch[0].error.code).toBe(-38001);
    expect(batch[1].result.payloadStatus.status).toBe('SYNCING');
  });

  it('rejects a proof it cannot verify and stays SYNCING', async () => {
    const root = rootOf(blocks[1]);
    const res = await fetch(`${node.apiUrl}/v1/execution_proof_verifications?new_payload_request_root=${root}&proof_type=oneproof-rv32im`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from('not a proof'),
    });
    const verdict = (await res.json()) as { status: string; reason?: string };
    expect(verdict.status).toBe('INVALID');
    const native = await loadNativeZkvm();
    if (!native.zkvm?.verify) expect(verdict.reason).toBe('native verifier not built');
    const again = JSON.parse((await post(node.engineUrl, JSON.stringify(rpc('engine_newPayloadV4', blocks[1].newPayloadParams)), { authorization: `Bearer ${signJwt(secret)}` })).text);
    expect(again.result.status).toBe('SYNCING');
    const unseen = await fetch(`${node.apiUrl}/v1/execution_proof_verifications?new_payload_request_root=0x${'ab'.repeat(32)}&proof_type=oneproof-rv32im`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from('x') });
    expect(unseen.status).toBe(400);
    const unknownType = await fetch(`${node.apiUrl}/v1/execution_proof_verifications?new_payload_request_root=${root}&proof_type=reth-sp1`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from('x') });
    expect(unknownType.status).toBe(404);
  });
});

afterAll(() => removeTempDirs());
