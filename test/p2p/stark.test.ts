// Real STARK proofs over gossip: an example AIR is proven natively, gossiped, and every receiver
// runs the native verifier (`starkVerify`) before accepting or forwarding; forged proofs (bytes
// flipped) are rejected by that verifier, and their sender is penalised.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibp2p } from 'libp2p';
import { tcp } from '@libp2p/tcp';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify } from '@libp2p/identify';
import { bootstrap } from '@libp2p/bootstrap';
import { gossipsub } from '@libp2p/gossipsub';
import { loadAddon, projectRoot } from '../../src/native/loader.js';
import { starkExampleProve, starkPresets } from '../../src/native/stark.js';
import { ProofGossipNode, type VerdictEvent } from '../../src/p2p/node.js';
import { SignedExecutionProof } from '../../src/p2p/containers.js';
import { compressRaw } from '../../src/p2p/snappy.js';
import { standaloneForkDigest } from '../../src/p2p/topic.js';
import { StarkEnvelope, starkProofVerifier, toExecutionProof } from './stark-statement.js';
import { removeTempDirs, tempDir, waitUntil } from './helpers.js';

// Runs wherever the native addon is built (always in `npm test`, which builds it first).
const addonPath = process.env.ONEPROOF_ADDON ?? join(projectRoot, 'build', 'native', 'Release', 'oneproof.node');
const haveStark = existsSync(addonPath) && typeof loadAddon<Record<string, unknown>>().starkVerify === 'function';

describe.skipIf(!haveStark)('real STARK proofs over gossip', () => {
  const forkDigest = standaloneForkDigest('p2p-stark-test');
  let vk: Uint8Array;
  let proven: ReturnType<typeof starkExampleProve>;
  const nodes: ProofGossipNode[] = [];
  const verdicts: VerdictEvent[][] = [];

  beforeAll(async () => {
    proven = starkExampleProve('fibonacci', 10, starkPresets().default);
    vk = proven.vk;
    for (let i = 0; i < 3; i++) {
      const node = await ProofGossipNode.create({
        listen: ['/ip4/127.0.0.1/tcp/0'],
        bootstrap: nodes.flatMap((n) => n.multiaddrs()),
        dataDir: tempDir(`stark${i}`),
        forkDigest,
        verifier: starkProofVerifier(vk),
        ipColocationWhitelist: ['127.0.0.1'],
        limits: { inboundConnectionsPerSecond: 1000, autoCatchUpDelayMs: 0 },
      });
      const mine: VerdictEvent[] = [];
      node.on('verdict', (v) => mine.push(v));
      verdicts.push(mine);
      nodes.push(node);
    }
    await waitUntil(() => nodes.every((n) => n.topicPeers().length === 2), 'three nodes on the topic');
  });

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    removeTempDirs();
  });

  it('the native verifier rejects the example proof with any of several bytes flipped', async () => {
    const verifier = starkProofVerifier(vk);
    const good = toExecutionProof(vk, proven);
    expect(await verifier.verify(good)).toBe(true);
    for (const at of [0.1, 0.3, 0.5, 0.7, 0.95]) {
      const forged = proven.proof.slice();
      forged[Math.floor(at * forged.length)] ^= 0x01;
      expect(await verifier.verify(toExecutionProof(vk, { ...proven, proof: forged }))).not.toBe(true);
    }
    // Claiming a different result (public value) for the same proof is rejected too.
    const lie = proven.publicValues.map((t) => [...t]);
    lie[0][lie[0].length - 1] = (lie[0][lie[0].length - 1] + 1) % 2130706433;
    expect(await verifier.verify(toExecutionProof(vk, { ...proven, publicValues: lie }))).not.toBe(true);
  });

  it('a real proof published on one node is verified by the native verifier on every other node', async () => {
    const received = nodes.slice(1).map((n) => new Promise<SignedExecutionProof>((resolve) => n.once('proof', (e) => resolve(e.proof))));
    const result = await nodes[0].publish(toExecutionProof(vk, proven));
    expect(result.published).toBe(true);
    for (const p of await Promise.all(received)) expect(StarkEnvelope.deserialize(p.message.proofData).proof).toEqual(proven.proof);
  });

  it('a forged real proof is refused locally, and a peer gossiping one is rejected and penalised', async () => {
    const forged = proven.proof.slice();
    forged[Math.floor(forged.length / 2)] ^= 0x80;
    // Proof type 2 has no valid proof yet, so forgeries of it reach the STARK verifier (a type-1
    // forgery is merely ignored: a valid type-1 proof for this statement is already known).
    const forgedProof = { ...toExecutionProof(vk, { ...proven, proof: forged }), proofType: 2 };
    expect(await nodes[0].publish({ ...forgedProof, proofType: 1 })).toMatchObject({ published: false });
    await expect(nodes[0].publish(forgedProof)).rejects.toThrow(/STARK/);

    const attacker = await createLibp2p({
      addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      peerDiscovery: [bootstrap({ list: nodes[1].multiaddrs(), timeout: 10 })],
      services: { identify: identify(), pubsub: gossipsub({ globalSignaturePolicy: 'StrictNoSign', allowPublishToZeroTopicPeers: true }) },
    });
    try {
      attacker.addEventListener('peer:discovery', (e) => void attacker.dial(e.detail.id).catch(() => undefined));
      attacker.services.pubsub.subscribe(nodes[1].topic);
      await waitUntil(() => attacker.services.pubsub.getSubscribers(nodes[1].topic).some((p) => p.toString() === nodes[1].peerId), 'attacker joins the topic');
      const bytes = SignedExecutionProof.serialize({ message: forgedProof, validatorIndex: 0, signature: new Uint8Array(96) });
      await attacker.services.pubsub.publish(nodes[1].topic, compressRaw(bytes));
      const attackerId = attacker.peerId.toString();
      await waitUntil(() => verdicts[1].some((v) => v.from === attackerId), 'node 1 judges the forged proof');
      const v = verdicts[1].find((x) => x.from === attackerId)!;
      expect(v.action).toBe('reject');
      expect(v.reason).toMatch(/verification failed/);
      await waitUntil(() => nodes[1].score(attackerId) < 0, 'node 1 penalises the attacker');
      expect(verdicts[0].some((x) => x.action === 'reject') || verdicts[2].some((x) => x.action === 'reject')).toBe(false);
    } finally {
      await attacker.stop();
    }
  });
});
