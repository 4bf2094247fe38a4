// Gossip validation of SignedExecutionProof messages, rule by rule as the pinned spec lists them
// (p2p-interface.md, "execution_proof"). Returns ACCEPT / IGNORE / REJECT with a reason; gossipsub
// forwards only ACCEPT and scores REJECT against the sender.
// Two deliberate tightenings, both against forgeries shadowing genuine proofs: "already seen" is
// keyed by the whole signed message, and a (payload, type, validator) is recorded as seen only
// once that validator's signature has checked out.
import { createHash } from 'node:crypto';
import { MAX_PROOF_SIZE, MAX_SIGNED_EXECUTION_PROOF_SIZE } from './constants.js';
import { SignedExecutionProof } from './containers.js';
import { BoundedSet } from './bounded-set.js';
import { verifyProofSignature, type SignatureScheme } from './signing.js';
import { toHex } from './topic.js';
import { runVerifier, type ProofVerifier } from './verifier.js';
import { PendingPayloads } from './pending.js';

export type Verdict =
  | { action: 'accept'; proof: SignedExecutionProof }
  | { action: 'ignore' | 'reject'; reason: string };

export interface ValidatorOptions {
  verifier: ProofVerifier;
  /** Validator-key signatures; absent in standalone mode, where signatures must be empty. */
  signatures?: SignatureScheme;
  /** Whether the sidecar knows the new payload request with this root (default: all known). */
  isPayloadKnown?: (newPayloadRequestRoot: Uint8Array) => boolean;
  /** How long a proof for an unknown payload waits for it (ms). */
  pendingTimeoutMs: number;
  /** Most proofs waiting for payloads at once; beyond it they are ignored. */
  maxPending: number;
  /** Entries kept in each dedup cache. */
  seenCapacity: number;
}

const ZERO_SIGNATURE = new Uint8Array(96);

export class ProofValidator {
  /**
   * Rule 1 (already processed), keyed by SHA-256 of the whole SignedExecutionProof encoding (SSZ is
   * canonical, so this identifies the value; cheaper than its hash_tree_root). Keyed by the message
   * alone, a copy with a bad signature arriving first would shadow the genuine proof.
   */
  private readonly seenProofs: BoundedSet;
  /** Rules 3 and 10: a valid proof is known for (payload root, proof type). */
  private readonly validPerType: BoundedSet;
  /** Payload roots with at least one valid proof (for catch-up decisions). */
  private readonly provenPayloads: BoundedSet;
  /** Rule 4: first proof per (payload root, proof type, validator index). */
  private readonly seenProvers: BoundedSet;
  readonly pending: PendingPayloads;

  constructor(private readonly opts: ValidatorOptions) {
    this.seenProofs = new BoundedSet(opts.seenCapacity);
    this.validPerType = new BoundedSet(opts.seenCapacity);
    this.seenProvers = new BoundedSet(opts.seenCapacity);
    this.provenPayloads = new BoundedSet(opts.seenCapacity);
    this.pending = new PendingPayloads(opts.maxPending, opts.pendingTimeoutMs);
  }

  /** Records that a valid proof of this type is held for the payload (e.g. found in the store). */
  markValid(newPayloadRequestRoot: Uint8Array, proofType: number): void {
    this.validPerType.add(`${toHex(newPayloadRequestRoot)}:${proofType}`);
    this.provenPayloads.add(toHex(newPayloadRequestRoot));
  }

  hasAnyValidProof(newPayloadRequestRoot: Uint8Array): boolean {
    return this.provenPayloads.has(toHex(newPayloadRequestRoot));
  }

  /**
   * Validates the uncompressed SSZ bytes of a message. `payloadKnown` skips the unknown-payload
   * wait for proofs this node made itself.
   */
  async validate(ssz: Uint8Array, opts: { payloadKnown?: boolean } = {}): Promise<Verdict> {
    if (ssz.length > MAX_SIGNED_EXECUTION_PROOF_SIZE) return reject(`message of ${ssz.length} bytes exceeds MAX_SIGNED_EXECUTION_PROOF_SIZE`);
    let signed: SignedExecutionProof;
    try {
      signed = SignedExecutionProof.deserialize(ssz);
    } catch (e) {
      return reject(`malformed SSZ: ${(e as Error).message}`);
    }
    const proof = signed.message;
    const encodingKey = toHex(sha256(ssz));
    if (this.seenProofs.has(encodingKey)) return ignore('proof already seen');
    this.seenProofs.add(encodingKey);

    const payloadRoot = proof.publicInput.newPayloadRequestRoot;
    if (opts.payloadKnown !== true && !this.isPayloadKnown(payloadRoot)) {
      const arrived = await this.pending.waitFor(payloadRoot);
      if (!arrived) {
        // Forget it so that a later copy (gossip or catch-up) is considered afresh.
        this.seenProofs.delete(encodingKey);
        return ignore('payload unknown');
      }
    }
    if (this.validPerType.has(typeKey(signed))) return ignore('a valid proof of this type is already known for the payload');
    const proverKey = `${typeKey(signed)}:${signed.validatorIndex}`;
    if (this.seenProvers.has(proverKey)) return ignore('this validator already sent a proof of this type for the payload');
    const sigProblem = this.checkSignature(signed);
    if (sigProblem !== undefined) return reject(sigProblem);
    // Recorded only once the signature binds the validator, so forgeries cannot block its real proof.
    this.seenProvers.add(proverKey);
    if (proof.proofData.length === 0) return reject('empty proof_data');
    if (proof.proofData.length > MAX_PROOF_SIZE) return reject('proof_data exceeds MAX_PROOF_SIZE');
    const verified = await runVerifier(this.opts.verifier, proof);
    if (verified !== true) return reject(`proof verification failed: ${verified}`);

    if (this.validPerType.has(typeKey(signed))) return ignore('a valid proof of this type arrived meanwhile');
    this.markValidType(signed);
    return { action: 'accept', proof: signed };
  }

  private markValidType(p: SignedExecutionProof): void {
    this.markValid(p.message.publicInput.newPayloadRequestRoot, p.message.proofType);
  }

  private isPayloadKnown(root: Uint8Array): boolean {
    return this.opts.isPayloadKnown === undefined || this.opts.isPayloadKnown(root);
  }

  private checkSignature(signed: SignedExecutionProof): string | undefined {
    const scheme = this.opts.signatures;
    if (scheme === undefined) {
      // Standalone networks have no validator keys: one canonical unsigned form per proof.
      if (signed.validatorIndex !== 0) return 'standalone network: validator_index must be 0';
      if (!signed.signature.every((b, i) => b === ZERO_SIGNATURE[i])) return 'standalone network: signature must be empty';
      return undefined;
    }
    const pubkey = scheme.activeValidatorPubkey(signed.validatorIndex);
    if (pubkey === undefined) return `validator ${signed.validatorIndex} is not an active validator`;
    if (!verifyProofSignature(signed.message, signed.signature, pubkey, scheme.domain)) return 'invalid BLS signature';
    return undefined;
  }
}

function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

function typeKey(p: SignedExecutionProof): string {
  return `${toHex(p.message.publicInput.newPayloadRequestRoot)}:${p.message.proofType}`;
}

function reject(reason: string): Verdict {
  return { action: 'reject', reason };
}

function ignore(reason: string): Verdict {
  return { action: 'ignore', reason };
}
