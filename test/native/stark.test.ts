// The addon's STARK surface: example proofs verify, and tampered, truncated or mismatched inputs
// are refused with a reason (never a crash).
import { describe, expect, it } from 'vitest';
import { securityBits, starkExampleProve, starkPresets, starkVerify } from '../../src/native/index.js';

const FAST = { logBlowup: 1, numQueries: 16, powBits: 4, logFinalPolyLen: 0 };

describe('stark (native)', () => {
  it('proves and verifies the Fibonacci example with its public values', () => {
    const { vk, proof, publicValues } = starkExampleProve('fibonacci', 6, FAST);
    expect(publicValues).toHaveLength(1);
    expect(publicValues[0]).toHaveLength(3);
    expect(starkVerify(vk, proof, publicValues)).toEqual({ ok: true });
  });

  it('verifies a two-table LogUp proof, with binary and arity-8 FRI', () => {
    const { vk, proof, publicValues } = starkExampleProve('range-lookup', 5, FAST);
    expect(starkVerify(vk, proof, publicValues).ok).toBe(true);
    const wide = starkExampleProve('range-lookup', 5, { ...FAST, maxLogArity: 3 });
    expect(starkVerify(wide.vk, wide.proof, wide.publicValues).ok).toBe(true);
    expect(wide.proof.length).toBeLessThan(proof.length);
  });

  it('refuses wrong public values, flipped bytes, truncation and garbage', () => {
    const { vk, proof, publicValues } = starkExampleProve('fibonacci', 5, FAST);
    const wrong = [[publicValues[0][0], publicValues[0][1], (publicValues[0][2] + 1) % 0x7f000001]];
    expect(starkVerify(vk, proof, wrong).ok).toBe(false);
    for (const pos of [0, 9, Math.floor(proof.length / 3), proof.length - 1]) {
      const flipped = proof.slice();
      flipped[pos] ^= 0x40;
      expect(starkVerify(vk, flipped, publicValues).ok).toBe(false);
    }
    const cut = starkVerify(vk, proof.slice(0, proof.length - 5), publicValues);
    expect(cut.ok).toBe(false);
    if (!cut.ok) expect(cut.error).toMatch(/malformed/);
    expect(starkVerify(vk, new Uint8Array(100), publicValues).ok).toBe(false);
    expect(starkVerify(new Uint8Array([1, 2, 3]), proof, publicValues).ok).toBe(false);
  });

  it('refuses a proof under another machine\'s key', () => {
    const a = starkExampleProve('fibonacci', 5, FAST);
    const b = starkExampleProve('wide-4', 5, FAST);
    expect(starkVerify(b.vk, a.proof, a.publicValues).ok).toBe(false);
  });

  it('throws TypeErrors for bad argument types', () => {
    expect(() => starkVerify('x' as unknown as Uint8Array, new Uint8Array(), [])).toThrow(TypeError);
    expect(() => starkExampleProve('nope' as 'fibonacci', 5, FAST)).toThrow(TypeError);
    expect(() => starkExampleProve('fibonacci', 5, { ...FAST, logBlowup: 0 })).toThrow(TypeError);
  });

  it('reports security bits for the presets', () => {
    const presets = starkPresets();
    expect(securityBits(presets.default, 21).conjectured).toBeGreaterThanOrEqual(100);
    expect(securityBits(presets.provable, 21).provable).toBeGreaterThanOrEqual(100);
    expect(securityBits(presets.default, 21).provable).toBeLessThan(100);
  });
});
