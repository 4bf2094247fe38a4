// The secp256k1 base field with p = 2^256 - 2^32 - 977, in plain (non-Montgomery) form: products
// are reduced by folding the high half with 2^256 = 2^32 + 977 (mod p), about half the work of a
// generic Montgomery multiplication. Same interface as crypto::Fp, so curve code works with both.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

#include "guest/crypto/montgomery_field.h"

namespace oneproof::guest::crypto::secp256k1 {

class FieldElement {
 public:
  static constexpr size_t N = 8;
  static constexpr size_t kBytes = 32;
  using Limbs = std::array<uint32_t, N>;
  Limbs v{};  // canonical value < p, little-endian limbs

  static FieldElement zero() { return FieldElement{}; }
  static FieldElement one() { return from_u32(1); }
  static FieldElement from_u32(uint32_t x) {
    FieldElement r;
    r.v[0] = x;
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

  bool is_zero() const {
    for (uint32_t w : v)
      if (w) return false;
    return true;
  }
  bool is_odd() const { return v[0] & 1; }
  friend bool operator==(const FieldElement& a, const FieldElement& b) { return a.v == b.v; }
  friend bool operator!=(const FieldElement& a, const FieldElement& b) { return !(a == b); }

  friend FieldElement operator+(const FieldElement& a, const FieldElement& b) {
    FieldElement r;
    uint32_t carry = limbs::add<N>(r.v.data(), a.v.data(), b.v.data());
    if (carry || limbs::geq<N>(r.v.data(), kP.data())) limbs::sub<N>(r.v.data(), r.v.data(), kP.data());
    return r;
  }
  friend FieldElement operator-(const FieldElement& a, const FieldElement& b) {
    FieldElement r;
    if (limbs::sub<N>(r.v.data(), a.v.data(), b.v.data())) limbs::add<N>(r.v.data(), r.v.data(), kP.data());
    return r;
  }
  friend FieldElement operator-(const FieldElement& a) { return zero() - a; }
  friend FieldElement operator*(const FieldElement& a, const FieldElement& b) {
    uint32_t t[2 * N];
    for (size_t i = 0; i < 2 * N; ++i) t[i] = 0;
    for (size_t i = 0; i < N; ++i) {
      uint64_t carry = 0;
      for (size_t j = 0; j < N; ++j) {
        uint64_t s = uint64_t(a.v[i]) * b.v[j] + t[i + j] + carry;
        t[i + j] = uint32_t(s);
        carry = s >> 32;
      }
      t[i + N] = uint32_t(carry);
    }
    return reduce(t);
  }
  FieldElement square() const { return *this * *this; }
  FieldElement dbl() const { return *this + *this; }

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
  FieldElement inverse() const {
    FieldElement r;
    r.v = limbs::inverse_mod<N>(v, kP);
    return r;
  }
  bool sqrt(FieldElement& out) const {
    FieldElement r = pow(kSqrtExp);
    if (r.square() != *this) return false;
    out = r;
    return true;
  }

 private:
  static constexpr Limbs kP = {0xFFFFFC2F, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF,
                               0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};
  static constexpr Limbs kSqrtExp = {0xBFFFFF0C, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF,  // (p + 1) / 4
                                     0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x3FFFFFFF};

  // t = lo + hi * 2^256 with 2^256 = 2^32 + 977 (mod p): fold hi twice, then subtract p once.
  static FieldElement reduce(const uint32_t t[2 * N]) {
    uint32_t r[N];
    uint64_t c = 0;
    for (size_t i = 0; i < N; ++i) {
      c += uint64_t(t[i]) + uint64_t(t[N + i]) * 977 + (i > 0 ? t[N + i - 1] : 0);
      r[i] = uint32_t(c);
      c >>= 32;
    }
    uint64_t top = c + t[2 * N - 1];  // < 2^44: the bits at 2^256 and above
    c = uint64_t(r[0]) + top * 977;
    r[0] = uint32_t(c);
    c >>= 32;
    c += uint64_t(r[1]) + top;
    r[1] = uint32_t(c);
    c >>= 32;
    for (size_t i = 2; i < N; ++i) {
      c += r[i];
      r[i] = uint32_t(c);
      c >>= 32;
    }
    if (c) {  // one more 2^256 to fold: the value is now small, so this cannot carry out
      uint64_t d = uint64_t(r[0]) + 977;
      r[0] = uint32_t(d);
      d = (d >> 32) + uint64_t(r[1]) + 1;
      r[1] = uint32_t(d);
      d >>= 32;
      for (size_t i = 2; i < N && d; ++i) {
        d += r[i];
        r[i] = uint32_t(d);
        d >>= 32;
      }
    }
    FieldElement out;
    for (size_t i = 0; i < N; ++i) out.v[i] = r[i];
    if (limbs::geq<N>(out.v.data(), kP.data())) limbs::sub<N>(out.v.data(), out.v.data(), kP.data());
    return out;
  }
};

}  // namespace oneproof::guest::crypto::secp256k1
