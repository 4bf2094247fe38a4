// Catch-up over real libp2p streams: an honest server, a rate limit, and hostile servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibp2p, type Libp2p } from 'libp2p';
import { tcp } from '@libp2p/tcp';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify } from '@libp2p/identify';
import type { Stream } from '@libp2p/interface';
import { ProofGossipNode, type ProofEvent, type VerdictEvent } from '../../src/p2p/node.js';
import { SignedExecutionProof } from '../../src/p2p/containers.js';
import { PROOFS_BY_ROOT_PROTOCOL } from '../../src/p2p/constants.js';
import { encodeSuccessChunk } from '../../src/p2p/reqresp.js';
import { concat } from '../../src/p2p/snappy.js';
import { standaloneForkDigest } from '../../src/p2p/topic.js';
import { bindingVerifier, makeProof, payloadRoot, removeTempDirs, tempDir, waitUntil } from './helpers.js';

const forkDigest = standaloneForkDigest('p2p-catchup-test');

function client(bootstrapAddrs: string[]): Promise<ProofGossipNode> {
  return ProofGossipNode.create({
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: bootstrapAddrs,
    dataDir: tempDir('catchup-client'),
    forkDigest,
    verifier: bindingVerifier,
    ipColocationWhitelist: ['127.0.0.1'],
    limits: { inboundConnectionsPerSecond: 1000, autoCatchUpDelayMs: 0, catchUpTimeoutMs: 2000 },
  });
}

/** A peer answering catch-up requests with whatever `respond` writes. */
async function hostileServer(respond: (stream: Stream) => Promise<void>): Promise<Libp2p> {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() },
  });
  await node.handle(PROOFS_BY_ROOT_PROTOCOL, (stream) => void respond(stream).catch(() => undefined));
  return node;
}

describe('by-root catch-up between nodes', () => {
  let server: ProofGossipNode;
  const root = payloadRoot('catchup-1');
  const other = payloadRoot('catchup-2');

  beforeAll(async () => {
    server = await ProofGossipNode.create({
      listen: ['/ip4/127.0.0.1/tcp/0'],
      dataDir: tempDir('catchup-server'),
      forkDigest,
      verifier: bindingVerifier,
      ipColocationWhitelist: ['127.0.0.1'],
      limits: { inboundConnectionsPerSecond: 1000, autoCatchUpDelayMs: 0, catchUpRequestsPerMinute: 3 },
    });
    // Published before any client exists, so clients can only obtain them by catch-up.
    await server.publish(makeProof(root, 100_000));
    await server.publish(makeProof(other));
  });

  afterAll(async () => {
    await server.stop();
  });

  it('publishing a proof for an already proven payload and type sends nothing', async () => {
    const again = await server.publish(makeProof(root, 5000));
    expect(again).toMatchObject({ published: false, recipients: 0 });
  });

  it('standalone network (no validator keys): unsigned proofs propagate over gossip', async () => {
    const c = await client(server.multiaddrs());
    try {
      await waitUntil(() => server.topicPeers().includes(c.peerId), 'server sees the client on the topic');
      const fresh = payloadRoot('standalone-gossip');
      const got = new Promise<ProofEvent>((resolve) => c.once('proof', resolve));
      await server.publish(makeProof(fresh));
      const e = await got;
      expect(e.via).toBe('gossip');
      expect(e.proof.validatorIndex).toBe(0);
      expect(e.proof.signature.every((b) => b === 0)).toBe(true);
    } finally {
      await c.stop();
    }
  });

  it('a throwing event listener does not break publishing', async () => {
    const boom = (): void => {
      throw new Error('listener bug');
    };
    server.on('proof', boom);
    try {
      expect((await server.publish(makeProof(payloadRoot('listener-throws')))).published).toBe(true);
    } finally {
      server.off('proof', boom);
    }
  });

  it('refuses bad options with clear errors (signer without keys, fork digest, addresses, busy port)', async () => {
    const base = { listen: ['/ip4/127.0.0.1/tcp/0'], dataDir: tempDir('bad-opts'), verifier: bindingVerifier };
    await expect(ProofGossipNode.create({ ...base, forkDigest, signer: { validatorIndex: 0, secretKey: undefined as never } })).rejects.toThrow(/needs `validators`/);
    await expect(ProofGossipNode.create({ ...base, forkDigest: new Uint8Array(5) })).rejects.toThrow(/4 bytes/);
    await expect(ProofGossipNode.create({ ...base, forkDigest, listen: ['garbage'] })).rejects.toThrow(/listen address "garbage"/);
    await expect(ProofGossipNode.create({ ...base, forkDigest, bootstrap: ['/ip4/127.0.0.1/tcp/1'] })).rejects.toThrow(/\/p2p\/<peer id>/);
    // A port already in use is reported with the address.
    const taken = server.multiaddrs()[0].split('/p2p/')[0];
    await expect(ProofGossipNode.create({ ...base, forkDigest, listen: [taken] })).rejects.toThrow(/cannot start the p2p node/);
  });

  it('serves stored proofs, then rate-limits a peer that asks too often', async () => {
    const c = await client(server.multiaddrs());
    try {
      await waitUntil(() => c.peers().length === 1, 'client connects');
      expect((await c.catchUp([root])).length).toBe(1);
      // Already held: nothing is requested or accepted again.
      expect(await c.catchUp([root])).toEqual([]);
      // Two more requests for unknown roots use up the allowance of 3 per minute...
      expect(await c.catchUp([payloadRoot('none-1')])).toEqual([]);
      expect(await c.catchUp([payloadRoot('none-2')])).toEqual([]);
      // ...so the fourth request is refused, while a fresh client is still served.
      expect(await c.catchUp([other])).toEqual([]);
      const c2 = await client(server.multiaddrs());
      try {
        await waitUntil(() => c2.peers().length === 1, 'second client connects');
        expect((await c2.catchUp([other])).length).toBe(1);
      } finally {
        await c2.stop();
      }
    } finally {
      await c.stop();
    }
  });
});

describe('catch-up from hostile servers', () => {
  const servers: Libp2p[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  async function askHostile(respond: (stream: Stream) => Promise<void>): Promise<{ got: SignedExecutionProof[]; verdicts: VerdictEvent[]; banned: string[] }> {
    const s = await hostileServer(respond);
    servers.push(s);
    const c = await client(s.getMultiaddrs().map((m) => m.toString()));
    const verdicts: VerdictEvent[] = [];
    const banned: string[] = [];
    c.on('verdict', (v) => verdicts.push(v));
    c.on('banned', (b) => banned.push(b.peerId));
    try {
      await waitUntil(() => c.peers().length === 1, 'client connects to the hostile server');
      const got = await c.catchUp([payloadRoot('wanted')]);
      if (banned.length > 0) await waitUntil(() => c.peers().length === 0, 'client hangs up on a banned server');
      return { got, verdicts, banned };
    } finally {
      await c.stop();
    }
  }

  async function drainRequest(stream: Stream): Promise<void> {
    // Read the request until the client closes its side.
    for await (const _ of stream) void _;
  }

  it('rejects a forged proof served on catch-up and bans the server', async () => {
    const forged = makeProof(payloadRoot('wanted'));
    forged.proofData[9] ^= 0x40;
    const bytes = SignedExecutionProof.serialize({ message: forged, validatorIndex: 0, signature: new Uint8Array(96) });
    const { got, verdicts, banned } = await askHostile(async (stream) => {
      await drainRequest(stream);
      stream.send(encodeSuccessChunk(bytes));
      await stream.close();
    });
    expect(got).toEqual([]);
    expect(verdicts.map((v) => v.action)).toEqual(['reject']);
    expect(banned).toEqual([servers[servers.length - 1].peerId.toString()]);
  });

  it('survives garbage, an oversized length prefix and too many chunks', async () => {
    for (const reply of [
      new Uint8Array([0, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]),
      Uint8Array.from({ length: 5000 }, (_, i) => (i * 13) & 0xff),
      concat(Array.from({ length: 6 }, (_, i) => encodeSuccessChunk(SignedExecutionProof.serialize({ message: makeProof(payloadRoot(`extra-${i}`)), validatorIndex: 0, signature: new Uint8Array(96) })))),
    ]) {
      const { got } = await askHostile(async (stream) => {
        await drainRequest(stream);
        stream.send(reply);
        await stream.close();
      });
      expect(got).toEqual([]);
    }
  });

  it('gives up on a server that never answers', async () => {
    const { got } = await askHostile(async (stream) => {
      await drainRequest(stream);
      await new Promise(() => undefined); // silence: the client's deadline ends the exchange
    });
    expect(got).toEqual([]);
  });
});

afterAll(() => removeTempDirs());
