// keccak-f[1600] chip constraints (keccak_air.h).
#include "chips/keccak/keccak_air.h"

#include <vector>
#include "chips/buses.h"

namespace oneproof::chips::keccak {

using air::Expr;

namespace {

Expr xor2(const Expr& u, const Expr& v) { return u + v - 2 * (u * v); }
Expr xor3(const Expr& u, const Expr& v, const Expr& w) { return xor2(xor2(u, v), w); }  // degree 3 on bits

// sum_{i<16} 2^i bits[i]
Expr recompose(air::AirBuilder& b, const std::vector<Expr>& bits) {
  Expr sum = b.constant(0u);
  for (size_t i = 0; i < bits.size(); ++i) sum += bits[i] * (uint32_t(1) << i);
  return sum;
}

void eval_round_flags(air::AirBuilder& b) {
  for (size_t r = 0; r < kRounds; ++r)
    b.when_first_row().assert_eq(b.local(Cols::step(r)), r == 0 ? 1u : 0u, "round flags start at round 0");
  for (size_t r = 0; r < kRounds; ++r)
    b.when_transition().assert_eq(b.next(Cols::step((r + 1) % kRounds)), b.local(Cols::step(r)), "round flags rotate");
}

void eval_permutation_values(air::AirBuilder& b) {
  b.assert_bool(b.local(Cols::kReal), "real is boolean");
  const Expr not_last = 1u - b.local(Cols::step(kRounds - 1));
  const air::ConstraintScope within = b.when_transition().when(not_last);
  std::vector<size_t> carried = {Cols::kReal, Cols::kPtrQ, Cols::kPtrHi, Cols::kGapLo, Cols::kGapHi, Cols::kTs};
  for (size_t i = 0; i < kLanes * kLimbs; ++i) carried.push_back(Cols::kInput + i);
  for (size_t c : carried) within.assert_eq(b.next(c), b.local(c), "per-permutation value constant");
  for (size_t i = 0; i < kLanes * kLimbs; ++i)
    b.when(b.local(Cols::step(0))).assert_eq(b.local(Cols::kA + i), b.local(Cols::kInput + i), "round 0 reads the input");
  for (size_t ln = 0; ln < kLanes; ++ln)
    for (size_t k = 0; k < kLimbs; ++k) {
      const Expr out = ln == 0 ? b.local(Cols::out00(k)) : b.local(Cols::chi(ln, k));
      within.assert_eq(b.next(Cols::a(ln, k)), out, "next round reads this round's output");
    }
}

void eval_theta(air::AirBuilder& b) {
  for (size_t x = 0; x < 5; ++x)
    for (size_t z = 0; z < 64; ++z) {
      const Expr c = b.local(Cols::c(x, z));
      b.assert_bool(c, "C bit");
      const Expr expected = xor3(c, b.local(Cols::c((x + 4) % 5, z)), b.local(Cols::c((x + 1) % 5, (z + 63) % 64)));
      b.assert_eq(b.local(Cols::c_prime(x, z)), expected, "C' = C ^ D");
      Expr column = -b.local(Cols::c_prime(x, z));
      for (size_t y = 0; y < 5; ++y) column += b.local(Cols::a_prime(lane(x, y), z));
      b.assert_zero(column * (column - 2u) * (column - 4u), "A' column parity is C'");
    }
  for (size_t ln = 0; ln < kLanes; ++ln) {
    const size_t x = ln % 5;
    for (size_t z = 0; z < 64; ++z) b.assert_bool(b.local(Cols::a_prime(ln, z)), "A' bit");
    for (size_t k = 0; k < kLimbs; ++k) {
      std::vector<Expr> bits;
      for (size_t i = 0; i < 16; ++i) {
        const size_t z = 16 * k + i;
        bits.push_back(xor3(b.local(Cols::a_prime(ln, z)), b.local(Cols::c(x, z)), b.local(Cols::c_prime(x, z))));
      }
      b.assert_eq(b.local(Cols::a(ln, k)), recompose(b, bits), "A = A' ^ D");
    }
  }
}

// Bit z of lane (x, y) after rho and pi: a rotated bit of the source lane's A'.
Expr pi_rho_bit(air::AirBuilder& b, size_t x, size_t y, size_t z) {
  const size_t src = pi_source(x % 5, y);
  return b.local(Cols::a_prime(src, (z + 64 - kRhoOffsets[src]) % 64));
}

void eval_chi_iota(air::AirBuilder& b) {
  for (size_t y = 0; y < 5; ++y)
    for (size_t x = 0; x < 5; ++x)
      for (size_t k = 0; k < kLimbs; ++k) {
        std::vector<Expr> bits;
        for (size_t i = 0; i < 16; ++i) {
          const size_t z = 16 * k + i;
          const Expr and_not = (1u - pi_rho_bit(b, x + 1, y, z)) * pi_rho_bit(b, x + 2, y, z);
          bits.push_back(xor2(pi_rho_bit(b, x, y, z), and_not));
        }
        b.assert_eq(b.local(Cols::chi(lane(x, y), k)), recompose(b, bits), "chi");
      }
  for (size_t z = 0; z < 64; ++z) b.assert_bool(b.local(Cols::chi00_bit(z)), "chi lane (0,0) bit");
  for (size_t k = 0; k < kLimbs; ++k) {
    std::vector<Expr> own, with_rc;
    for (size_t i = 0; i < 16; ++i) {
      const size_t z = 16 * k + i;
      Expr rc_bit = b.constant(0u);  // the round constant's bit z in this row's round
      for (size_t r = 0; r < kRounds; ++r)
        if ((kRoundConstants[r] >> z) & 1) rc_bit += b.local(Cols::step(r));
      own.push_back(b.local(Cols::chi00_bit(z)));
      with_rc.push_back(xor2(b.local(Cols::chi00_bit(z)), rc_bit));
    }
    b.assert_eq(b.local(Cols::chi(0, k)), recompose(b, own), "chi lane (0,0) bits");
    b.assert_eq(b.local(Cols::out00(k)), recompose(b, with_rc), "iota");
  }
}

void eval_interactions(air::AirBuilder& b) {
  const Expr q = b.local(Cols::kPtrQ), hi = b.local(Cols::kPtrHi), ts = b.local(Cols::kTs);
  const Expr gap_lo = b.local(Cols::kGapLo), gap_hi = b.local(Cols::kGapHi);
  const Expr real = b.local(Cols::kReal);
  const Expr word_index = q + hi * (1u << 14);
  b.when(real).assert_eq(word_index - kMinStateWordIndex, gap_lo + gap_hi * (1u << 16), "state above the registers");

  const Expr m = real * b.local(Cols::step(kRounds - 1));  // once per real permutation
  b.receive(BUS_KECCAK_CALL, {q * 4u, hi, ts}, m, "keccak call");
  // x < 2^16 and 4x < 2^16 (both as field elements) together mean x < 2^14 as an integer.
  b.send(BUS_RANGE16, {q}, m, "pointer word offset");
  b.send(BUS_RANGE16, {q * 4u}, m, "pointer low limb, aligned");
  b.send(BUS_RANGE16, {hi}, m, "pointer high limb");
  b.send(BUS_RANGE16, {gap_lo}, m, "word index gap low");
  b.send(BUS_RANGE16, {gap_hi}, m, "word index gap high");
  b.send(BUS_RANGE16, {gap_hi * 4u}, m, "word index gap high < 2^14");
  for (size_t w = 0; w < kWords; ++w) {
    const size_t ln = w / 2, limb = 2 * (w % 2);
    const Expr out_lo = ln == 0 ? b.local(Cols::out00(limb)) : b.local(Cols::chi(ln, limb));
    const Expr out_hi = ln == 0 ? b.local(Cols::out00(limb + 1)) : b.local(Cols::chi(ln, limb + 1));
    b.send(BUS_KECCAK_MEM,
           {word_index + uint32_t(w), ts, b.local(Cols::input(ln, limb)), b.local(Cols::input(ln, limb + 1)), out_lo, out_hi}, m,
           "state word");
  }
}

}  // namespace

void KeccakAir::eval(air::AirBuilder& b) const {
  eval_round_flags(b);
  eval_permutation_values(b);
  eval_theta(b);
  eval_chi_iota(b);
  eval_interactions(b);
}

}  // namespace oneproof::chips::keccak
