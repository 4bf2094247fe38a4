// The execution client's own witness endpoint: probed once, used when present (here a JSON-RPC
// endpoint serving the real Hoodi block 1,151,683 witness as geth recorded it), skipped for good
// when the client answers "method not found", and refused when malformed.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures.js';
import { ElWitnessSource, type RpcCaller } from '../../src/witness/el-witness.js';

const WITNESS = JSON.parse(readFileSync(fixture('blocks', 'hoodi-1151683_go-ethereum-keeper', 'standard', 'witness.json'), 'utf8')) as { state: string[] };
const HASH = '0x' + 'aa'.repeat(32);

type Handler = (method: string, params: unknown[]) => { result?: unknown; error?: { code: number; message: string } };

let server: Server | undefined;
afterEach(() => server?.close());

/** A JSON-RPC endpoint over HTTP and a caller for it that keeps the error code, as the provider's does. */
async function endpoint(handler: Handler): Promise<{ rpc: RpcCaller; calls: string[] }> {
  const calls: string[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const r = JSON.parse(body) as { id: number; method: string; params: unknown[] };
      calls.push(r.method);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ jsonrpc: '2.0', id: r.id, ...handler(r.method, r.params) }));
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server!.address() as { port: number }).port}`;
  const rpc: RpcCaller = {
    async call<T>(method: string, params: unknown[]): Promise<T> {
      const res = (await (await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })).json()) as { result?: T; error?: { code: number; message: string } };
      if (res.error) throw Object.assign(new Error(res.error.message), { code: res.error.code });
      return res.result as T;
    },
  };
  return { rpc, calls };
}

const notFound = { error: { code: -32601, message: 'Method not found' } };

describe('execution client witness', () => {
  it('uses debug_executionWitnessByBlockHash when offered', async () => {
    const { rpc, calls } = await endpoint((m, p) => (m === 'debug_executionWitnessByBlockHash' && p[0] === HASH ? { result: WITNESS } : notFound));
    const src = new ElWitnessSource(rpc);
    expect(await src.available(HASH, 1151683)).toBe(true);
    const w = await src.fetch(HASH, 1151683);
    expect(w.state.length).toBe(WITNESS.state.length);
    expect(calls).toEqual(['debug_executionWitnessByBlockHash', 'debug_executionWitnessByBlockHash']);
  });

  it('falls back to debug_executionWitness by number', async () => {
    const { rpc } = await endpoint((m, p) => (m === 'debug_executionWitness' && p[0] === '0x1192c3' ? { result: WITNESS } : notFound));
    const src = new ElWitnessSource(rpc);
    expect(await src.available(HASH, 1151683)).toBe(true);
    expect((await src.fetch(HASH, 1151683)).headers.length).toBe(1);
  });

  it('probes once and stops asking a client without either method', async () => {
    const { rpc, calls } = await endpoint(() => notFound);
    const src = new ElWitnessSource(rpc);
    expect(await src.available(HASH, 1)).toBe(false);
    expect(await src.available(HASH, 2)).toBe(false);
    expect(calls).toEqual(['debug_executionWitnessByBlockHash', 'debug_executionWitness']);
    await expect(src.fetch(HASH, 1)).rejects.toThrow(/serves no execution witness/);
  });

  it('refuses malformed witnesses', async () => {
    for (const bad of [null, { state: ['0x1'], codes: [], headers: [] }, { state: [], codes: 'x', headers: [] }, { state: [], codes: [] }]) {
      const { rpc } = await endpoint((m) => (m === 'debug_executionWitnessByBlockHash' ? { result: bad } : notFound));
      const src = new ElWitnessSource(rpc);
      expect(await src.available(HASH, 1)).toBe(true);
      await expect(src.fetch(HASH, 1)).rejects.toThrow(/malformed witness/);
      server!.close();
      server = undefined;
    }
  });
});
