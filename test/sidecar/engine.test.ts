// The engine proxy against a real EthereumJS execution client: blocks built through it by the
// scripted consensus driver, answers passed through byte for byte, JWT checks, malformed input,
// an unreachable client, proving jobs with witnesses, and persistence across a restart.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { getBytes, hexlify, keccak256 } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionClientProcess } from '../../src/devnet/execution-client.js';
import { ConsensusDriver, type BuiltBlock } from '../../src/devnet/driver.js';
import { readJwtSecret, signJwt } from '../../src/engine/jwt.js';
import { EngineProxy } from '../../src/engine/proxy.js';
import { ExecutionClient } from '../../src/engine/upstream.js';
import { silentLogger } from '../../src/log/logger.js';
import { loadNativeZkvm } from '../../src/prover/native-zkvm.js';
import type { Sidecar } from '../../src/sidecar/sidecar.js';
import { SidecarStore } from '../../src/store/store.js';
import { computeBlockHash } from '../../src/verify/payload-hash.js';
import { parseNewPayloadParams } from '../../src/verify/payload.js';
import { PreflightWitnessBuilder } from '../../src/witness/preflight.js';
import { post, proverConfig, removeTempDirs, startEl, startSidecar, tempDir, waitFor } from './helpers.js';

let dir: string;
let el: ExecutionClientProcess;
let sidecar: Sidecar;
let driver: ConsensusDriver;
let secret: Buffer;
const blocks: BuiltBlock[] = [];
const auth = () => ({ authorization: `Bearer ${signJwt(secret)}` });

beforeAll(async () => {
  dir = tempDir('engine');
  el = await startEl(dir);
  secret = readJwtSecret(el.jwtSecretPath);
  const cfg = proverConfig(el, path.join(dir, 'prover'), { prove: false });
  cfg.engine.maxBodyBytes = 1_000_000;
  sidecar = await startSidecar(cfg);
  driver = new ConsensusDriver(sidecar.engineUrl, secret, el.rpcUrl);
  for (let i = 0; i < 3; i++) blocks.push(await driver.buildBlock());
});

afterAll(async () => {
  driver?.close();
  await sidecar?.close();
  await el?.stop(500);
});

describe('engine proxy with a real execution client', () => {
  it('builds blocks through the proxy with real transactions', () => {
    expect(blocks.map((b) => b.number)).toEqual([1, 2, 3]);
    for (const b of blocks) {
      expect(b.newPayloadStatus).toBe('VALID');
      expect((b.payload.transactions as string[]).length).toBe(b.transactions);
      expect(b.calls.map((c) => c.method)).toEqual(['engine_forkchoiceUpdatedV3', 'engine_getPayloadV4', 'engine_newPayloadV4', 'engine_forkchoiceUpdatedV3']);
    }
    // Withdrawal requests made it into the blocks as execution requests (from block 2 on: the
    // EIP-7002 contract's fee inhibitor is cleared at the end of the first block).
    for (const b of blocks.slice(1)) expect((b.newPayloadParams[3] as string[])[0]).toMatch(/^0x01/);
  });

  it('passes the execution client answers through byte for byte, batches too', async () => {
    const bodies = [
      JSON.stringify({ jsonrpc: '2.0', id: 42, method: 'engine_newPayloadV4', params: blocks[1].newPayloadParams }),
      JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] },
        { jsonrpc: '2.0', id: 'two', method: 'engine_exchangeCapabilities', params: [['engine_newPayloadV4']] },
        { jsonrpc: '2.0', id: 3, method: 'eth_getBlockByNumber', params: ['0x2', false] },
        { jsonrpc: '2.0', id: 4, method: 'no_such_method', params: [] },
      ]),
    ];
    for (const body of bodies) {
      const viaProxy = await post(sidecar.engineUrl, body, auth());
      const direct = await post(el.engineUrl, body, auth());
      expect(viaProxy.status).toBe(direct.status);
      expect(viaProxy.text).toBe(direct.text);
    }
  });

  it('checks the beacon node JWT: wrong key, stale iat, alg none, RS256, missing', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] });
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const hs = (header: object, payload: object) => {
      const h = b64(header);
      const p = b64(payload);
      return `${h}.${p}.${createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
    };
    const bad: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${signJwt(Buffer.alloc(32, 1))}` },
      { authorization: `Bearer ${signJwt(secret, now - 120)}` },
      { authorization: `Bearer ${b64({ alg: 'none' })}.${b64({ iat: now })}.` },
      { authorization: `Bearer ${hs({ alg: 'RS256' }, { iat: now })}` },
    ];
    for (const headers of bad) {
      const r = await post(sidecar.engineUrl, body, headers);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.text).error.message).toMatch(/^unauthorized: /);
    }
    expect((await post(sidecar.engineUrl, body, { authorization: `Bearer ${hs({ alg: 'HS256' }, { iat: now, clv: 'test' })}` })).status).toBe(200);
  });

  it('answers malformed requests with JSON-RPC errors and keeps serving', async () => {
    const cases: [string | Buffer, number, number][] = [
      ['{not json', 400, -32700],
      ['{"foo": 1}', 400, -32600],
      ['[]', 400, -32600],
      ['[{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}, 5]', 400, -32600],
      [Buffer.alloc(1_500_000, 0x20), 413, -38004],
    ];
    for (const [body, status, code] of cases) {
      const r = await post(sidecar.engineUrl, body, auth());
      expect(r.status).toBe(status);
      expect(JSON.parse(r.text).error.code).toBe(code);
    }
    const ok = await post(sidecar.engineUrl, JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'eth_chainId', params: [] }), auth());
    expect(JSON.parse(ok.text).result).toBe('0x539');
  });

  it('reports an unreachable or crashing execution client with 502 and keeps serving', async () => {
    const crashing = createServer((req) => req.socket.destroy());
    await new Promise<void>((r) => crashing.listen(0, '127.0.0.1', () => r()));
    const crashPort = (crashing.address() as { port: number }).port;
    for (const url of ['http://127.0.0.1:1', `http://127.0.0.1:${crashPort}`]) {
      const proxy = new EngineProxy({ host: '127.0.0.1', port: 0, jwtSecret: secret, maxBodyBytes: 1 << 20, backend: { kind: 'forward', el: new ExecutionClient(url, secret, 2000) }, log: silentLogger() });
      const { url: proxyUrl } = await proxy.listen();
      for (let i = 0; i < 2; i++) {
        const r = await post(proxyUrl, JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'eth_chainId', params: [] }), auth());
        expect(r.status).toBe(502);
        expect(JSON.parse(r.text)).toMatchObject({ id: 5, error: { code: -32000, message: expect.stringContaining('unreachable') } });
      }
      await proxy.close();
    }
    crashing.close();
  });

  it('turns each VALID payload into a proving job and fetches its witness', async () => {
    const native = await loadNativeZkvm();
    for (const b of blocks) {
      const job = await waitFor(`job for block ${b.number}`, async () => {
        const j = await sidecar.store.getJob(b.blockHash);
        return j && j.state !== 'queued' && j.state !== 'running' ? j : undefined;
      });
      expect(job.blockNumber).toBe(b.number);
      expect(job.witnessSource).toBe('preflight');
      expect(job.timings.witnessMs).toBeGreaterThan(0);
      if (!native.zkvm?.prove) {
        // Never a fabricated proof: the job fails and says why.
        expect(job.state).toBe('failed');
        expect(job.errors.at(-1)).toBe('prove: native prover not built');
        const res = await fetch(`${sidecar.apiUrl}/v1/proofs/${b.blockHash}`);
        expect(res.status).toBe(404);
        expect(((await res.json()) as { message: string }).message).toContain('native prover not built');
      } else {
        // No guest ELF (proverConfig prove: false): refused at once, with the reason, not retried.
        expect(job.state).toBe('failed');
        expect(job.errors).toEqual([expect.stringMatching(/^prove: validator guest ELF not found at /)]);
      }
    }
  });

  it('creates no job for a payload the execution client rejects', async () => {
    // A wrong state root under a correctly recomputed block hash: only execution can tell.
    const params = JSON.parse(JSON.stringify(blocks[2].newPayloadParams));
    params[0].stateRoot = '0x' + '12'.repeat(32);
    params[0].blockHash = computeBlockHash(parseNewPayloadParams(4, params));
    const r = await post(sidecar.engineUrl, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'engine_newPayloadV4', params }), auth());
    const status = JSON.parse(r.text).result;
    expect(status).toMatchObject({ status: 'INVALID', validationError: expect.stringMatching(/stateroot/i) });
    await new Promise((res) => setTimeout(res, 300));
    expect(await sidecar.store.getJob(params[0].blockHash)).toBeUndefined();
  });

  it('builds a witness that reaches the parent state root and carries the touched code', async () => {
    const builder = new PreflightWitnessBuilder(el.rpcUrl);
    try {
      const b = blocks[1]; // calls the counter contract deployed in block 1
      const w = await builder.build(b.blockHash);
      const parent = (await builder.provider.send('eth_getBlockByHash', [b.payload.parentHash, false])) as { stateRoot: string };
      const nodeHashes = new Set(w.state.map((n) => keccak256(n)));
      expect(nodeHashes.has(parent.stateRoot)).toBe(true);
      expect(keccak256(w.headers.at(-1)!)).toBe(b.payload.parentHash);
      expect(w.codes).toContain('0x5f355f5560015460010160015500');
      // Sorted and free of duplicates, like debug_executionWitness.
      expect([...w.state].sort()).toEqual(w.state);
      expect(new Set(w.state).size).toBe(w.state.length);
      await expect(builder.build('0x' + '00'.repeat(32))).rejects.toThrow(/does not know block/);
    } finally {
      builder.destroy();
    }
  });

  it('keeps jobs and resumes unfinished ones after a restart', async () => {
    const cfg = sidecar.config;
    const before = await sidecar.store.recentJobs(10);
    expect(before.length).toBe(3);
    await sidecar.close();
    // Put back one job as an interrupted run would leave it.
    const store = await SidecarStore.open(cfg.dataDir);
    const job = (await store.getJob(blocks[2].blockHash))!;
    await store.putJob({ ...job, state: 'running', attempts: 0, errors: [], timings: {}, witnessSource: undefined, receivedAt: Date.now(), deadlineAt: Date.now() + 60_000 });
    await store.close();
    sidecar = await startSidecar(cfg);
    const after = await sidecar.store.recentJobs(10);
    expect(after.map((j) => j.blockHash)).toEqual(before.map((j) => j.blockHash));
    const resumed = await waitFor('resumed job', async () => {
      const j = await sidecar.store.getJob(blocks[2].blockHash);
      return j && j.state !== 'queued' && j.state !== 'running' && j.attempts > 0 ? j : undefined;
    });
    expect(resumed.witnessSource).toBe('preflight');
    expect(hexlify(getBytes(resumed.newPayloadRequestRoot))).toBe(job.newPayloadRequestRoot);
  });
});

afterAll(() => removeTempDirs());
