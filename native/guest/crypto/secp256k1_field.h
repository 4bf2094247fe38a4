// The secp256k1 base field with p = 2^256 - 2^32 - 977, in plain (non-Montgomery) form: products
// are reduced by folding the high half with 2^256 = 2^32 + 977 (mod p), about half the work of a
// generic Montgomery multiplication. Same interface as crypto::Fp, so curve code works with both.
// Elements are always canonical (< p). The 8x8 limb products are fully unrolled column sums
// (product scanning): rv32im has no carry flag, so keeping three accumulator words in registers
// and adding each 64-bit product once is the cheapest carry handling.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "guest/crypto/montgomery_field.h"
#include "guest/crypto/secp256k1_modinv.h"

namespace oneproof::guest::crypto::secp256k1 {

namespace wide {

// Lambdas passed to unroll() must be inlined too, or each column becomes a call.
#define OP_INLINE_LAMBDA __attribute__((always_inline))

// Calls f(integral_constant<0>) ... f(integral_constant<N-1>): compile-time loop unrolling that
// works the same with GCC and clang (no pragmas).
template <class F, size_t... I>
[[gnu::always_inline]] inline void unroll_impl(F&& f, std::index_sequence<I...>) {
  (f(std::integral_constant<size_t, I>{}), ...);
}
template <size_t N, class F>
[[gnu::always_inline]] inline void unroll(F&& f) {
  unroll_impl(f, std::make_index_sequence<N>{});
}

// (c2:c1:c0) += a * b.
[[gnu::always_inline]] inline void mul_acc(uint32_t& c0, uint32_t& c1, uint32_t& c2, uint32_t a, uint32_t b) {
  uint64_t p = uint64_t(a) * b;
  uint32_t lo = uint32_t(p), hi = uint32_t(p >> 32);
  c0 += lo;
  hi += c0 < lo;  // hi <= 2^32 - 2, so this cannot wrap
  c1 += hi;
  c2 += c1 < hi;
}

// t = a * b, N x N limbs -> 2N limbs.
template <size_t N>
[[gnu::always_inline]] inline void mul(uint32_t* t, const uint32_t* a, const uint32_t* b) {
  uint32_t c0 = 0, c1 = 0, c2 = 0;
  unroll<2 * N - 1>([&](auto k) OP_INLINE_LAMBDA {
    constexpr size_t lo = k < N ? 0 : k - (N - 1), hi = k < N ? size_t(k) : N - 1;
    unroll<hi - lo + 1>([&](auto j) OP_INLINE_LAMBDA { mul_acc(c0, c1, c2, a[lo + j], b[k - lo - j]); });
    t[k] = c0;
    c0 = c1;
    c1 = c2;
    c2 = 0;
  });
  t[2 * N - 1] = c0;
}

// t = a^2, N limbs -> 2N limbs: each column sums its cross products once, doubles that sum, then
// adds the square term (36 products instead of 64 for N = 8).
template <size_t N>
[[gnu::always_inline]] inline void sqr(uint32_t* t, const uint32_t* a) {
  uint32_t c0 = 0, c1 = 0, c2 = 0;
  unroll<2 * N - 1>([&](auto k) OP_INLINE_LAMBDA {
    constexpr size_t lo = k < N ? 0 : k - (N - 1), hi = k < N ? size_t(k) : N - 1;
    constexpr size_t pairs = (hi - lo + 1) / 2;  // products a[i] * a[k - i] with i < k - i
    if constexpr (pairs > 0) {
      uint32_t d0 = 0, d1 = 0, d2 = 0;
      unroll<pairs>([&](auto j) OP_INLINE_LAMBDA { mul_acc(d0, d1, d2, a[lo + j], a[k - lo - j]); });
      d2 = d2 << 1 | d1 >> 31;
      d1 = d1 << 1 | d0 >> 31;
      d0 <<= 1;
      c0 += d0;
      uint32_t carry = c0 < d0;
      c1 += carry;
      carry = c1 < carry;
      c1 += d1;
      carry += c1 < d1;
      c2 += d2 + carry;
    }
    if constexpr (k % 2 == 0) mul_acc(c0, c1, c2, a[k / 2], a[k / 2]);
    t[k] = c0;
    c0 = c1;
    c1 = c2;
    c2 = 0;
  });
  t[2 * N - 1] = c0;
}

}  // namespace wide

class FieldElement {
 public:
  static constexpr size_t N = 8;
  static constexpr size_t kBytes = 32;
  using Limbs = std::array<uint32_t, N>;
  Limbs v{};  // canonical value < p, little-endian limbs

  static constexpr Limbs kP = {0xFFFFFC2F, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF,
                               0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};

  static constexpr FieldElement zero() { return FieldElement{}; }
  static constexpr FieldElement one() { return from_u32(1); }
  static constexpr FieldElement from_u32(uint32_t x) {
    FieldElement r;
    r.v[0] = x;
    return r;
  }
  // x must be < p (the callers pass constants).
  static constexpr FieldElement from_limbs(const Limbs& x) {
    FieldElement r;
    r.v = x;
    return r;
  }
  static bool from_be(const uint8_t* be, FieldElement& out) {
    Limbs x{};
    limbs::from_be<N>(x.data(), be);
    if (limbs::geq<N>(x.data(), kP.data())) return false;
    out.v = x;
    return true;
  }
  void to_be(uint8_t* be) const { limbs::to_be<N>(be, v.data()); }

  bool is_zero() const { return (v[0] | v[1] | v[2] | v[3] | v[4] | v[5] | v[6] | v[7]) == 0; }
  bool is_odd() const { return v[0] & 1; }
  friend bool operator==(const FieldElement& a, const FieldElement& b) { return a.v == b.v; }
  friend bool operator!=(const FieldElement& a, const FieldElement& b) { return !(a == b); }

  friend FieldElement operator+(const FieldElement& a, const FieldElement& b) {
    FieldElement r;
    uint32_t carry = limbs::add<N>(r.v.data(), a.v.data(), b.v.data());
    // a + b < 2p: subtracting p is adding 2^32 + 977 and dropping the 2^256 carry.
    if (carry || r.geq_p()) r.add_2_256_minus_p();
    return r;
  }
  friend FieldElement operator-(const FieldElement& a, const FieldElement& b) {
    FieldElement r;
    if (limbs::sub<N>(r.v.data(), a.v.data(), b.v.data())) r.sub_2_256_minus_p();
    return r;
  }
  friend FieldElement operator-(const FieldElement& a) {
    FieldElement r;
    if (!a.is_zero()) limbs::sub<N>(r.v.data(), kP.data(), a.v.data());
    return r;
  }
  friend FieldElement operator*(const FieldElement& a, const FieldElement& b) {
    uint32_t t[2 * N];
    wide::mul<N>(t, a.v.data(), b.v.data());
    return reduce(t);
  }
  FieldElement& operator+=(const FieldElement& b) { return *this = *this + b; }
  FieldElement& operator-=(const FieldElement& b) { return *this = *this - b; }
  FieldElement& operator*=(const FieldElement& b) { return *this = *this * b; }
  FieldElement square() const {
    uint32_t t[2 * N];
    wide::sqr<N>(t, v.data());
    return reduce(t);
  }
  // this^(2^k).
  FieldElement square_n(unsigned k) const {
    FieldElement r = *this;
    for (unsigned i = 0; i < k; ++i) r = r.square();
    return r;
  }
  FieldElement dbl() const { return *this + *this; }
  // this / 2: (x + p) / 2 for odd x.
  FieldElement half() const {
    FieldElement r = *this;
    limbs::half_mod<N>(r.v.data(), kP.data());
    return r;
  }

  // this^e for an exponent given as little-endian limbs (square-and-multiply; tests and rare use).
  template <size_t M>
  FieldElement pow(const std::array<uint32_t, M>& e) const {
    FieldElement r = one();
    for (size_t i = M; i-- > 0;)
      for (int b = 31; b >= 0; --b) {
        r = r.square();
        if ((e[i] >> b) & 1) r = r * *this;
      }
    return r;
  }
  // Multiplicative inverse (0 maps to 0), by divsteps (secp256k1_modinv.h).
  FieldElement inverse() const {
    FieldElement r;
    r.v = inverse_mod_divsteps(v, InverseModulus::of(kP));
    return r;
  }
  // this^((p+1)/4), the square root when one exists: 253 squarings and 13 multiplications.
  // (p+1)/4 in binary is 223 ones, a zero, 22 ones, four zeros, two ones, two zeros; the chain
  // builds x^(2^k - 1) for k = 2, 3, 6, 9, 11, 22, 44, 88, 176, 220, 223.
  FieldElement pow_sqrt_exponent() const {
    const FieldElement& x = *this;
    FieldElement x2 = x.square() * x;
    FieldElement x3 = x2.square() * x;
    FieldElement x6 = x3.square_n(3) * x3;
    FieldElement x9 = x6.square_n(3) * x3;
    FieldElement x11 = x9.square_n(2) * x2;
    FieldElement x22 = x11.square_n(11) * x11;
    FieldElement x44 = x22.square_n(22) * x22;
    FieldElement x88 = x44.square_n(44) * x44;
    FieldElement x176 = x88.square_n(88) * x88;
    FieldElement x220 = x176.square_n(44) * x44;
    FieldElement x223 = x220.square_n(3) * x3;
    return ((x223.square_n(23) * x22).square_n(6) * x2).square_n(2);
  }
  // A square root; false (and `out` untouched) when this is not a square.
  bool sqrt(FieldElement& out) const {
    FieldElement r = pow_sqrt_exponent();
    if (r.square() != *this) return false;
    out = r;
    return true;
  }

 private:
  bool geq_p() const { return limbs::geq<N>(v.data(), kP.data()); }
  // this += 2^32 + 977, modulo 2^256 (the carry out is the 2^256 being dropped).
  void add_2_256_minus_p() {
    uint64_t c = uint64_t(v[0]) + 977;
    v[0] = uint32_t(c);
    c = (c >> 32) + uint64_t(v[1]) + 1;
    v[1] = uint32_t(c);
    for (size_t i = 2; i < N && (c >> 32); ++i) {
      c = (c >> 32) + v[i];
      v[i] = uint32_t(c);
    }
  }
  // this -= 2^32 + 977, modulo 2^256 (adds p after a subtraction borrowed 2^256).
  void sub_2_256_minus_p() {
    uint64_t d = uint64_t(v[0]) - 977;
    v[0] = uint32_t(d);
    d = uint64_t(v[1]) - 1 - ((d >> 32) & 1);
    v[1] = uint32_t(d);
    for (size_t i = 2; i < N && ((d >> 32) & 1); ++i) {
      d = uint64_t(v[i]) - 1;
      v[i] = uint32_t(d);
    }
  }

  // t = lo + hi * 2^256 with 2^256 = 2^32 + 977 (mod p): fold hi, fold the few bits that carry
  // out again, then subtract p once if needed.
  [[gnu::always_inline]] static FieldElement reduce(const uint32_t t[2 * N]) {
    FieldElement out;
    uint32_t* r = out.v.data();
    uint64_t c = 0;
    wide::unroll<N>([&](auto i) OP_INLINE_LAMBDA {
      c += uint64_t(t[N + i]) * 977 + t[i];
      if constexpr (i > 0) c += t[N + i - 1];
      r[i] = uint32_t(c);
      c >>= 32;
    });
    uint64_t top = c + t[2 * N - 1];  // < 2^34: the multiple of 2^256 still to fold
    c = uint64_t(uint32_t(top)) * 977 + r[0];
    r[0] = uint32_t(c);
    c = (c >> 32) + uint64_t(uint32_t(top >> 32)) * 977 + top + r[1];
    r[1] = uint32_t(c);
    c >>= 32;
    for (size_t i = 2; i < N && c; ++i) {
      c += r[i];
      r[i] = uint32_t(c);
      c >>= 32;
    }
    // A carry here leaves r < 2^67 (the low limbs just wrapped), so one more fold cannot carry.
    if (c) out.add_2_256_minus_p();
    if (out.geq_p()) out.add_2_256_minus_p();
    return out;
  }
};

}  // namespace oneproof::guest::crypto::secp256k1
