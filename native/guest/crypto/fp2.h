// The quadratic extension Fp2 = Fp[u]/(u^2 + 1), used by BN254 and BLS12-381 (both have
// p = 3 mod 4, so -1 is a non-residue). Elements are c0 + c1*u.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::crypto {

template <class F>
struct Fp2 {
  F c0, c1;

  static Fp2 zero() { return {F::zero(), F::zero()}; }
  static Fp2 one() { return {F::one(), F::zero()}; }
  bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  friend bool operator==(const Fp2& a, const Fp2& b) { return a.c0 == b.c0 && a.c1 == b.c1; }
  friend bool operator!=(const Fp2& a, const Fp2& b) { return !(a == b); }

  friend Fp2 operator+(const Fp2& a, const Fp2& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend Fp2 operator-(const Fp2& a, const Fp2& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  friend Fp2 operator-(const Fp2& a) { return {-a.c0, -a.c1}; }
  // Karatsuba: three base-field products.
  friend Fp2 operator*(const Fp2& a, const Fp2& b) {
    F v0 = a.c0 * b.c0, v1 = a.c1 * b.c1;
    return {v0 - v1, (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1};
  }
  friend Fp2 operator*(const Fp2& a, const F& s) { return {a.c0 * s, a.c1 * s}; }
  Fp2& operator+=(const Fp2& b) { return *this = *this + b; }
  Fp2& operator-=(const Fp2& b) { return *this = *this - b; }
  Fp2& operator*=(const Fp2& b) { return *this = *this * b; }
  Fp2 square() const {
    F a = (c0 + c1) * (c0 - c1), b = c0 * c1;
    return {a, b + b};
  }
  Fp2 dbl() const { return *this + *this; }
  // The p-power Frobenius: u^p = -u.
  Fp2 conjugate() const { return {c0, -c1}; }
  Fp2 inverse() const {
    F norm_inv = (c0.square() + c1.square()).inverse();
    return {c0 * norm_inv, -(c1 * norm_inv)};
  }
  template <size_t M>
  Fp2 pow(const std::array<uint32_t, M>& e) const {
    Fp2 r = one();
    for (size_t i = M; i-- > 0;)
      for (int b = 31; b >= 0; --b) {
        r = r.square();
        if ((e[i] >> b) & 1) r = r * *this;
      }
    return r;
  }
};

}  // namespace oneproof::guest::crypto
