// The HTTP API of a prover node in front of a real execution client: health, status, blocks,
// proofs, Prometheus metrics, the zkboost proof-engine endpoints, and the dashboard in Chromium.
import path from 'node:path';
import { hexlify } from 'ethers';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionClientProcess } from '../../src/devnet/execution-client.js';
import { ConsensusDriver, type BuiltBlock } from '../../src/devnet/driver.js';
import { readJwtSecret } from '../../src/engine/jwt.js';
import type { Sidecar } from '../../src/sidecar/sidecar.js';
import { parseNewPayloadParams } from '../../src/verify/payload.js';
import { NewPayloadRequestElectra, newPayloadRequestElectraValue, newPayloadRequestRoot } from '../../src/verify/request-root.js';
import { sszToEngineParams } from '../../src/verify/request-codec.js';
import { proverConfig, removeTempDirs, startEl, startSidecar, tempDir, waitFor } from './helpers.js';

let el: ExecutionClientProcess;
let node: Sidecar;
let driver: ConsensusDriver;
const blocks: BuiltBlock[] = [];

beforeAll(async () => {
  const dir = tempDir('api');
  el = await startEl(dir);
  node = await startSidecar(proverConfig(el, path.join(dir, 'prover'), { prove: false }));
  driver = new ConsensusDriver(node.engineUrl, readJwtSecret(el.jwtSecretPath), el.rpcUrl);
  for (let i = 0; i < 3; i++) blocks.push(await driver.buildBlock());
  await waitFor('jobs to settle', async () => {
    const jobs = await node.store.recentJobs(10);
    return jobs.length === 3 && jobs.every((j) => j.state !== 'queued' && j.state !== 'running');
  });
});

afterAll(async () => {
  driver?.close();
  await node?.close();
  await el?.stop(500);
});

const get = async (p: string) => {
  const res = await fetch(`${node.apiUrl}${p}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

describe('HTTP API', () => {
  it('serves health, status and recent blocks', async () => {
    expect(JSON.parse((await get('/health')).text)).toEqual({ status: 'ok' });
    const status = JSON.parse((await get('/status')).text);
    expect(status).toMatchObject({ role: 'prover', network: 'devnet', engineUrl: node.engineUrl, queue: { depth: 0, active: 0 } });
    const list = JSON.parse((await get('/v1/blocks?limit=2')).text).blocks;
    expect(list.map((b: { blockNumber: number }) => b.blockNumber)).toEqual([3, 2]);
    expect(list[0].params).toBeUndefined();
    expect((await get('/v1/blocks?limit=0')).status).toBe(400);
    expect((await get('/v1/proofs/0x1234')).status).toBe(400);
    expect((await get(`/v1/proofs/0x${'00'.repeat(32)}`)).status).toBe(404);
  });

  it('exports Prometheus metrics with the oneproof_ prefix', async () => {
    const m = await get('/metrics');
    expect(m.type).toContain('text/plain');
    for (const name of ['oneproof_proofs_generated_total', 'oneproof_proofs_verified_total', 'oneproof_proving_seconds_bucket', 'oneproof_proof_size_bytes_bucket', 'oneproof_queue_depth 0', 'oneproof_witness_failures_total', 'oneproof_proofs_under_10s_ratio', 'oneproof_proofs_under_12s_ratio']) {
      expect(m.text).toContain(name);
    }
    expect(m.text).toMatch(/oneproof_engine_calls_total\{method="engine_newPayloadV4",outcome="ok"\} 3/);
    expect(m.text).toMatch(/oneproof_jobs_total\{state="queued"\} 3/);
  });

  it('offers the zkboost proof-engine endpoints', async () => {
    const types = JSON.parse((await get('/v1/proof_types')).text);
    expect(types.proof_types[0]).toMatchObject({ proof_type: 'oneproof-rv32im', kind: 'native' });
    const req = parseNewPayloadParams(4, blocks[2].newPayloadParams);
    const ssz = NewPayloadRequestElectra.serialize(newPayloadRequestElectraValue(req));
    // SSZ ↔ engine params round trip is exact.
    expect(sszToEngineParams(ssz)).toEqual(JSON.parse(JSON.stringify(blocks[2].newPayloadParams)));
    const post = (q: string, body: Uint8Array) => fetch(`${node.apiUrl}/v1/execution_proof_requests${q}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
    const ok = await post('?proof_types=oneproof-rv32im', ssz);
    expect(await ok.json()).toEqual({ new_payload_request_root: hexlify(newPayloadRequestRoot(req)) });
    expect((await post('?proof_types=reth-sp1', ssz)).status).toBe(400);
    expect((await post('', ssz)).status).toBe(400);
    const bad = await post('?proof_types=oneproof-rv32im', ssz.subarray(0, 100));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/not an SSZ NewPayloadRequest/);
    const root = hexlify(newPayloadRequestRoot(req));
    const missing = await get(`/v1/execution_proofs/${root}/oneproof-rv32im`);
    const job = await node.store.getJob(blocks[2].blockHash);
    if (job?.state !== 'proved') expect(missing.status).toBe(404);
    expect((await get(`/v1/execution_proofs/${root}/reth-sp1`)).status).toBe(404);
  });

  it('streams proof outcomes as server-sent events', async () => {
    const ac = new AbortController();
    const res = await fetch(`${node.apiUrl}/v1/execution_proof_requests`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    // A new block gives a new job, whose outcome is announced.
    blocks.push(await driver.buildBlock());
    let text = '';
    while (!/event: proof_(complete|failure)/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    ac.abort();
    const root = hexlify(newPayloadRequestRoot(parseNewPayloadParams(4, blocks[3].newPayloadParams)));
    expect(text).toContain(root);
  });

  it('renders the dashboard in headless Chromium', async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const page = await browser.newPage();
      await page.goto(node.apiUrl + '/');
      await page.waitForSelector('body[data-loaded="true"]');
      expect(await page.textContent('#role')).toBe('(prover)');
      const rows = await page.$$eval('#blocks tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(rows.length).toBe(blocks.length);
      expect(rows[0][0]).toBe(String(blocks.length));
      for (const r of rows) expect(['proved', 'failed', 'queued', 'running']).toContain(r[2]);
      expect(await page.getAttribute(`#blocks tr[data-hash="${blocks[0].blockHash}"]`, 'data-hash')).toBe(blocks[0].blockHash);
    } finally {
      await browser?.close();
    }
  });
});

afterAll(() => removeTempDirs());
