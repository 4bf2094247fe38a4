// Shared fixtures for the p2p tests: validator keys, proofs, and a test proof checker.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretKey, PublicKey } from '@chainsafe/blst';
import type { ExecutionProof } from '../../src/p2p/containers.js';
import { executionProofDomain, staticValidatorSet, type SignatureScheme } from '../../src/p2p/signing.js';
import type { ProofVerifier } from '../../src/p2p/verifier.js';

export const GENESIS_ROOT = new Uint8Array(32).fill(0x42);
export const FORK_VERSION = Uint8Array.of(0x10, 0, 0, 0x01);
export const DOMAIN = executionProofDomain(FORK_VERSION, GENESIS_ROOT);

export function validatorKey(index: number): SecretKey {
  return SecretKey.fromKeygen(createHash('sha256').update(`oneproof-test-validator-${index}`).digest());
}

/** Validators 0..n-1 are active. */
export function validatorSet(n: number): SignatureScheme {
  const keys = new Map<number, PublicKey>();
  for (let i = 0; i < n; i++) keys.set(i, validatorKey(i).toPublicKey());
  return staticValidatorSet(DOMAIN, keys);
}

export function payloadRoot(label: string | number): Uint8Array {
  return Uint8Array.from(createHash('sha256').update(`payload-${label}`).digest());
}

/**
 * Test stand-in for the injected proof system (the gossip layer only sees `ProofVerifier`): a proof
 * is accepted iff its data starts with SHA256(tag ‖ payload root ‖ proof type), so flipping any of
 * those bytes or re-targeting the proof makes it fail, as a real verifier would.
 */
export const bindingVerifier: ProofVerifier = {
  async verify(proof) {
    const expected = bindingTag(proof.publicInput.newPayloadRequestRoot, proof.proofType);
    const got = proof.proofData.subarray(0, 32);
    return Buffer.from(got).equals(Buffer.from(expected)) ? true : 'proof does not bind the public input';
  },
};

function bindingTag(root: Uint8Array, proofType: number): Uint8Array {
  return Uint8Array.from(createHash('sha256').update('oneproof-test-proof').update(root).update(Uint8Array.of(proofType)).digest());
}

/** A proof `bindingVerifier` accepts, padded to `size` bytes. */
export function makeProof(root: Uint8Array, size = 1024, proofType = 1): ExecutionProof {
  const data = new Uint8Array(Math.max(size, 32));
  for (let i = 32; i < data.length; i++) data[i] = (i * 31 + root[i % 32]) & 0xff;
  data.set(bindingTag(root, proofType), 0);
  return { proofData: data, proofType, publicInput: { newPayloadRequestRoot: root } };
}

const tempDirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `oneproof-p2p-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** Removes every directory `tempDir` made in this test file (call from afterAll, after nodes stop). */
export function removeTempDirs(): void {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Resolves once `pred()` holds, checking every `everyMs`; rejects after `timeoutMs` (not a timing assertion: a deadlock guard). */
export async function waitUntil(pred: () => boolean, what: string, timeoutMs = 30_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
