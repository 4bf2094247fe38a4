// Catch-up wire format over an in-memory byte stream, split at every possible boundary.
import { describe, expect, it } from 'vitest';
import { encodeErrorChunk, encodePayload, encodeRequest, encodeSuccessChunk, ReqRespError, StreamReader } from '../../src/p2p/reqresp.js';
import { concat, encodeVarint } from '../../src/p2p/snappy.js';
import { ProofsByRootRequest, SignedExecutionProof } from '../../src/p2p/containers.js';
import { MAX_SIGNED_EXECUTION_PROOF_SIZE, RESP_RESOURCE_UNAVAILABLE } from '../../src/p2p/constants.js';
import { makeProof, payloadRoot } from './helpers.js';

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('by-root catch-up encoding', () => {
  const roots = [payloadRoot('a'), payloadRoot('b')];
  const proofSsz = SignedExecutionProof.serialize({ message: makeProof(payloadRoot('a'), 70_000), validatorIndex: 3, signature: new Uint8Array(96).fill(5) });

  it('decodes a request and response chunks whatever the stream chunking', async () => {
    const wire = concat([encodeRequest(roots), encodeSuccessChunk(proofSsz), encodeSuccessChunk(proofSsz)]);
    for (const size of [1, 7, 4096, wire.length]) {
      const r = new StreamReader(chunks(wire, size));
      expect(ProofsByRootRequest.deserialize(await r.readPayload(128 * 32, 32))).toEqual(roots);
      for (let i = 0; i < 2; i++) {
        expect(await r.readByte()).toBe(0);
        expect(await r.readPayload(MAX_SIGNED_EXECUTION_PROOF_SIZE)).toEqual(proofSsz);
      }
      expect(await r.atEnd()).toBe(true);
    }
  });

  it('refuses empty or over-long requests when encoding', () => {
    expect(() => encodeRequest([])).toThrow(ReqRespError);
    expect(() => encodeRequest(Array.from({ length: 129 }, (_, i) => payloadRoot(i)))).toThrow(ReqRespError);
  });

  it('rejects a declared length over the limit before reading the body', async () => {
    const r = new StreamReader(chunks(concat([encodeVarint(MAX_SIGNED_EXECUTION_PROOF_SIZE + 1), new Uint8Array(10)]), 4));
    await expect(r.readPayload(MAX_SIGNED_EXECUTION_PROOF_SIZE)).rejects.toThrow(/outside/);
  });

  it('rejects a stream that ends inside a payload, and corrupt framing', async () => {
    const full = encodePayload(proofSsz);
    await expect(new StreamReader(chunks(full.subarray(0, full.length - 3), 100)).readPayload(MAX_SIGNED_EXECUTION_PROOF_SIZE)).rejects.toThrow(/ended inside/);
    const corrupt = full.slice();
    corrupt[full.length - 1] ^= 0xff;
    await expect(new StreamReader(chunks(corrupt, 100)).readPayload(MAX_SIGNED_EXECUTION_PROOF_SIZE)).rejects.toThrow(ReqRespError);
    await expect(new StreamReader(chunks(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), 2)).readVarint()).rejects.toThrow(/longer than 5/);
  });

  it('carries error responses with a bounded message', async () => {
    const r = new StreamReader(chunks(encodeErrorChunk(RESP_RESOURCE_UNAVAILABLE, 'x'.repeat(1000)), 9));
    expect(await r.readByte()).toBe(RESP_RESOURCE_UNAVAILABLE);
    expect((await r.readPayload(256)).length).toBe(256);
  });
});
