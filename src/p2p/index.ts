// Proof gossip over libp2p (EIP-8025 `execution_proof` topic, pinned version in constants.ts).
//
// Interface for the sidecar:
//
//   const node = await ProofGossipNode.create({
//     listen: ['/ip4/0.0.0.0/tcp/9100'],
//     bootstrap: ['/ip4/10.0.0.2/tcp/9100/p2p/16Uiu2...'],   // static peers, kept connected
//     mdns: true,                                             // local-network discovery
//     dataDir: '/var/lib/oneproof',                           // peer key (0600) + recent proofs
//     limits: { maxConnections: 64 },                         // see DEFAULT_LIMITS
//     forkDigest: standaloneForkDigest('devnet'),             // or the beacon node's digest
//     validators, signer,                                     // optional: BLS-signed network
//     verifier: { verify: async (proof) => true | 'reason' }, // native STARK verifier
//     isPayloadKnown: (root) => sidecar.knows(root),          // optional; default: all known
//   });
//   node.on('proof', ({ proof, via, from }) => ...);          // each verified proof (gossip, catch-up, local)
//   await node.publish(executionProof);                       // sign, verify locally, store, gossip;
//                                                             // throws if it does not verify, returns
//                                                             // published:false if one is already known
//   node.payloadKnown(newPayloadRequestRoot);                 // releases queued proofs; fetches missing ones
//   await node.catchUp([root, ...]);                          // explicit by-root catch-up from peers
//   node.on('verdict', ...); node.on('banned', ...);         // every ACCEPT/IGNORE/REJECT; peers disconnected
//   node.peers(); node.topicPeers(); await node.ping(peerId); await node.stop();
//
// Wire: topic /eth2/{fork_digest}/execution_proof/ssz_snappy carrying SSZ SignedExecutionProof,
// raw-snappy compressed, Altair message ids, gossipsub StrictNoSign with D=8 (6..12), 0.7 s
// heartbeat; catch-up on /oneproof/execution_proofs_by_root/1/ssz_snappy (consensus req/resp
// encoding, keyed by new_payload_request_root). Peers whose gossip score falls below the graylist
// threshold (two invalid messages) or who serve an invalid proof on catch-up are disconnected and
// banned for `limits.banDurationMs`.
//
// Modes: with `validators` (domain + active validator keys) every proof must carry a valid BLS
// signature; without it (standalone testnet, own fork digest) proofs are unsigned (index 0, zero
// signature) and rest on the proof verifier alone.
export { ProofGossipNode, DEFAULT_LIMITS } from './node.js';
export type { ProofGossipOptions, P2PLimits, P2PLogger, ProofEvent, VerdictEvent, PeerInfo, ProofSource, PublishResult } from './node.js';
export type { ProofVerifier, VerifyResult } from './verifier.js';
export { ExecutionProof, SignedExecutionProof, PublicInput } from './containers.js';
export { executionProofDomain, signingRoot, signProof, staticValidatorSet, PublicKey, SecretKey } from './signing.js';
export type { ProofSigner, SignatureScheme } from './signing.js';
export { computeForkDigest, standaloneForkDigest, executionProofTopic, computeMessageId } from './topic.js';
export * as eip8025 from './constants.js';
