// Five proof-gossip nodes on loopback (validator-signed network), plus hostile peers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibp2p, type Libp2p } from 'libp2p';
import { tcp } from '@libp2p/tcp';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify } from '@libp2p/identify';
import { bootstrap } from '@libp2p/bootstrap';
import { gossipsub, type GossipSub } from '@libp2p/gossipsub';
import { ProofGossipNode, type ProofEvent, type ProofGossipOptions, type VerdictEvent } from '../../src/p2p/node.js';
import { SignedExecutionProof, type ExecutionProof } from '../../src/p2p/containers.js';
import { signProof } from '../../src/p2p/signing.js';
import { compressRaw, encodeVarint } from '../../src/p2p/snappy.js';
import { standaloneForkDigest, toHex } from '../../src/p2p/topic.js';
import { bindingVerifier, DOMAIN, makeProof, payloadRoot, removeTempDirs, tempDir, validatorKey, validatorSet, waitUntil } from './helpers.js';

const N = 5;
const validators = validatorSet(8); // honest nodes sign as 0..4; validators 5..7 are malicious
const forkDigest = standaloneForkDigest('p2p-network-test');

interface Member {
  node: ProofGossipNode;
  dataDir: string;
  proofs: ProofEvent[];
  verdicts: VerdictEvent[];
  banned: string[];
}

async function startMember(index: number, dataDir: string, bootstrapAddrs: string[], extra: Partial<ProofGossipOptions> = {}): Promise<Member> {
  const node = await ProofGossipNode.create({
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: bootstrapAddrs,
    dataDir,
    forkDigest,
    validators,
    signer: { validatorIndex: index, secretKey: validatorKey(index) },
    verifier: bindingVerifier,
    ipColocationWhitelist: ['127.0.0.1'],
    limits: { inboundConnectionsPerSecond: 1000, autoCatchUpDelayMs: 0 },
    ...extra,
  });
  const m: Member = { node, dataDir, proofs: [], verdicts: [], banned: [] };
  node.on('proof', (e) => m.proofs.push(e));
  node.on('verdict', (e) => m.verdicts.push(e));
  node.on('banned', (e) => m.banned.push(e.peerId));
  return m;
}

const hasProof = (m: Member, root: Uint8Array): boolean =>
  m.proofs.some((e) => toHex(e.proof.message.publicInput.newPayloadRequestRoot) === toHex(root));

/** A peer that speaks gossipsub on the topic but validates nothing and sends what it is told. */
async function startAttacker(target: ProofGossipNode, signaturePolicy: 'StrictNoSign' | 'StrictSign' = 'StrictNoSign'): Promise<Libp2p<{ identify: unknown; pubsub: GossipSub }>> {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery: [bootstrap({ list: target.multiaddrs(), timeout: 10 })],
    services: { identify: identify(), pubsub: gossipsub({ globalSignaturePolicy: signaturePolicy, allowPublishToZeroTopicPeers: true }) },
  });
  node.addEventListener('peer:discovery', (e) => void node.dial(e.detail.id).catch(() => undefined));
  node.services.pubsub.subscribe(target.topic);
  await waitUntil(() => node.services.pubsub.getSubscribers(target.topic).some((p) => p.toString() === target.peerId), 'attacker sees target subscribed');
  return node as unknown as Libp2p<{ identify: unknown; pubsub: GossipSub }>;
}

function signedBytes(proof: ExecutionProof, claimedIndex: number, keyIndex: number): Uint8Array {
  const signature = signProof(proof, DOMAIN, { validatorIndex: claimedIndex, secretKey: validatorKey(keyIndex) });
  return SignedExecutionProof.serialize({ message: proof, validatorIndex: claimedIndex, signature });
}

describe('proof gossip network (5 nodes on loopback)', () => {
  const members: Member[] = [];
  const attackers: Libp2p[] = [];

  beforeAll(async () => {
    for (let i = 0; i < N; i++) {
      members.push(await startMember(i, tempDir(`node${i}`), members.flatMap((m) => m.node.multiaddrs())));
    }
    await waitUntil(() => members.every((m) => m.node.topicPeers().length === N - 1), 'every node sees the other four on the topic');
  });

  afterAll(async () => {
    await Promise.all(attackers.map((a) => a.stop()));
    await Promise.all(members.map((m) => m.node.stop()));
  });

  it('a proof published on one node reaches all five, each verified on receipt', async () => {
    const root = payloadRoot('net-1');
    await members[2].node.publish(makeProof(root, 300 * 1024));
    await waitUntil(() => members.every((m) => hasProof(m, root)), 'all nodes have proof net-1');
    for (const [i, m] of members.entries()) {
      const e = m.proofs.find((p) => toHex(p.proof.message.publicInput.newPayloadRequestRoot) === toHex(root))!;
      expect(e.via).toBe(i === 2 ? 'local' : 'gossip');
      expect(e.proof.validatorIndex).toBe(2);
      expect((await m.node.proofsFor(root)).length).toBe(1);
    }
  });

  it('refuses to publish a proof that does not verify', async () => {
    const bad = makeProof(payloadRoot('net-bad-local'));
    bad.proofData[3] ^= 1;
    await expect(members[0].node.publish(bad)).rejects.toThrow(/refusing to publish/);
  });

  it('forged, oversized, truncated and wrongly-signed proofs are not forwarded and their senders are penalised and disconnected', async () => {
    const badRoots: Uint8Array[] = [];
    const root = (label: string): Uint8Array => {
      const r = payloadRoot(label);
      badRoots.push(r);
      return r;
    };
    // Each attacker attaches to one honest node and sends two bad messages of one kind.
    const cases: { target: number; messages: Uint8Array[] }[] = [
      {
        target: 1, // forged: properly signed by (malicious) validator 5, proof bytes flipped
        messages: ['forged-a', 'forged-b'].map((l) => {
          const p = makeProof(root(l));
          p.proofData[5] ^= 0x10;
          return compressRaw(signedBytes(p, 5, 5));
        }),
      },
      {
        target: 2, // oversized: 5 MiB uncompressed, and a bomb header claiming 1 GiB
        messages: [compressRaw(new Uint8Array(5 * 1024 * 1024)), new Uint8Array([...encodeVarint(2 ** 30), 0x00, 0x01])],
      },
      {
        target: 3, // truncated: tail cut (signature no longer matches), and cut into invalid SSZ
        messages: [signedBytes(makeProof(root('trunc-a')), 6, 6), signedBytes(makeProof(root('trunc-b')), 6, 6)].map((b, i) =>
          compressRaw(i === 0 ? b.subarray(0, b.length - 100) : b.subarray(0, 60)),
        ),
      },
      {
        target: 4, // wrongly signed: validator 7's key in validator 2's name, and an unknown validator
        messages: [compressRaw(signedBytes(makeProof(root('sig-a')), 2, 7)), compressRaw(signedBytes(makeProof(root('sig-b')), 99, 7))],
      },
    ];
    for (const c of cases) {
      const target = members[c.target].node;
      const attacker = await startAttacker(target);
      attackers.push(attacker);
      const attackerId = attacker.peerId.toString();
      await attacker.services.pubsub.publish(target.topic, c.messages[0]);
      await waitUntil(() => target.score(attackerId) < 0, `target ${c.target} lowers the attacker's score`);
      await attacker.services.pubsub.publish(target.topic, c.messages[1]);
      await waitUntil(() => members[c.target].banned.includes(attackerId), `target ${c.target} bans the attacker`);
      await waitUntil(() => !target.peers().some((p) => p.peerId === attackerId), `target ${c.target} disconnects the attacker`);
      expect(target.isBanned(attackerId)).toBe(true);
    }

    // Flush: a valid proof sent after the bad ones reaches everyone...
    const after = payloadRoot('net-after-attack');
    await members[1].node.publish(makeProof(after));
    await waitUntil(() => members.every((m) => hasProof(m, after)), 'all nodes have the post-attack proof');
    // ...while no bad proof was accepted anywhere, and only the attacked node saw each bad message.
    for (const [i, m] of members.entries()) {
      for (const r of badRoots) expect(hasProof(m, r)).toBe(false);
      const rejects = m.verdicts.filter((v) => v.action === 'reject');
      const attackerIds = attackers.map((a) => a.peerId.toString());
      for (const v of rejects) expect(attackerIds).toContain(v.from);
      if (i === 0) expect(rejects).toEqual([]);
    }
    // The gossip-level rejects carried the expected reasons.
    const reasons = (i: number): string[] => members[i].verdicts.filter((v) => v.action === 'reject').map((v) => v.reason ?? '');
    expect(reasons(1).every((r) => /verification failed/.test(r))).toBe(true);
    expect(reasons(3).some((r) => /invalid BLS signature/.test(r)) && reasons(3).some((r) => /malformed SSZ/.test(r))).toBe(true);
    expect(reasons(4).some((r) => /invalid BLS signature/.test(r)) && reasons(4).some((r) => /not an active validator/.test(r))).toBe(true);
    // Oversized messages never reach validation: the snappy header is refused, so no verdict at all.
    expect(reasons(2)).toEqual([]);
  });

  it('a restarted node re-joins with the same peer id, keeps its stored proofs and catches up on missed ones', async () => {
    const kept = payloadRoot('net-1');
    const old = members[4];
    const oldId = old.node.peerId;
    await old.node.stop();
    await waitUntil(() => members.slice(0, 4).every((m) => !m.node.peers().some((p) => p.peerId === oldId)), 'others notice the stop');

    const missed = payloadRoot('net-missed');
    await members[0].node.publish(makeProof(missed, 200 * 1024));
    await waitUntil(() => members.slice(0, 4).every((m) => hasProof(m, missed)), 'running nodes have the missed proof');

    const restarted = await startMember(4, old.dataDir, members.slice(0, 4).flatMap((m) => m.node.multiaddrs()));
    members[4] = restarted;
    expect(restarted.node.peerId).toBe(oldId);
    expect((await restarted.node.proofsFor(kept)).length).toBe(1);
    expect((await restarted.node.proofsFor(missed)).length).toBe(0);
    await waitUntil(() => restarted.node.topicPeers().length >= 1, 'restarted node re-joins the topic');

    const got = await restarted.node.catchUp([missed, kept]);
    expect(got.map((p) => toHex(p.message.publicInput.newPayloadRequestRoot))).toEqual([toHex(missed)]);
    expect(restarted.proofs.find((e) => e.via === 'catch-up')?.proof.validatorIndex).toBe(0);
    expect((await restarted.node.proofsFor(missed)).length).toBe(1);
    expect(restarted.verdicts.filter((v) => v.via === 'catch-up').every((v) => v.action === 'accept')).toBe(true);

    await waitUntil(() => members.every((m) => m.node.topicPeers().length === N - 1), 'full topic membership again');
    const fresh = payloadRoot('net-after-restart');
    await members[1].node.publish(makeProof(fresh));
    await waitUntil(() => members.every((m) => hasProof(m, fresh)), 'post-restart proof reaches all, the restarted node included');
  });

  it('holds a proof for an unknown payload until the sidecar knows it, and fetches proofs for known payloads it missed', async () => {
    const known = new Set<string>();
    const gated = await startMember(3, tempDir('gated'), members.flatMap((m) => m.node.multiaddrs()), {
      isPayloadKnown: (r) => known.has(toHex(r)),
      limits: { inboundConnectionsPerSecond: 1000, autoCatchUpDelayMs: 100, pendingTimeoutMs: 30_000 },
    });
    try {
      await waitUntil(() => members[0].node.topicPeers().includes(gated.node.peerId), 'publisher sees the gated node on the topic');
      const early = payloadRoot('net-proof-before-payload');
      await members[0].node.publish(makeProof(early));
      await waitUntil(() => gated.node.pendingProofs >= 1, 'gated node queues the proof');
      expect(hasProof(gated, early)).toBe(false);
      known.add(toHex(early));
      gated.node.payloadKnown(early);
      await waitUntil(() => hasProof(gated, early), 'queued proof accepted once the payload is known');
      expect(gated.proofs.find((e) => toHex(e.proof.message.publicInput.newPayloadRequestRoot) === toHex(early))?.via).toBe('gossip');

      // net-1 was gossiped before this node existed: knowing its payload triggers a catch-up.
      const missed = payloadRoot('net-1');
      known.add(toHex(missed));
      gated.node.payloadKnown(missed);
      await waitUntil(() => hasProof(gated, missed), 'automatic catch-up for a known payload without proof');
      expect(gated.proofs.find((e) => toHex(e.proof.message.publicInput.newPayloadRequestRoot) === toHex(missed))?.via).toBe('catch-up');
    } finally {
      await gated.node.stop();
    }
  });

  it('finds peers on the local network with mDNS alone', async () => {
    const opts = { mdns: true, limits: { inboundConnectionsPerSecond: 1000, autoCatchUpDelayMs: 0 } };
    const a = await startMember(0, tempDir('mdns-a'), [], opts);
    const b = await startMember(1, tempDir('mdns-b'), [], opts);
    try {
      await waitUntil(() => a.node.peers().some((p) => p.peerId === b.node.peerId), 'mDNS discovery');
    } finally {
      await Promise.all([a.node.stop(), b.node.stop()]);
    }
  });

  it('a burst of 100 proofs from all nodes reaches everyone and leaves every node responsive', async () => {
    const roots = Array.from({ length: 100 }, (_, i) => payloadRoot(`burst-${i}`));
    await Promise.all(roots.map((r, i) => members[i % N].node.publish(makeProof(r, 16 * 1024))));
    await waitUntil(() => members.every((m) => roots.every((r) => hasProof(m, r))), 'every node has all 100 burst proofs', 60_000, 100);
    // Responsive: every node answers pings, a new proof still propagates from each node, and
    // catch-up requests are served.
    for (const m of members) {
      for (const other of members) if (other !== m) expect(await m.node.ping(other.node.peerId)).toBeGreaterThanOrEqual(0);
    }
    for (const [i, m] of members.entries()) {
      const r = payloadRoot(`post-burst-${i}`);
      await m.node.publish(makeProof(r));
      await waitUntil(() => members.every((x) => hasProof(x, r)), `post-burst proof from node ${i} reaches all`);
    }
    const lateDir = tempDir('late');
    const late = await startMember(0, lateDir, [members[3].node.multiaddrs()[0]]);
    try {
      await waitUntil(() => late.node.peers().length >= 1, 'late joiner connects');
      const got = await late.node.catchUp(roots.slice(0, 10));
      expect(got.length).toBe(10);
    } finally {
      await late.node.stop();
    }
  });

  it('messages carrying libp2p author/seqno/signature are refused (StrictNoSign), even with a valid proof inside', async () => {
    const attacker = await startAttacker(members[0].node, 'StrictSign');
    attackers.push(attacker);
    const r = payloadRoot('net-strict-sign');
    await attacker.services.pubsub.publish(members[0].node.topic, compressRaw(signedBytes(makeProof(r), 6, 6)));
    await waitUntil(() => members[0].node.score(attacker.peerId.toString()) < 0, 'node 0 penalises the signed message');
    expect(hasProof(members[0], r)).toBe(false);
  });
});

afterAll(() => removeTempDirs());
