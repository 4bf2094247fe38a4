// Real STARK proofs over gossip: an example AIR is proven natively, gossiped, and every receiver
// runs the native verifier (`starkVerify`) before accepting or forwarding; forged proofs (bytes
// flipped) are rejected by that verifier, and their sender is penalised.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteListType, ContainerType, ListBasicType, ListCompositeType, UintNumberType } from '@chainsafe/ssz';
import { createLibp2p } from 'libp2p';
import { tcp } from '@libp2p/tcp';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify } from '@libp2p/identify';
import { bootstrap } from '@libp2p/bootstrap';
import { gossipsub } from '@libp2p/gossipsub';
import { projectRoot } from '../../src/native/loader.js';
import { starkExampleProve, starkPresets, starkVerify, type ExampleProof } from '../../src/native/stark.js';
import { ProofGossipNode, type VerdictEvent } from '../../src/p2p/node.js';
import { SignedExecutionProof, type ExecutionProof } from '../../src/p2p/containers.js';
import { MAX_PROOF_SIZE } from '../../src/p2p/constants.js';
import { compressRaw } from '../../src/p2p/snappy.js';
import { standaloneForkDigest, toHex } from '../../src/p2p/topic.js';
import type { ProofVerifier } from '../../src/p2p/verifier.js';
import { removeTempDirs, tempDir, waitUntil } from './helpers.js';

const addonPath = process.env.ONEPROOF_ADDON ?? join(projectRoot, 'build', 'native', 'Release', 'oneproof.node');
const haveAddon = existsSync(addonPath);

/**
 * proof_data for an example-AIR statement: the serialized STARK proof and its public values. The
 * verifying key is not sent: receivers pin it, as the sidecar pins its guest program's key.
 */
const StarkEnvelope = new ContainerType({
  proof: new ByteListType(MAX_PROOF_SIZE),
  publicValues: new ListCompositeType(new ListBasicType(new UintNumberType(4), 1024), 64),
});

/** The "payload" an example proof speaks for: a hash of the key and the public values it proves. */
function statementRoot(vk: Uint8Array, publicValues: number[][]): Uint8Array {
  const h = createHash('sha256').update('oneproof-example-statement').update(vk);
  h.update(StarkEnvelope.fields.publicValues.serialize(publicValues));
  return Uint8Array.from(h.digest());
}

function toExecutionProof(vk: Uint8Array, ex: ExampleProof): ExecutionProof {
  return {
    proofData: StarkEnvelope.serialize({ proof: ex.proof, publicValues: ex.publicValues }),
    proofType: 1,
    publicInput: { newPayloadRequestRoot: statementRoot(vk, ex.publicValues) },
  };
}

/** The injected verifier, backed by the native STARK verifier with a pinned key. */
function starkProofVerifier(vk: Uint8Array): ProofVerifier {
  return {
    async verify(p) {
      let env;
      try {
        env = StarkEnvelope.deserialize(p.proofData);
      } catch (e) {
        return `malformed STARK envelope: ${(e as Error).message}`;
      }
      if (toHex(statementRoot(vk, env.publicValues)) !== toHex(p.publicInput.newPayloadRequestRoot)) return 'public input does not match the proven statement';
      const r = starkVerify(vk, env.proof, env.publicValues);
      return r.ok ? true : `STARK: ${r.error}`;
    },
  };
}

describe.skipIf(!haveAddon)('real STARK proofs over gossip', () => {
  const forkDigest = standaloneForkDigest('p2p-stark-test');
  let vk: Uint8Array;
  let proven: ExampleProof;
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
    await expect(nodes[0].publish(toExecutionProof(vk, { ...proven, proof: forged }))).rejects.toThrow(/STARK/);

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
      // Proof type 2: a type with no valid proof yet, so the forgery reaches the STARK verifier.
      const forgedProof = { ...toExecutionProof(vk, { ...proven, proof: forged }), proofType: 2 };
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
