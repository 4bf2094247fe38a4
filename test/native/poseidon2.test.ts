// The addon's poseidon2 reproduces Plonky3's published KoalaBear vectors and rejects bad input.
import { describe, expect, it } from 'vitest';
import { KOALABEAR_P, poseidon2 } from '../../src/native/index.js';

// Plonky3 >= v0.5.0, koala-bear/src/poseidon2.rs: test_default_koalabear_poseidon2_width_{16,24}.
const W16_INPUT = [
  894848333, 1437655012, 1200606629, 1690012884, 71131202, 1749206695, 1717947831, 120589055, 19776022,
  42382981, 1831865506, 724844064, 171220207, 1299207443, 227047920, 1783754913,
];
const W16_EXPECTED = [
  1934285469, 604889435, 133449501, 1026180808, 1830659359, 176667110, 1391183747, 351743874, 1238264085,
  1292768839, 2023573270, 1201586780, 1360691759, 1230682461, 748270449, 651545025,
];
const W24_INPUT = [
  886409618, 1327899896, 1902407911, 591953491, 648428576, 1844789031, 1198336108, 355597330, 1799586834,
  59617783, 790334801, 1968791836, 559272107, 31054313, 1042221543, 474748436, 135686258, 263665994,
  1962340735, 1741539604, 2026927696, 449439011, 1131357108, 50869465,
];
const W24_EXPECTED = [
  382801106, 82839311, 1503190615, 1987418517, 854076995, 1862291425, 262755189, 1050814217, 722724562,
  741265943, 1026879332, 754316749, 1966025564, 1518878196, 502200188, 1368172258, 845459257, 1711434837,
  724453836, 171032289, 655223446, 1098636135, 407832555, 1707498914,
];

describe('poseidon2 (native)', () => {
  it('reproduces the width-16 vector from a number[]', () => {
    const out = poseidon2(W16_INPUT);
    expect(out).toBeInstanceOf(Uint32Array);
    expect(Array.from(out)).toEqual(W16_EXPECTED);
  });

  it('reproduces the width-24 vector from a Uint32Array', () => {
    expect(Array.from(poseidon2(Uint32Array.from(W24_INPUT)))).toEqual(W24_EXPECTED);
  });

  it('does not modify its input and is sensitive to every element', () => {
    const input = Uint32Array.from(W16_INPUT);
    poseidon2(input);
    expect(Array.from(input)).toEqual(W16_INPUT);
    for (let i = 0; i < 16; i++) {
      const tampered = W16_INPUT.slice();
      tampered[i] = (tampered[i] + 1) % KOALABEAR_P;
      expect(Array.from(poseidon2(tampered))).not.toEqual(W16_EXPECTED);
    }
  });

  it('accepts the edge values 0 and p - 1', () => {
    expect(poseidon2(new Array(16).fill(0))).toHaveLength(16);
    expect(poseidon2(new Array(24).fill(KOALABEAR_P - 1))).toHaveLength(24);
  });

  it('rejects wrong widths with a TypeError', () => {
    for (const n of [0, 1, 8, 15, 17, 23, 25, 32]) {
      expect(() => poseidon2(new Array(n).fill(1))).toThrow(TypeError);
    }
    expect(() => poseidon2(new Uint32Array(12))).toThrow(/16 or 24/);
  });

  it('rejects values outside [0, p) and non-integers with a TypeError', () => {
    const bad: unknown[] = [KOALABEAR_P, 0xffffffff, -1, 1.5, Number.NaN, Infinity, '1', null, 2 ** 53];
    for (const value of bad) {
      const state: unknown[] = W16_INPUT.slice();
      state[5] = value;
      expect(() => poseidon2(state as number[])).toThrow(TypeError);
    }
    const typed = Uint32Array.from(W16_INPUT);
    typed[3] = KOALABEAR_P;
    expect(() => poseidon2(typed)).toThrow(/\[0, p\)/);
  });

  it('rejects non-array arguments with a TypeError', () => {
    const wrong: unknown[] = [undefined, 42, 'abc', {}, new Int32Array(16), new Float64Array(16), Buffer.alloc(64)];
    for (const value of wrong) expect(() => poseidon2(value as number[])).toThrow(TypeError);
    expect(() => (poseidon2 as unknown as () => Uint32Array)()).toThrow(TypeError);
  });
});
