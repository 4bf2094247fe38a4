// Snappy as consensus clients use it: the raw block format on gossip, the framing format on req/resp.
// Sizes are checked against the declared length before anything is decompressed (snappy bombs).
import { compress as compressBlock } from 'snappyjs';
import { crc32c } from './crc32c.js';

export class SnappyError extends Error {}

/** Reads an unsigned LEB128 varint of at most 5 bytes (32-bit values), as snappy and req/resp use. */
export function readVarint(bytes: Uint8Array, offset = 0): { value: number; length: number } {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    if (offset + i >= bytes.length) throw new SnappyError('truncated varint');
    const b = bytes[offset + i];
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) {
      if (i > 0 && b === 0) throw new SnappyError('non-minimal varint');
      return { value, length: i + 1 };
    }
  }
  throw new SnappyError('varint longer than 5 bytes');
}

export function encodeVarint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`varint out of range: ${value}`);
  const out: number[] = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Uint8Array.from(out);
}

/** Snappy's worst-case compressed size for n input bytes. */
export function maxCompressedLength(n: number): number {
  return 32 + n + Math.floor(n / 6);
}

/** Compression is snappyjs'; decompression (below) is strict and local. */
export function compressRaw(data: Uint8Array): Uint8Array {
  return compressBlock(data);
}

/** The uncompressed length a raw snappy block declares, without decompressing it. */
export function declaredRawLength(block: Uint8Array): number {
  return readVarint(block).value;
}

/**
 * Decompresses a raw snappy block, refusing blocks that declare more than maxLength bytes. Strict:
 * every literal and copy must stay inside the declared output, copies must point backwards into
 * it, and the output must be exactly the declared length (snappyjs' decoder checks none of this,
 * so decoding is done here, after google/snappy's format_description.txt).
 */
export function uncompressRaw(block: Uint8Array, maxLength: number): Uint8Array {
  const header = readVarint(block);
  const declared = header.value;
  if (declared > maxLength) throw new SnappyError(`declared length ${declared} exceeds limit ${maxLength}`);
  if (block.length > maxCompressedLength(declared)) throw new SnappyError('compressed block longer than its declared length allows');
  const out = new Uint8Array(declared);
  let ip = header.length;
  let op = 0;
  const need = (n: number): void => {
    if (ip + n > block.length) throw new SnappyError('snappy block truncated');
  };
  while (ip < block.length) {
    const tag = block[ip++];
    const kind = tag & 0x03;
    if (kind === 0) {
      let len = tag >>> 2;
      if (len >= 60) {
        const bytes = len - 59;
        need(bytes);
        len = 0;
        for (let i = 0; i < bytes; i++) len += block[ip + i] * 2 ** (8 * i);
        ip += bytes;
      }
      len += 1;
      need(len);
      if (op + len > declared) throw new SnappyError('literal runs past the declared length');
      out.set(block.subarray(ip, ip + len), op);
      ip += len;
      op += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      need(1);
      len = 4 + ((tag >>> 2) & 0x07);
      offset = ((tag >>> 5) << 8) | block[ip];
      ip += 1;
    } else if (kind === 2) {
      need(2);
      len = 1 + (tag >>> 2);
      offset = block[ip] | (block[ip + 1] << 8);
      ip += 2;
    } else {
      need(4);
      len = 1 + (tag >>> 2);
      offset = (block[ip] | (block[ip + 1] << 8) | (block[ip + 2] << 16)) + block[ip + 3] * 2 ** 24;
      ip += 4;
    }
    if (offset === 0 || offset > op) throw new SnappyError('copy points outside the output');
    if (op + len > declared) throw new SnappyError('copy runs past the declared length');
    // Byte by byte: a copy may overlap its own output (run-length style).
    for (let i = 0; i < len; i++, op++) out[op] = out[op - offset];
  }
  if (op !== declared) throw new SnappyError(`snappy block holds ${op} bytes, declared ${declared}`);
  return out;
}

// ---- Framing format (https://github.com/google/snappy/blob/main/framing_format.txt) ----

const STREAM_IDENTIFIER = Uint8Array.of(0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59);
const CHUNK_COMPRESSED = 0x00;
const CHUNK_UNCOMPRESSED = 0x01;
const CHUNK_PADDING = 0xfe;
const CHUNK_STREAM_ID = 0xff;
/** Every chunk holds at most 64 KiB of uncompressed data. */
export const FRAME_MAX_UNCOMPRESSED = 65_536;

/** Worst-case framed size of n bytes: stream identifier, then per chunk 8 bytes of header/CRC and snappy's slack. */
export function maxFramedLength(n: number): number {
  const chunks = Math.max(1, Math.ceil(n / FRAME_MAX_UNCOMPRESSED));
  return STREAM_IDENTIFIER.length + chunks * (8 + 32) + n + Math.floor(n / 6);
}

function maskedCrc(data: Uint8Array): number {
  const c = crc32c(data);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

function chunkHeader(type: number, length: number): Uint8Array {
  return Uint8Array.of(type, length & 0xff, (length >>> 8) & 0xff, (length >>> 16) & 0xff);
}

export function compressFramed(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [STREAM_IDENTIFIER];
  for (let off = 0; off < data.length; off += FRAME_MAX_UNCOMPRESSED) {
    const piece = data.subarray(off, Math.min(data.length, off + FRAME_MAX_UNCOMPRESSED));
    const crc = new Uint8Array(4);
    new DataView(crc.buffer).setUint32(0, maskedCrc(piece), true);
    const packed = compressBlock(piece);
    // Store a piece as-is when snappy cannot shrink it, as the format allows.
    const [type, body] = packed.length < piece.length ? [CHUNK_COMPRESSED, packed] : [CHUNK_UNCOMPRESSED, piece];
    parts.push(chunkHeader(type, body.length + 4), crc, body);
  }
  return concat(parts);
}

/**
 * Incremental decoder of a framed stream whose total uncompressed size is known in advance
 * (req/resp prefixes it). Consumes exactly the chunks that make up `expected` bytes.
 */
export class FramedDecoder {
  private readonly out: Uint8Array;
  private produced = 0;
  private sawStreamId = false;
  private compressedSeen = 0;

  constructor(private readonly expected: number) {
    this.out = new Uint8Array(expected);
  }

  get done(): boolean {
    return this.sawStreamId && this.produced === this.expected;
  }

  get result(): Uint8Array {
    if (!this.done) throw new SnappyError('framed stream incomplete');
    return this.out;
  }

  /**
   * Feeds buffered bytes; returns how many were consumed (whole chunks only). Stops once done so
   * that bytes of the next response chunk are left to the caller.
   */
  push(buf: Uint8Array): number {
    let pos = 0;
    while (!this.done && buf.length - pos >= 4) {
      const type = buf[pos];
      const len = buf[pos + 1] | (buf[pos + 2] << 8) | (buf[pos + 3] << 16);
      this.compressedSeen += len + 4;
      if (this.compressedSeen > maxFramedLength(this.expected)) throw new SnappyError('framed stream longer than its declared length allows');
      if (buf.length - pos < 4 + len) {
        this.compressedSeen -= len + 4;
        break;
      }
      const body = buf.subarray(pos + 4, pos + 4 + len);
      pos += 4 + len;
      if (type === CHUNK_STREAM_ID) {
        if (len !== 6 || !equal(body, STREAM_IDENTIFIER.subarray(4))) throw new SnappyError('bad stream identifier');
        this.sawStreamId = true;
        continue;
      }
      if (!this.sawStreamId) throw new SnappyError('framed stream does not start with the stream identifier');
      if (type === CHUNK_COMPRESSED || type === CHUNK_UNCOMPRESSED) {
        if (len < 4) throw new SnappyError('chunk shorter than its checksum');
        const crc = new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true);
        const payload = body.subarray(4);
        const remaining = Math.min(FRAME_MAX_UNCOMPRESSED, this.expected - this.produced);
        const piece = type === CHUNK_COMPRESSED ? uncompressRaw(payload, remaining) : payload;
        if (piece.length > remaining) throw new SnappyError('framed data longer than declared');
        if (maskedCrc(piece) !== crc) throw new SnappyError('chunk checksum mismatch');
        this.out.set(piece, this.produced);
        this.produced += piece.length;
      } else if (type === CHUNK_PADDING || type >= 0x80) {
        // Padding and reserved skippable chunks carry nothing.
      } else {
        throw new SnappyError(`reserved unskippable chunk type 0x${type.toString(16)}`);
      }
    }
    return pos;
  }
}

export function uncompressFramed(data: Uint8Array, expected: number): Uint8Array {
  const dec = new FramedDecoder(expected);
  const used = dec.push(data);
  if (!dec.done) throw new SnappyError('framed stream truncated');
  if (used !== data.length) throw new SnappyError('trailing bytes after framed stream');
  return dec.result;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
