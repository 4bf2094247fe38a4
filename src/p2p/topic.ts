// Gossip topic naming and message ids exactly as consensus clients compute them.
import { createHash } from 'node:crypto';
import { ForkData } from './containers.js';
import { GOSSIP_ENCODING, GOSSIP_TOPIC_NAME, MESSAGE_DOMAIN_VALID_SNAPPY } from './constants.js';

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) throw new Error(`not a hex string: ${hex}`);
  return Uint8Array.from(Buffer.from(h, 'hex'));
}

/** `/eth2/{fork_digest}/execution_proof/ssz_snappy`, the digest as lowercase hex without 0x. */
export function executionProofTopic(forkDigest: Uint8Array): string {
  if (forkDigest.length !== 4) throw new Error(`fork digest must be 4 bytes, got ${forkDigest.length}`);
  return `/eth2/${toHex(forkDigest)}/${GOSSIP_TOPIC_NAME}/${GOSSIP_ENCODING}`;
}

/** phase0 compute_fork_data_root. */
export function computeForkDataRoot(forkVersion: Uint8Array, genesisValidatorsRoot: Uint8Array): Uint8Array {
  return ForkData.hashTreeRoot({ currentVersion: forkVersion, genesisValidatorsRoot });
}

/**
 * phase0 compute_fork_digest (first 4 bytes of the fork data root). Connected to a beacon node,
 * pass the node's own digest instead (Fulu mixes blob parameters into it); a standalone network
 * derives its digest here from its own fork version and genesis root, isolating its topic.
 */
export function computeForkDigest(forkVersion: Uint8Array, genesisValidatorsRoot: Uint8Array): Uint8Array {
  return computeForkDataRoot(forkVersion, genesisValidatorsRoot).slice(0, 4);
}

/** Digest of a standalone oneproof network, derived from its name (fork version 0x6f700000, "op"). */
export function standaloneForkDigest(networkName: string): Uint8Array {
  const genesisRoot = createHash('sha256').update(`oneproof-standalone:${networkName}`).digest();
  return computeForkDigest(Uint8Array.of(0x6f, 0x70, 0, 0), genesisRoot);
}

/** Altair+ message id: SHA256(MESSAGE_DOMAIN_VALID_SNAPPY ‖ uint64_le(len(topic)) ‖ topic ‖ uncompressed)[:20]. */
export function computeMessageId(topic: string, uncompressed: Uint8Array): Uint8Array {
  const topicBytes = Buffer.from(topic, 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(topicBytes.length));
  const h = createHash('sha256').update(MESSAGE_DOMAIN_VALID_SNAPPY).update(len).update(topicBytes).update(uncompressed).digest();
  return Uint8Array.from(h.subarray(0, 20));
}
