// snappyjs ships no types; only its raw-block compressor is used (decompression is in snappy.ts).
declare module 'snappyjs' {
  export function compress(data: Uint8Array): Uint8Array;
}
