// Sidecar figures with a real EthereumJS execution client on loopback: the engine proxy's added
// latency (median over repeated calls, proxy vs direct), the time to check a payload (block hash
// + request root), the preflight witness per block (time, node count, bytes) and, when the addon's
// zkvmRun and the validator ELF are built, the guest's cycles per block over those witnesses.
import '../src/util/polyfills.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { encodeRlp, getBytes, toBeHex } from 'ethers';
import { SYSTEM_CONTRACT_ADDRESSES } from '../src/devnet/genesis.js';
import { loadAddon, projectRoot } from '../src/native/index.js';
import { blockRlpHex } from '../src/prover/block-input.js';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/config/defaults.js';
import { ConsensusDriver, type BuiltBlock } from '../src/devnet/driver.js';
import { startExecutionClient } from '../src/devnet/execution-client.js';
import { readJwtSecret, signJwt } from '../src/engine/jwt.js';
import { silentLogger } from '../src/log/logger.js';
import { Sidecar } from '../src/sidecar/sidecar.js';
import { checkPayloadConsistency } from '../src/verify/payload-hash.js';
import { parseNewPayloadParams } from '../src/verify/payload.js';
import { newPayloadRequestRoot } from '../src/verify/request-root.js';
import { PreflightWitnessBuilder } from '../src/witness/preflight.js';
import type { Figure, Suite } from './types.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeCalls(url: string, secret: Buffer, body: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${signJwt(secret)}` }, body });
    await res.arrayBuffer();
    out.push(performance.now() - t);
  }
  return out;
}

const suite: Suite = {
  name: 'sidecar',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'oneproof-bench-'));
    const el = await startExecutionClient(path.join(dir, 'el'));
    const cfg = defaultConfig();
    Object.assign(cfg, { dataDir: path.join(dir, 'prover'), jwtSecret: el.jwtSecretPath, logLevel: 'silent' });
    cfg.execution = { urls: [el.engineUrl], rpcUrl: el.rpcUrl, timeoutMs: 8000 };
    cfg.engine.port = 0;
    cfg.api.port = 0;
    const node = await Sidecar.start(cfg, silentLogger());
    const secret = readJwtSecret(el.jwtSecretPath);
    const driver = new ConsensusDriver(node.engineUrl, secret, el.rpcUrl);
    const figures: Figure[] = [];
    try {
      const blocks: BuiltBlock[] = [];
      for (let i = 0; i < 6; i++) blocks.push(await driver.buildBlock());
      const n = 50;
      const calls: [string, string][] = [
        ['eth_chainId', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] })],
        ['engine_newPayloadV4', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'engine_newPayloadV4', params: blocks.at(-1)!.newPayloadParams })],
      ];
      for (const [name, body] of calls) {
        const direct = median(await timeCalls(el.engineUrl, secret, body, n));
        const proxied = median(await timeCalls(node.engineUrl, secret, body, n));
        figures.push({ name: `engine_proxy_${name}_direct_ms`, value: direct, unit: 'ms', params: { calls: n, statistic: 'median' } });
        figures.push({ name: `engine_proxy_${name}_proxied_ms`, value: proxied, unit: 'ms', params: { calls: n, statistic: 'median' } });
        figures.push({ name: `engine_proxy_${name}_added_ms`, value: proxied - direct, unit: 'ms', params: { calls: n, statistic: 'median' } });
      }
      const reps = 200;
      const t = performance.now();
      for (let i = 0; i < reps; i++) {
        const req = parseNewPayloadParams(4, blocks[i % blocks.length].newPayloadParams);
        checkPayloadConsistency(req);
        newPayloadRequestRoot(req);
      }
      figures.push({ name: 'payload_check_ms', value: (performance.now() - t) / reps, unit: 'ms', params: { what: 'parse + block hash + request root', txsPerBlock: 3 } });
      const builder = new PreflightWitnessBuilder(el.rpcUrl);
      try {
        const ms: number[] = [];
        let nodes = 0;
        let bytes = 0;
        for (const b of blocks.slice(1)) {
          const t0 = performance.now();
          const w = await builder.build(b.blockHash);
          ms.push(performance.now() - t0);
          nodes += w.state.length;
          bytes += [...w.state, ...w.codes, ...w.headers].reduce((s, x) => s + (x.length - 2) / 2, 0);
        }
        const k = blocks.length - 1;
        figures.push({ name: 'preflight_witness_ms', value: median(ms), unit: 'ms', params: { blocks: k, statistic: 'median', txsPerBlock: 3, client: 'ethereumjs 0.10.5' } });
        figures.push({ name: 'preflight_witness_state_nodes', value: nodes / k, unit: 'nodes', params: { blocks: k, statistic: 'mean' } });
        figures.push({ name: 'preflight_witness_bytes', value: bytes / k, unit: 'bytes', params: { blocks: k, statistic: 'mean' } });
        // The validator guest over these witnesses in the zkVM emulator (when built): cycles per block.
        const addon = (() => {
          try {
            return loadAddon<{ zkvmRun?: (elf: Uint8Array, input: Uint8Array) => { cycles: number; exitCode: number } }>();
          } catch {
            return {};
          }
        })();
        const elfPath = process.env.ONEPROOF_VALIDATOR_ELF ?? path.join(projectRoot, 'build', 'guest', 'validator.elf');
        if (addon.zkvmRun && existsSync(elfPath)) {
          const elf = readFileSync(elfPath);
          const cycles: number[] = [];
          const runMs: number[] = [];
          for (const b of blocks.slice(1)) {
            const w = await builder.build(b.blockHash);
            const chain = [toBeHex(1337), SYSTEM_CONTRACT_ADDRESSES.depositContract, [['0x01', '0x', toBeHex(6), toBeHex(9), toBeHex(5007716)]]];
            const input = getBytes(encodeRlp([toBeHex(1), chain, blockRlpHex(parseNewPayloadParams(4, b.newPayloadParams)), w.headers, w.state, w.codes]));
            const t0 = performance.now();
            const r = addon.zkvmRun(elf, input);
            runMs.push(performance.now() - t0);
            if (r.exitCode !== 0) throw new Error(`validator guest rejected block ${b.number}`);
            cycles.push(r.cycles);
          }
          figures.push({ name: 'validator_guest_cycles_per_block', value: median(cycles), unit: 'cycles', params: { blocks: k, statistic: 'median', txsPerBlock: 3, fork: 'Prague' } });
          figures.push({ name: 'validator_guest_emulation_ms', value: median(runMs), unit: 'ms', params: { blocks: k, statistic: 'median', what: 'zkvmRun, no proving' } });
        }
      } finally {
        builder.destroy();
      }
    } finally {
      driver.close();
      await node.close();
      await el.stop(500);
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
export default suite;
