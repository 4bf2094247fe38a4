// The libp2p stack of a proof gossip node: TCP, noise, yamux, identify, ping, and gossipsub set up
// as consensus clients run it (StrictNoSign, snappy data transform, Altair message ids, scoring).
import { createLibp2p, type Libp2p } from 'libp2p';
import { tcp } from '@libp2p/tcp';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify } from '@libp2p/identify';
import { ping, type Ping } from '@libp2p/ping';
import { bootstrap } from '@libp2p/bootstrap';
import { mdns } from '@libp2p/mdns';
import { gossipsub, type GossipSub, type TopicValidatorResult } from '@libp2p/gossipsub';
import { KEEP_ALIVE, type PeerId, type PrivateKey } from '@libp2p/interface';
import { GOSSIPSUB_PARAMS, MAX_PAYLOAD_SIZE, MAX_SIGNED_EXECUTION_PROOF_SIZE } from './constants.js';
import { peerScoreParams, SCORE_THRESHOLDS } from './scoring.js';
import { compressRaw, maxCompressedLength, uncompressRaw } from './snappy.js';
import { computeMessageId, toHex } from './topic.js';

/** Gossipsub's concrete class has these; its exported interface does not. */
export type GossipSubRouter = GossipSub & {
  getScore(peerId: string): number;
  reportMessageValidationResult(msgId: string, propagationSource: string, acceptance: TopicValidatorResult): void;
};

export type ProofLibp2p = Libp2p<{ identify: unknown; ping: Ping; pubsub: GossipSubRouter }>;

export interface Libp2pSetup {
  privateKey: PrivateKey;
  listen: string[];
  bootstrap?: string[];
  mdns?: boolean;
  topic: string;
  limits: { maxConnections: number; inboundConnectionsPerSecond: number };
  ipColocationWhitelist?: string[];
  /** Connection gater: banned peers can neither dial in nor be dialled. */
  isBanned(peer: PeerId): boolean;
}

/** True while `peerId`'s ban in `banned` (peer id → expiry ms) is running; expired bans are dropped. */
export function isBannedIn(banned: Map<string, number>, peerId: string): boolean {
  const until = banned.get(peerId);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  banned.delete(peerId);
  return false;
}

export async function createProofLibp2p(setup: Libp2pSetup): Promise<ProofLibp2p> {
  const staticPeers = setup.bootstrap ?? [];
  const node = await createLibp2p({
    privateKey: setup.privateKey,
    addresses: { listen: setup.listen },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery: [
      // Static peers are tagged keep-alive so the connection manager redials them.
      ...(staticPeers.length > 0 ? [bootstrap({ list: staticPeers, timeout: 10, tagName: KEEP_ALIVE, tagValue: 50 })] : []),
      ...(setup.mdns === true ? [mdns({ interval: 10_000 })] : []),
    ],
    connectionManager: {
      maxConnections: setup.limits.maxConnections,
      inboundConnectionThreshold: setup.limits.inboundConnectionsPerSecond,
    },
    connectionGater: {
      denyDialPeer: (peer) => setup.isBanned(peer),
      denyInboundEncryptedConnection: (peer) => setup.isBanned(peer),
    },
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({
        D: GOSSIPSUB_PARAMS.D,
        Dlo: GOSSIPSUB_PARAMS.Dlo,
        Dhi: GOSSIPSUB_PARAMS.Dhi,
        Dlazy: GOSSIPSUB_PARAMS.Dlazy,
        heartbeatInterval: GOSSIPSUB_PARAMS.heartbeatIntervalMs,
        fanoutTTL: GOSSIPSUB_PARAMS.fanoutTtlMs,
        mcacheLength: GOSSIPSUB_PARAMS.mcacheLength,
        mcacheGossip: GOSSIPSUB_PARAMS.mcacheGossip,
        seenTTL: GOSSIPSUB_PARAMS.seenTtlMs,
        // Consensus gossip carries no author, seqno or libp2p signature.
        globalSignaturePolicy: 'StrictNoSign',
        // Messages are forwarded only after the node's own validation reports ACCEPT.
        asyncValidation: true,
        allowPublishToZeroTopicPeers: true,
        allowedTopics: [setup.topic],
        msgIdFn: (msg) => computeMessageId(msg.topic, msg.data),
        msgIdToStrFn: (id) => toHex(id),
        dataTransform: {
          // The declared length is checked before decompressing: a snappy bomb is refused unopened.
          inboundTransform: (_topic, data) => uncompressRaw(data, MAX_SIGNED_EXECUTION_PROOF_SIZE),
          outboundTransform: (_topic, data) => compressRaw(data),
        },
        maxInboundDataLength: maxCompressedLength(MAX_PAYLOAD_SIZE),
        maxOutboundBufferSize: 4 * maxCompressedLength(MAX_PAYLOAD_SIZE),
        scoreParams: peerScoreParams(setup.topic, setup.ipColocationWhitelist ?? []),
        scoreThresholds: SCORE_THRESHOLDS,
      }),
    },
  });
  return node as unknown as ProofLibp2p;
}
