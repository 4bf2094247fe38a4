// Wire formats: snappy (raw and framed), SSZ containers, topic, message id, signing domain.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  compressFramed,
  compressRaw,
  encodeVarint,
  maxFramedLength,
  readVarint,
  SnappyError,
  uncompressFramed,
  uncompressRaw,
} from '../../src/p2p/snappy.js';
import { crc32c } from '../../src/p2p/crc32c.js';
import { ExecutionProof, SignedExecutionProof } from '../../src/p2p/containers.js';
import { DOMAIN_EXECUTION_PROOF, MAX_PROOF_SIZE, MAX_SIGNED_EXECUTION_PROOF_SIZE } from '../../src/p2p/constants.js';
import { computeForkDigest, computeMessageId, executionProofTopic, standaloneForkDigest } from '../../src/p2p/topic.js';
import { executionProofDomain, signingRoot } from '../../src/p2p/signing.js';

function pseudoRandom(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('snappy raw block (gossip)', () => {
  it('round-trips compressible and incompressible data', () => {
    for (const data of [new Uint8Array(0), new Uint8Array(100_000).fill(3), pseudoRandom(70_000, 1)]) {
      expect(uncompressRaw(compressRaw(data), data.length)).toEqual(data);
    }
  });

  it('rejects a block declaring more than the limit without decompressing it (snappy bomb)', () => {
    // A 6-byte message that claims 100 MiB: must fail on the header alone.
    const bomb = new Uint8Array([...encodeVarint(100 * 1024 * 1024), 0x00]);
    expect(() => uncompressRaw(bomb, MAX_SIGNED_EXECUTION_PROOF_SIZE)).toThrow(/declared length/);
  });

  it('rejects truncated and corrupt blocks', () => {
    const block = compressRaw(pseudoRandom(5000, 2));
    expect(() => uncompressRaw(block.subarray(0, block.length - 10), 10_000)).toThrow(SnappyError);
    expect(() => uncompressRaw(new Uint8Array([0x80, 0x80]), 10_000)).toThrow(SnappyError);
    const lying = compressRaw(new Uint8Array(50).fill(9));
    lying[0] = 60; // declares 60 bytes, holds 50
    expect(() => uncompressRaw(lying, 10_000)).toThrow(SnappyError);
  });

  it('decodes overlapping copies and refuses copies outside the output', () => {
    // 'a' then copy(offset 1, len 9): ten 'a's, as the format allows.
    const ok = Uint8Array.of(10, 0x00, 0x61, (((9 - 1) << 2) | 2), 1, 0);
    expect(new TextDecoder().decode(uncompressRaw(ok, 100))).toBe('aaaaaaaaaa');
    const backTooFar = Uint8Array.of(10, 0x00, 0x61, (((9 - 1) << 2) | 2), 2, 0);
    expect(() => uncompressRaw(backTooFar, 100)).toThrow(/outside the output/);
    const zeroOffset = Uint8Array.of(10, 0x00, 0x61, (((9 - 1) << 2) | 2), 0, 0);
    expect(() => uncompressRaw(zeroOffset, 100)).toThrow(/outside the output/);
    const pastEnd = Uint8Array.of(5, 0x00, 0x61, (((9 - 1) << 2) | 2), 1, 0);
    expect(() => uncompressRaw(pastEnd, 100)).toThrow(/past the declared length/);
  });

  it('varints round-trip and reject overlong encodings', () => {
    for (const v of [0, 1, 127, 128, 300, 2 ** 21, 0xffffffff]) {
      const enc = encodeVarint(v);
      expect(readVarint(enc)).toEqual({ value: v, length: enc.length });
    }
    expect(() => readVarint(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]))).toThrow(SnappyError);
    expect(() => readVarint(new Uint8Array([0x80, 0x00]))).toThrow(/non-minimal/);
  });
});

describe('snappy framing (req/resp)', () => {
  it('crc32c matches the standard check value', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('round-trips across several 64 KiB chunks', () => {
    const data = pseudoRandom(200_000, 3);
    data.fill(0, 10_000, 90_000);
    const framed = compressFramed(data);
    expect(framed.length).toBeLessThanOrEqual(maxFramedLength(data.length));
    expect(uncompressFramed(framed, data.length)).toEqual(data);
  });

  it('detects a flipped byte, a wrong expected length and a missing stream identifier', () => {
    const data = pseudoRandom(1000, 4);
    const framed = compressFramed(data);
    const flipped = framed.slice();
    flipped[framed.length - 5] ^= 0x01;
    expect(() => uncompressFramed(flipped, data.length)).toThrow(SnappyError);
    expect(() => uncompressFramed(framed, data.length - 1)).toThrow(SnappyError);
    expect(() => uncompressFramed(framed, data.length + 1)).toThrow(SnappyError);
    expect(() => uncompressFramed(framed.subarray(10), data.length)).toThrow(/stream identifier/);
  });

  it('refuses a chunk header longer than the declared size allows before buffering it', () => {
    const header = Uint8Array.of(0xff, 6, 0, 0, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59, 0x00, 0xff, 0xff, 0xff);
    expect(() => uncompressFramed(header, 10)).toThrow(/longer than its declared length/);
  });
});

describe('SSZ containers of the pinned EIP-8025 version', () => {
  const proof = { proofData: pseudoRandom(1000, 5), proofType: 2, publicInput: { newPayloadRequestRoot: new Uint8Array(32).fill(0xab) } };

  it('round-trips a SignedExecutionProof', () => {
    const signed = { message: proof, validatorIndex: 42, signature: new Uint8Array(96).fill(1) };
    const bytes = SignedExecutionProof.serialize(signed);
    expect(bytes.length).toBe(145 + 1000);
    expect(SignedExecutionProof.deserialize(bytes)).toEqual(signed);
  });

  it('MAX_SIGNED_EXECUTION_PROOF_SIZE is the encoded size of a maximal proof', () => {
    const big = { message: { ...proof, proofData: new Uint8Array(MAX_PROOF_SIZE) }, validatorIndex: 0, signature: new Uint8Array(96) };
    expect(SignedExecutionProof.serialize(big).length).toBe(MAX_SIGNED_EXECUTION_PROOF_SIZE);
  });

  it('hash_tree_root (native hashtree hasher) equals a direct SHA-256 merkleization', () => {
    const sha = (...parts: Uint8Array[]): Uint8Array => {
      const h = createHash('sha256');
      for (const p of parts) h.update(p);
      return h.digest();
    };
    const zero: Uint8Array[] = [new Uint8Array(32)];
    for (let d = 1; d <= 20; d++) zero.push(sha(zero[d - 1], zero[d - 1]));
    const merkleize = (chunks: Uint8Array[], depth: number): Uint8Array => {
      let layer = chunks;
      for (let d = 0; d < depth; d++) {
        if (layer.length === 0) return zero[depth];
        if (layer.length % 2 === 1) layer = [...layer, zero[d]];
        const next: Uint8Array[] = [];
        for (let i = 0; i < layer.length; i += 2) next.push(sha(layer[i], layer[i + 1]));
        layer = next;
      }
      return layer[0];
    };
    const data = pseudoRandom(100_001, 9);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < data.length; i += 32) {
      const c = new Uint8Array(32);
      c.set(data.subarray(i, i + 32));
      chunks.push(c);
    }
    const lengthChunk = new Uint8Array(32);
    new DataView(lengthChunk.buffer).setUint32(0, data.length, true);
    const dataRoot = sha(merkleize(chunks, Math.log2(MAX_PROOF_SIZE / 32)), lengthChunk);
    const typeChunk = new Uint8Array(32);
    typeChunk[0] = 3;
    const payloadRootBytes = new Uint8Array(32).fill(0x5a);
    const expected = merkleize([dataRoot, typeChunk, payloadRootBytes], 2);
    const root = ExecutionProof.hashTreeRoot({ proofData: data, proofType: 3, publicInput: { newPayloadRequestRoot: payloadRootBytes } });
    expect(Buffer.from(root).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
  });

  it('rejects truncated, over-long and offset-corrupted encodings', () => {
    const bytes = SignedExecutionProof.serialize({ message: proof, validatorIndex: 1, signature: new Uint8Array(96) });
    expect(() => SignedExecutionProof.deserialize(bytes.subarray(0, 50))).toThrow();
    const badOffset = bytes.slice();
    badOffset[0] = 0xff;
    expect(() => SignedExecutionProof.deserialize(badOffset)).toThrow();
    expect(() => ExecutionProof.deserialize(new Uint8Array(3))).toThrow();
  });
});

describe('topic, message id, domain', () => {
  it('names the topic with the lowercase hex fork digest', () => {
    expect(executionProofTopic(Uint8Array.of(0xab, 0xcd, 0x01, 0x02))).toBe('/eth2/abcd0102/execution_proof/ssz_snappy');
    expect(() => executionProofTopic(new Uint8Array(3))).toThrow();
  });

  it('computes the Altair message id over domain, topic length, topic and uncompressed data', () => {
    const topic = '/eth2/abcd0102/execution_proof/ssz_snappy';
    const data = pseudoRandom(64, 6);
    const len = Buffer.alloc(8);
    len.writeUInt32LE(topic.length, 0);
    const expected = createHash('sha256').update(Buffer.from([1, 0, 0, 0])).update(len).update(topic).update(data).digest().subarray(0, 20);
    expect(Buffer.from(computeMessageId(topic, data))).toEqual(expected);
    expect(computeMessageId(topic + 'x', data)).not.toEqual(computeMessageId(topic, data));
  });

  it('fork digests and domains follow compute_fork_data_root', () => {
    // Mainnet phase0: fork version 0x00000000 with the mainnet genesis validators root gives 0xb5303f2a.
    const gvr = Buffer.from('4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95', 'hex');
    expect(Buffer.from(computeForkDigest(new Uint8Array(4), gvr)).toString('hex')).toBe('b5303f2a');
    const domain = executionProofDomain(new Uint8Array(4), gvr);
    expect([...domain.subarray(0, 4)]).toEqual([...DOMAIN_EXECUTION_PROOF]);
    expect(standaloneForkDigest('a')).not.toEqual(standaloneForkDigest('b'));
  });

  it('the signing root commits to every field of the proof', () => {
    const domain = new Uint8Array(32).fill(7);
    const base = { proofData: new Uint8Array([1, 2, 3]), proofType: 1, publicInput: { newPayloadRequestRoot: new Uint8Array(32) } };
    const root = signingRoot(base, domain);
    expect(signingRoot({ ...base, proofType: 2 }, domain)).not.toEqual(root);
    expect(signingRoot({ ...base, proofData: new Uint8Array([1, 2, 4]) }, domain)).not.toEqual(root);
    expect(signingRoot({ ...base, publicInput: { newPayloadRequestRoot: new Uint8Array(32).fill(1) } }, domain)).not.toEqual(root);
    expect(signingRoot(base, new Uint8Array(32).fill(8))).not.toEqual(root);
  });
});
