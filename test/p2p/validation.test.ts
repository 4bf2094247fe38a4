// Gossip validation rules (ACCEPT / IGNORE / REJECT), each shown to fire on tampered input.
import { describe, expect, it } from 'vitest';
import { SignedExecutionProof, type ExecutionProof } from '../../src/p2p/containers.js';
import { ProofValidator, type ValidatorOptions } from '../../src/p2p/validation.js';
import { signProof } from '../../src/p2p/signing.js';
import { MAX_SIGNED_EXECUTION_PROOF_SIZE } from '../../src/p2p/constants.js';
import { bindingVerifier, DOMAIN, makeProof, payloadRoot, validatorKey, validatorSet } from './helpers.js';

function validator(overrides: Partial<ValidatorOptions> = {}): ProofValidator {
  return new ProofValidator({
    verifier: bindingVerifier,
    signatures: validatorSet(4),
    pendingTimeoutMs: 2000,
    maxPending: 16,
    seenCapacity: 1000,
    ...overrides,
  });
}

function sign(proof: ExecutionProof, index: number, keyIndex = index): Uint8Array {
  const signature = signProof(proof, DOMAIN, { validatorIndex: index, secretKey: validatorKey(keyIndex) });
  return SignedExecutionProof.serialize({ message: proof, validatorIndex: index, signature });
}

function unsigned(proof: ExecutionProof): Uint8Array {
  return SignedExecutionProof.serialize({ message: proof, validatorIndex: 0, signature: new Uint8Array(96) });
}

describe('ProofValidator (validator-signed network)', () => {
  it('accepts a correctly signed, verifying proof', async () => {
    const v = validator();
    const verdict = await v.validate(sign(makeProof(payloadRoot(1)), 2));
    expect(verdict.action).toBe('accept');
    expect(v.hasAnyValidProof(payloadRoot(1))).toBe(true);
  });

  it('rejects bytes that are not a SignedExecutionProof, and oversized messages', async () => {
    const v = validator();
    expect(await v.validate(new Uint8Array(10))).toMatchObject({ action: 'reject', reason: expect.stringMatching(/malformed SSZ/) });
    const bytes = sign(makeProof(payloadRoot(2)), 0);
    const badOffset = bytes.slice();
    badOffset[1] = 0x7f;
    expect((await v.validate(badOffset)).action).toBe('reject');
    expect(await v.validate(new Uint8Array(MAX_SIGNED_EXECUTION_PROOF_SIZE + 1))).toMatchObject({ action: 'reject', reason: expect.stringMatching(/exceeds/) });
  });

  it('rejects a truncated proof (still valid SSZ: its signature no longer matches)', async () => {
    const v = validator();
    const bytes = sign(makeProof(payloadRoot(3)), 1);
    expect(await v.validate(bytes.subarray(0, bytes.length - 100))).toMatchObject({ action: 'reject', reason: 'invalid BLS signature' });
  });

  it('rejects a signature by the wrong key, an inactive validator and a malformed signature', async () => {
    const v = validator();
    const proof = makeProof(payloadRoot(4));
    expect(await v.validate(sign(proof, 1, 3))).toMatchObject({ action: 'reject', reason: 'invalid BLS signature' });
    expect(await v.validate(sign(proof, 9, 9))).toMatchObject({ action: 'reject', reason: expect.stringMatching(/not an active validator/) });
    const junk = SignedExecutionProof.serialize({ message: proof, validatorIndex: 2, signature: new Uint8Array(96).fill(0xff) });
    expect(await v.validate(junk)).toMatchObject({ action: 'reject', reason: 'invalid BLS signature' });
  });

  it('rejects a forged proof (signed, but the verifier refuses it) and an empty proof', async () => {
    const v = validator();
    const forged = makeProof(payloadRoot(5));
    forged.proofData[7] ^= 0x01;
    expect(await v.validate(sign(forged, 0))).toMatchObject({ action: 'reject', reason: expect.stringMatching(/verification failed/) });
    const empty = { ...makeProof(payloadRoot(6)), proofData: new Uint8Array(0) };
    expect(await v.validate(sign(empty, 0))).toMatchObject({ action: 'reject', reason: 'empty proof_data' });
  });

  it('a badly signed copy arriving first does not shadow the genuine proof', async () => {
    const v = validator();
    const proof = makeProof(payloadRoot(12));
    expect((await v.validate(sign(proof, 1, 2))).action).toBe('reject');
    expect((await v.validate(sign(proof, 1))).action).toBe('accept');
  });

  it('a throwing verifier is a rejection, not a crash', async () => {
    const v = validator({ verifier: { verify: async () => { throw new Error('boom'); } } });
    expect(await v.validate(sign(makeProof(payloadRoot(7)), 0))).toMatchObject({ action: 'reject', reason: expect.stringMatching(/boom/) });
  });

  it('ignores duplicates, a second valid proof of the same type, and repeats from one validator', async () => {
    const v = validator();
    const root = payloadRoot(8);
    const first = sign(makeProof(root), 0);
    expect((await v.validate(first)).action).toBe('accept');
    expect(await v.validate(first)).toMatchObject({ action: 'ignore', reason: 'proof already seen' });
    // Same payload and type from another validator: already proven.
    const other = makeProof(root, 2000);
    expect(await v.validate(sign(other, 1))).toMatchObject({ action: 'ignore', reason: expect.stringMatching(/already known/) });
    // Another proof type is a separate slot.
    expect((await v.validate(sign(makeProof(root, 1024, 2), 1))).action).toBe('accept');
  });

  it('a forged signature does not block the real validator (prover recorded only after its signature checks)', async () => {
    const v = validator({ verifier: { verify: async () => 'always refuses' } });
    const root = payloadRoot(9);
    expect((await v.validate(sign(makeProof(root), 2, 3))).action).toBe('reject'); // forged in 2's name
    expect(await v.validate(sign(makeProof(root, 1500), 2))).toMatchObject({ action: 'reject', reason: expect.stringMatching(/verification failed/) });
    expect(await v.validate(sign(makeProof(root, 1600), 2))).toMatchObject({ action: 'ignore', reason: expect.stringMatching(/already sent/) });
  });

  it('queues proofs for unknown payloads and revalidates them once the payload is known', async () => {
    const known = new Set<string>();
    const v = validator({ isPayloadKnown: (r) => known.has(Buffer.from(r).toString('hex')) });
    const root = payloadRoot(10);
    const pending = v.validate(sign(makeProof(root), 0));
    expect(v.pending.size).toBe(1);
    known.add(Buffer.from(root).toString('hex'));
    expect(v.pending.known(root)).toBe(1);
    expect((await pending).action).toBe('accept');
  });

  it('ignores a proof whose payload never shows up, and a later copy is considered again', async () => {
    const known = new Set<string>();
    const v = validator({ isPayloadKnown: (r) => known.has(Buffer.from(r).toString('hex')), pendingTimeoutMs: 50 });
    const root = payloadRoot(11);
    const bytes = sign(makeProof(root), 0);
    expect(await v.validate(bytes)).toMatchObject({ action: 'ignore', reason: 'payload unknown' });
    known.add(Buffer.from(root).toString('hex'));
    expect((await v.validate(bytes)).action).toBe('accept');
  });

  it('bounds the pending queue', async () => {
    const v = validator({ isPayloadKnown: () => false, maxPending: 2, pendingTimeoutMs: 5000 });
    const waiting = [v.validate(sign(makeProof(payloadRoot(20)), 0)), v.validate(sign(makeProof(payloadRoot(21)), 0))];
    expect(await v.validate(sign(makeProof(payloadRoot(22)), 0))).toMatchObject({ action: 'ignore', reason: 'payload unknown' });
    v.pending.clear();
    expect((await Promise.all(waiting)).map((x) => x.action)).toEqual(['ignore', 'ignore']);
  });
});

describe('ProofValidator (standalone network, no validator keys)', () => {
  it('accepts unsigned proofs that verify and rejects ones that do not', async () => {
    const v = validator({ signatures: undefined });
    expect((await v.validate(unsigned(makeProof(payloadRoot(30))))).action).toBe('accept');
    const forged = makeProof(payloadRoot(31));
    forged.proofData[0] ^= 0x80;
    expect((await v.validate(unsigned(forged))).action).toBe('reject');
  });

  it('requires the canonical unsigned form (index 0, empty signature)', async () => {
    const v = validator({ signatures: undefined });
    const proof = makeProof(payloadRoot(32));
    expect(await v.validate(sign(proof, 0))).toMatchObject({ action: 'reject', reason: expect.stringMatching(/signature must be empty/) });
    const indexed = SignedExecutionProof.serialize({ message: proof, validatorIndex: 5, signature: new Uint8Array(96) });
    expect(await v.validate(indexed)).toMatchObject({ action: 'reject', reason: expect.stringMatching(/validator_index must be 0/) });
  });
});
