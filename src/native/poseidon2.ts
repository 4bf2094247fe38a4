// Poseidon2 over KoalaBear (Plonky3 >= v0.5 default instances, widths 16 and 24).
import { loadAddon } from './loader.js';

/** Widths with a default Poseidon2 instance. */
export const POSEIDON2_WIDTHS = [16, 24] as const;
/** The KoalaBear prime 2^31 - 2^24 + 1: every state element must be below it. */
export const KOALABEAR_P = 0x7f000001;

interface Poseidon2Addon {
  poseidon2(state: readonly number[] | Uint32Array): Uint32Array;
}

/**
 * Applies the Poseidon2 permutation to a state of 16 or 24 canonical field elements and returns the
 * permuted state. Throws a TypeError for any other length, non-integers or values >= p.
 */
export function poseidon2(state: readonly number[] | Uint32Array): Uint32Array {
  return loadAddon<Poseidon2Addon>().poseidon2(state);
}
