// Proof gossip: propagation latency from one publisher to all five loopback nodes (and over a
// single hop between two), on a BLS-signed network, for
//  - 300 KiB and 1 MiB proofs of random (incompressible) bytes checked by a SHA-256 binding
//    stand-in: networking, snappy, SSZ hashing and BLS only;
//  - a real STARK proof (example Fibonacci AIR, default FRI parameters) checked by the native
//    verifier at every node, when the addon is built.
import '../src/util/polyfills.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretKey, type PublicKey } from '@chainsafe/blst';
import { ProofGossipNode } from '../src/p2p/node.js';
import type { ExecutionProof } from '../src/p2p/containers.js';
import { executionProofDomain, staticValidatorSet } from '../src/p2p/signing.js';
import { standaloneForkDigest, toHex } from '../src/p2p/topic.js';
import type { ProofVerifier } from '../src/p2p/verifier.js';
import { loadAddon } from '../src/native/loader.js';
import { starkExampleProve, starkPresets } from '../src/native/stark.js';
import { starkProofVerifier, toExecutionProof } from '../test/p2p/stark-statement.js';
import type { Figure, Suite } from './types.js';

const NODES = 5;
const ROUNDS = 15;
const SIZES = [300 * 1024, 1024 * 1024];

const tag = (root: Uint8Array): Buffer => createHash('sha256').update('bench-proof').update(root).digest();
const verifier: ProofVerifier = {
  async verify(p) {
    return tag(p.publicInput.newPayloadRequestRoot).equals(Buffer.from(p.proofData.subarray(0, 32))) ? true : 'unbound';
  },
};

function proof(size: number): ExecutionProof {
  const root = Uint8Array.from(randomBytes(32));
  const data = Uint8Array.from(randomBytes(size));
  data.set(tag(root), 0);
  return { proofData: data, proofType: 1, publicInput: { newPayloadRequestRoot: root } };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function waitUntil(pred: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Scenario {
  label: string;
  nodes: number;
  verifier: ProofVerifier;
  /** The proof of round r (distinct statement or proof type per round). */
  proofFor(round: number): ExecutionProof;
  params: Record<string, string | number>;
}

/** Starts the nodes, publishes ROUNDS proofs (rotating publishers) and reports latency figures. */
async function measure(scenario: Scenario): Promise<Figure[]> {
  const count = scenario.nodes;
  const keys = Array.from({ length: count }, (_, i) => SecretKey.fromKeygen(createHash('sha256').update(`bench-validator-${i}`).digest()));
  const domain = executionProofDomain(Uint8Array.of(1, 0, 0, 0), new Uint8Array(32));
  const validators = staticValidatorSet(domain, new Map<number, PublicKey>(keys.map((k, i) => [i, k.toPublicKey()])));
  const dirs: string[] = [];
  const nodes: ProofGossipNode[] = [];
  /** "payload root hex:proof type" → per-node arrival time. */
  const arrivals = new Map<string, Map<number, number>>();
  const keyOf = (p: ExecutionProof): string => `${toHex(p.publicInput.newPayloadRequestRoot)}:${p.proofType}`;
  try {
    for (let i = 0; i < count; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'oneproof-p2p-bench-'));
      dirs.push(dir);
      const node = await ProofGossipNode.create({
        listen: ['/ip4/127.0.0.1/tcp/0'],
        bootstrap: nodes.flatMap((n) => n.multiaddrs()),
        dataDir: dir,
        forkDigest: standaloneForkDigest(`bench-${scenario.label}`),
        validators,
        signer: { validatorIndex: i, secretKey: keys[i] },
        verifier: scenario.verifier,
        ipColocationWhitelist: ['127.0.0.1'],
        limits: { inboundConnectionsPerSecond: 1000, autoCatchUpDelayMs: 0 },
      });
      node.on('proof', (e) => {
        const key = keyOf(e.proof.message);
        if (!arrivals.has(key)) arrivals.set(key, new Map());
        arrivals.get(key)!.set(i, performance.now());
      });
      nodes.push(node);
    }
    await waitUntil(() => nodes.every((n) => n.topicPeers().length === count - 1), 30_000);
    const toAll: number[] = [];
    const publishLocal: number[] = [];
    // CPU time of the whole process (all nodes) per proof: unlike latency, other load does not inflate it.
    const cpuBefore = process.cpuUsage();
    for (let r = 0; r < ROUNDS; r++) {
      const p = scenario.proofFor(r);
      const key = keyOf(p);
      const t0 = performance.now();
      await nodes[r % count].publish(p);
      publishLocal.push(performance.now() - t0);
      await waitUntil(() => (arrivals.get(key)?.size ?? 0) === count, 30_000);
      toAll.push(Math.max(...arrivals.get(key)!.values()) - t0);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerProof = (cpu.user + cpu.system) / 1000 / ROUNDS;
    toAll.sort((a, b) => a - b);
    publishLocal.sort((a, b) => a - b);
    const params = { ...scenario.params, nodes: count, rounds: ROUNDS, transport: 'tcp loopback, noise, yamux', signed: 'bls' };
    return [
      // The minimum is the least disturbed by other load on a shared machine.
      { name: `p2p_${scenario.label}_to_all_nodes_min`, value: round(toAll[0]), unit: 'ms', params },
      { name: `p2p_${scenario.label}_to_all_nodes_median`, value: round(percentile(toAll, 0.5)), unit: 'ms', params },
      { name: `p2p_${scenario.label}_to_all_nodes_p90`, value: round(percentile(toAll, 0.9)), unit: 'ms', params },
      { name: `p2p_${scenario.label}_to_all_nodes_max`, value: round(toAll[toAll.length - 1]), unit: 'ms', params },
      { name: `p2p_${scenario.label}_publish_local_median`, value: round(percentile(publishLocal, 0.5)), unit: 'ms', params },
      { name: `p2p_${scenario.label}_cpu_per_proof_all_nodes`, value: round(cpuMsPerProof), unit: 'ms', params },
    ];
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

function hasStark(): boolean {
  try {
    return typeof loadAddon<Record<string, unknown>>().starkVerify === 'function';
  } catch {
    return false;
  }
}

const suite: Suite = {
  name: 'p2p',
  async run(): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const size of SIZES) {
      // One hop (publisher -> one peer) separates per-hop cost from the five-node fan-out.
      figures.push(
        ...(await measure({
          label: `single_hop_${size >> 10}kib`,
          nodes: 2,
          verifier,
          proofFor: () => proof(size),
          params: { proof_bytes: size, proof_check: 'sha256 stand-in (no STARK)' },
        })),
      );
      figures.push(
        ...(await measure({
          label: `propagation_${size >> 10}kib`,
          nodes: NODES,
          verifier,
          proofFor: () => proof(size),
          params: { proof_bytes: size, proof_check: 'sha256 stand-in (no STARK)' },
        })),
      );
    }
    if (hasStark()) {
      const ex = starkExampleProve('fibonacci', 10, starkPresets().default);
      const base = toExecutionProof(ex.vk, ex);
      figures.push(
        ...(await measure({
          label: 'propagation_real_stark',
          nodes: NODES,
          verifier: starkProofVerifier(ex.vk),
          // One statement; each round a fresh proof type, so no round is shadowed by the last.
          proofFor: (r) => ({ ...base, proofType: r + 1 }),
          params: { proof_bytes: base.proofData.length, proof_check: 'native STARK verify (fibonacci 2^10, default FRI params)' },
        })),
      );
    }
    return figures;
  },
};

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

export default suite;
