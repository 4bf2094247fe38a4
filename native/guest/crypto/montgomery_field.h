// Prime fields in Montgomery form over 32-bit limbs, shared by every curve the validator needs
// (secp256k1, secp256r1, BN254, BLS12-381). 32-bit limbs with 64-bit products keep one code path
// for hosts and rv32im (which has no 128-bit integers). A field is declared by a spec type with
// `static constexpr std::array<uint32_t, N> kModulus` (little-endian limbs, odd, top limb non-zero);
// the Montgomery constants are computed at compile time.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::crypto {

namespace limbs {

template <size_t N>
constexpr bool geq(const uint32_t* a, const uint32_t* b) {
  for (size_t i = N; i-- > 0;)
    if (a[i] != b[i]) return a[i] > b[i];
  return true;
}
template <size_t N>
constexpr uint32_t add(uint32_t* r, const uint32_t* a, const uint32_t* b) {
  uint64_t carry = 0;
  for (size_t i = 0; i < N; ++i) {
    carry += uint64_t(a[i]) + b[i];
    r[i] = uint32_t(carry);
    carry >>= 32;
  }
  return uint32_t(carry);
}
template <size_t N>
constexpr uint32_t sub(uint32_t* r, const uint32_t* a, const uint32_t* b) {
  uint64_t borrow = 0;
  for (size_t i = 0; i < N; ++i) {
    uint64_t d = uint64_t(a[i]) - b[i] - borrow;
    r[i] = uint32_t(d);
    borrow = (d >> 32) & 1;
  }
  return uint32_t(borrow);
}
// Big-endian bytes (exactly 4N) <-> little-endian limbs.
template <size_t N>
constexpr void from_be(uint32_t* r, const uint8_t* be) {
  for (size_t i = 0; i < N; ++i) {
    const uint8_t* q = be + 4 * (N - 1 - i);
    r[i] = uint32_t(q[0]) << 24 | uint32_t(q[1]) << 16 | uint32_t(q[2]) << 8 | q[3];
  }
}
template <size_t N>
constexpr void to_be(uint8_t* be, const uint32_t* a) {
  for (size_t i = 0; i < N; ++i) {
    uint8_t* q = be + 4 * (N - 1 - i);
    q[0] = uint8_t(a[i] >> 24); q[1] = uint8_t(a[i] >> 16); q[2] = uint8_t(a[i] >> 8); q[3] = uint8_t(a[i]);
  }
}

// Halves x (< m) modulo the odd m: x/2 when x is even, (x + m)/2 otherwise.
template <size_t N>
constexpr void half_mod(uint32_t* x, const uint32_t* m) {
  uint32_t top = 0;
  if (x[0] & 1) top = add<N>(x, x, m);
  for (size_t i = 0; i < N; ++i) x[i] = (x[i] >> 1) | (i + 1 < N ? x[i + 1] << 31 : top << 31);
}
template <size_t N>
constexpr bool is_one(const uint32_t* x) {
  if (x[0] != 1) return false;
  for (size_t i = 1; i < N; ++i)
    if (x[i]) return false;
  return true;
}
template <size_t N>
constexpr bool is_zero(const uint32_t* x) {
  for (size_t i = 0; i < N; ++i)
    if (x[i]) return false;
  return true;
}
// a^-1 mod the odd prime m for 0 < a < m, by the binary extended Euclidean algorithm (Hankerson,
// Menezes, Vanstone, "Guide to ECC", algorithm 2.22). Variable-time, and far cheaper than
// Fermat's a^(m-2) on a 32-bit machine. Returns 0 for a = 0.
template <size_t N>
constexpr std::array<uint32_t, N> inverse_mod(const std::array<uint32_t, N>& a, const std::array<uint32_t, N>& m) {
  std::array<uint32_t, N> u = a, v = m, x1{}, x2{};
  if (is_zero<N>(u.data())) return x1;
  x1[0] = 1;
  while (!is_one<N>(u.data()) && !is_one<N>(v.data())) {
    while (!(u[0] & 1)) {
      for (size_t i = 0; i < N; ++i) u[i] = (u[i] >> 1) | (i + 1 < N ? u[i + 1] << 31 : 0);
      half_mod<N>(x1.data(), m.data());
    }
    while (!(v[0] & 1)) {
      for (size_t i = 0; i < N; ++i) v[i] = (v[i] >> 1) | (i + 1 < N ? v[i + 1] << 31 : 0);
      half_mod<N>(x2.data(), m.data());
    }
    if (geq<N>(u.data(), v.data())) {
      sub<N>(u.data(), u.data(), v.data());
      if (sub<N>(x1.data(), x1.data(), x2.data())) add<N>(x1.data(), x1.data(), m.data());
    } else {
      sub<N>(v.data(), v.data(), u.data());
      if (sub<N>(x2.data(), x2.data(), x1.data())) add<N>(x2.data(), x2.data(), m.data());
    }
  }
  return is_one<N>(u.data()) ? x1 : x2;
}

}  // namespace limbs

template <class Spec>
class Fp {
 public:
  static constexpr size_t N = Spec::kModulus.size();
  static constexpr size_t kBytes = 4 * N;
  using Limbs = std::array<uint32_t, N>;

  Limbs v{};  // Montgomery form: v = x * 2^(32N) mod p

  static constexpr Limbs modulus() { return Spec::kModulus; }
  static constexpr Fp zero() { return Fp{}; }
  static constexpr Fp one() { Fp r; r.v = kR; return r; }
  static constexpr Fp from_u32(uint32_t x) { Limbs a{}; a[0] = x; return from_limbs(a); }
  // x must be < p.
  static constexpr Fp from_limbs(const Limbs& x) { Fp a; a.v = x; return mont_mul(a, from_raw(kR2)); }

  // Parses kBytes big-endian bytes; false when the value is not below p.
  static bool from_be(const uint8_t* be, Fp& out) {
    Limbs x{};
    limbs::from_be<N>(x.data(), be);
    if (limbs::geq<N>(x.data(), kP.data())) return false;
    out = from_limbs(x);
    return true;
  }
  // Any kBytes value, reduced modulo p (by repeated subtraction: the callers' inputs are < 2p or
  // come from a hash, where the bias does not matter for correctness of the reduction).
  static Fp from_be_reduce(const uint8_t* be) {
    Limbs x{};
    limbs::from_be<N>(x.data(), be);
    while (limbs::geq<N>(x.data(), kP.data())) limbs::sub<N>(x.data(), x.data(), kP.data());
    return from_limbs(x);
  }
  Limbs to_limbs() const { Limbs one{}; one[0] = 1; return mont_mul(*this, from_raw(one)).v; }
  void to_be(uint8_t* be) const { Limbs x = to_limbs(); limbs::to_be<N>(be, x.data()); }

  constexpr bool is_zero() const {
    for (uint32_t w : v)
      if (w) return false;
    return true;
  }
  friend constexpr bool operator==(const Fp& a, const Fp& b) { return a.v == b.v; }
  friend constexpr bool operator!=(const Fp& a, const Fp& b) { return !(a == b); }

  friend constexpr Fp operator+(const Fp& a, const Fp& b) {
    Fp r;
    uint32_t carry = limbs::add<N>(r.v.data(), a.v.data(), b.v.data());
    if (carry || limbs::geq<N>(r.v.data(), kP.data())) limbs::sub<N>(r.v.data(), r.v.data(), kP.data());
    return r;
  }
  friend constexpr Fp operator-(const Fp& a, const Fp& b) {
    Fp r;
    if (limbs::sub<N>(r.v.data(), a.v.data(), b.v.data())) limbs::add<N>(r.v.data(), r.v.data(), kP.data());
    return r;
  }
  friend constexpr Fp operator-(const Fp& a) { return zero() - a; }
  friend constexpr Fp operator*(const Fp& a, const Fp& b) { return mont_mul(a, b); }
  Fp& operator+=(const Fp& b) { return *this = *this + b; }
  Fp& operator-=(const Fp& b) { return *this = *this - b; }
  Fp& operator*=(const Fp& b) { return *this = *this * b; }
  constexpr Fp square() const { return mont_mul(*this, *this); }
  Fp dbl() const { return *this + *this; }

  // this^e for an exponent given as little-endian limbs.
  template <size_t M>
  constexpr Fp pow(const std::array<uint32_t, M>& e) const {
    Fp r = one();
    for (size_t i = M; i-- > 0;)
      for (int b = 31; b >= 0; --b) {
        r = r.square();
        if ((e[i] >> b) & 1) r = r * *this;
      }
    return r;
  }
  // Multiplicative inverse (0 maps to 0). For v = aR: the binary algorithm gives (aR)^-1, and one
  // Montgomery product with R^3 turns it into a^-1 R.
  Fp inverse() const { return mont_mul(from_raw(limbs::inverse_mod<N>(v, kP)), from_raw(kR3)); }
  // A square root when p = 3 mod 4 (all the fields here); false when none exists.
  bool sqrt(Fp& out) const {
    static_assert((Spec::kModulus[0] & 3) == 3, "sqrt needs p = 3 mod 4");
    Fp r = pow(kSqrtExp);
    if (r.square() != *this) return false;
    out = r;
    return true;
  }
  // The least significant bit of the canonical value (the "sign" for compressed encodings).
  bool is_odd() const { return to_limbs()[0] & 1; }
  // Lexicographic "larger half" test used by BLS encodings: value > (p-1)/2.
  bool lexicographically_largest() const {
    Limbs x = to_limbs();
    return !limbs::geq<N>(kHalf.data(), x.data());
  }

 private:
  static constexpr Fp from_raw(const Limbs& x) { Fp a; a.v = x; return a; }

  static constexpr Limbs kP = Spec::kModulus;
  static constexpr uint32_t kN0Inv = [] {
    uint32_t inv = 1;  // Newton iteration for p^-1 mod 2^32
    for (int i = 0; i < 5; ++i) inv *= 2 - kP[0] * inv;
    return uint32_t(0) - inv;
  }();
  // 2^k mod p by doubling from 1.
  static constexpr Limbs pow2_mod_p(size_t k) {
    Limbs r{};
    r[0] = 1;
    for (size_t i = 0; i < k; ++i) {
      uint32_t carry = limbs::add<N>(r.data(), r.data(), r.data());
      if (carry || limbs::geq<N>(r.data(), kP.data())) limbs::sub<N>(r.data(), r.data(), kP.data());
    }
    return r;
  }
  static constexpr Limbs kR = pow2_mod_p(32 * N);
  static constexpr Limbs kR2 = pow2_mod_p(64 * N);
  static constexpr Limbs kR3 = pow2_mod_p(96 * N);
  static constexpr Limbs kSqrtExp = [] {  // (p + 1) / 4
    Limbs r = kP, one{};
    one[0] = 1;
    limbs::add<N>(r.data(), r.data(), one.data());
    for (size_t i = 0; i < N; ++i) r[i] = (r[i] >> 2) | (i + 1 < N ? r[i + 1] << 30 : 0);
    return r;
  }();
  static constexpr Limbs kHalf = [] {  // (p - 1) / 2
    Limbs r = kP;
    for (size_t i = 0; i < N; ++i) r[i] = (r[i] >> 1) | (i + 1 < N ? r[i + 1] << 31 : 0);
    return r;
  }();

  // CIOS Montgomery multiplication: a * b * 2^(-32N) mod p.
  static constexpr Fp mont_mul(const Fp& a, const Fp& b) {
    uint32_t t[N + 2] = {};
    for (size_t i = 0; i < N; ++i) {
      uint64_t carry = 0;
      for (size_t j = 0; j < N; ++j) {
        uint64_t s = uint64_t(a.v[j]) * b.v[i] + t[j] + carry;
        t[j] = uint32_t(s);
        carry = s >> 32;
      }
      uint64_t s = uint64_t(t[N]) + carry;
      t[N] = uint32_t(s);
      t[N + 1] = uint32_t(s >> 32);
      uint32_t m = t[0] * kN0Inv;
      s = uint64_t(m) * kP[0] + t[0];
      carry = s >> 32;
      for (size_t j = 1; j < N; ++j) {
        s = uint64_t(m) * kP[j] + t[j] + carry;
        t[j - 1] = uint32_t(s);
        carry = s >> 32;
      }
      s = uint64_t(t[N]) + carry;
      t[N - 1] = uint32_t(s);
      t[N] = t[N + 1] + uint32_t(s >> 32);
    }
    Fp r;
    for (size_t i = 0; i < N; ++i) r.v[i] = t[i];
    if (t[N] || limbs::geq<N>(r.v.data(), kP.data())) limbs::sub<N>(r.v.data(), r.v.data(), kP.data());
    return r;
  }
};

}  // namespace oneproof::guest::crypto
