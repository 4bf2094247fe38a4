// Catch-up over libp2p streams, modelled on consensus req/resp ExecutionProofsByRoot:
//   request  = varint(ssz length) ‖ snappy-framed(List[Root, 128])        (new_payload_request_roots)
//   response = chunks of  result byte ‖ varint(ssz length) ‖ snappy-framed(SignedExecutionProof)
// Everything is bounded: request size, chunk count, chunk size, and the exchange's duration.
import type { Stream } from '@libp2p/interface';
import {
  MAX_EXECUTION_PROOFS_PER_PAYLOAD,
  MAX_REQUEST_BLOCKS_DENEB,
  MAX_REQUEST_EXECUTION_PROOFS,
  MAX_SIGNED_EXECUTION_PROOF_SIZE,
  RESP_INVALID_REQUEST,
  RESP_SUCCESS,
} from './constants.js';
import { ProofsByRootRequest } from './containers.js';
import { compressFramed, concat, encodeVarint, FramedDecoder, SnappyError } from './snappy.js';

export class ReqRespError extends Error {}

const MAX_ERROR_MESSAGE = 256;

/** Encodes one SSZ payload as `varint(len) ‖ framed snappy`. */
export function encodePayload(ssz: Uint8Array): Uint8Array {
  return concat([encodeVarint(ssz.length), compressFramed(ssz)]);
}

export function encodeRequest(roots: Uint8Array[]): Uint8Array {
  if (roots.length === 0 || roots.length > MAX_REQUEST_BLOCKS_DENEB) throw new ReqRespError(`request must name 1..${MAX_REQUEST_BLOCKS_DENEB} roots`);
  return encodePayload(ProofsByRootRequest.serialize(roots));
}

export function encodeSuccessChunk(ssz: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(RESP_SUCCESS), encodePayload(ssz)]);
}

export function encodeErrorChunk(code: number, message: string): Uint8Array {
  const bytes = new TextEncoder().encode(message).subarray(0, MAX_ERROR_MESSAGE);
  return concat([Uint8Array.of(code), encodePayload(bytes)]);
}

/** A stream chunk: bytes, or a Uint8ArrayList (typed structurally: several copies of that package exist). */
type Chunk = Uint8Array | { subarray(): Uint8Array };

/** Pull-based reader over a libp2p stream's chunks. */
export class StreamReader {
  private buf: Uint8Array = new Uint8Array(0);
  private readonly it: AsyncIterator<Chunk>;
  private ended = false;

  constructor(source: AsyncIterable<Chunk>) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** Pulls one more chunk from the stream; false at end of stream. */
  private async pull(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.it.next();
    if (r.done === true) {
      this.ended = true;
      return false;
    }
    const chunk = r.value instanceof Uint8Array ? r.value : r.value.subarray();
    this.buf = this.buf.length === 0 ? chunk : concat([this.buf, chunk]);
    return true;
  }

  /** True when the stream ended with nothing left to read. */
  async atEnd(): Promise<boolean> {
    while (this.buf.length === 0) if (!(await this.pull())) return true;
    return false;
  }

  async readByte(): Promise<number> {
    while (this.buf.length < 1) if (!(await this.pull())) throw new ReqRespError('stream ended early');
    const b = this.buf[0];
    this.buf = this.buf.subarray(1);
    return b;
  }

  async readVarint(): Promise<number> {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const b = await this.readByte();
      value += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) return value;
    }
    throw new ReqRespError('length prefix longer than 5 bytes');
  }

  /** Reads `varint(len) ‖ framed snappy` with len ≤ maxLength. */
  async readPayload(maxLength: number, minLength = 0): Promise<Uint8Array> {
    const length = await this.readVarint();
    if (length > maxLength || length < minLength) throw new ReqRespError(`payload length ${length} outside [${minLength}, ${maxLength}]`);
    const dec = new FramedDecoder(length);
    try {
      for (;;) {
        this.buf = this.buf.subarray(dec.push(this.buf));
        if (dec.done) return dec.result;
        if (!(await this.pull())) throw new ReqRespError('stream ended inside a payload');
      }
    } catch (e) {
      if (e instanceof SnappyError) throw new ReqRespError(`bad snappy framing: ${e.message}`);
      throw e;
    }
  }
}

/** Writes bytes, waiting for the stream to drain when its buffer is full. */
export async function writeAll(stream: Stream, bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
  if (!stream.send(bytes)) await stream.onDrain({ signal });
}

/** Server side: reads a request, answers with stored proofs (at most `MAX_REQUEST_EXECUTION_PROOFS`). */
export async function serveProofsByRoot(
  stream: Stream,
  lookup: (root: Uint8Array) => Promise<Uint8Array[]>,
  signal: AbortSignal,
): Promise<number> {
  const reader = new StreamReader(stream);
  let roots: Uint8Array[];
  try {
    const ssz = await reader.readPayload(MAX_REQUEST_BLOCKS_DENEB * 32, 32);
    roots = ProofsByRootRequest.deserialize(ssz);
  } catch (e) {
    await writeAll(stream, encodeErrorChunk(RESP_INVALID_REQUEST, (e as Error).message), signal);
    await stream.close({ signal });
    return 0;
  }
  let sent = 0;
  for (const root of roots) {
    for (const proof of await lookup(root)) {
      if (sent >= MAX_REQUEST_EXECUTION_PROOFS) break;
      await writeAll(stream, encodeSuccessChunk(proof), signal);
      sent++;
    }
  }
  await stream.close({ signal });
  return sent;
}

/** Client side: sends the request and collects the SSZ bytes of each proof returned. */
export async function requestProofsByRoot(stream: Stream, roots: Uint8Array[], signal: AbortSignal, maxTotalBytes = Infinity): Promise<Uint8Array[]> {
  await writeAll(stream, encodeRequest(roots), signal);
  await stream.close({ signal });
  const reader = new StreamReader(stream);
  const out: Uint8Array[] = [];
  const limit = Math.min(MAX_REQUEST_EXECUTION_PROOFS, roots.length * MAX_EXECUTION_PROOFS_PER_PAYLOAD);
  let total = 0;
  while (!(await reader.atEnd())) {
    const code = await reader.readByte();
    if (code !== RESP_SUCCESS) {
      const msg = await reader.readPayload(MAX_ERROR_MESSAGE);
      throw new ReqRespError(`peer answered error ${code}: ${new TextDecoder().decode(msg)}`);
    }
    if (out.length >= limit) throw new ReqRespError('peer sent more proofs than requested');
    const proof = await reader.readPayload(Math.min(MAX_SIGNED_EXECUTION_PROOF_SIZE, maxTotalBytes - total));
    total += proof.length;
    out.push(proof);
  }
  return out;
}
