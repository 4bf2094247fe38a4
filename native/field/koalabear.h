// KoalaBear prime field p = 2^31 - 2^24 + 1 in Montgomery form (R = 2^32), and its degree-4
// extension F[X]/(X^4 - 3). This is the scalar reference: SIMD paths must agree with it exactly.
#pragma once
#include <cstdint>
#include <cstddef>

namespace oneproof::field {

inline constexpr uint32_t P = 0x7f000001u;        // 2^31 - 2^24 + 1
inline constexpr uint32_t TWO_ADICITY = 24;        // p - 1 = 2^24 * 127
inline constexpr uint32_t MULTIPLICATIVE_GENERATOR = 3;

namespace detail {
// -p^{-1} is not used: we follow the "x - t*p" form with mu = p^{-1} mod 2^32.
constexpr uint32_t inv_mod_2_32(uint32_t a) {
  uint32_t x = a;  // Newton iteration: each step doubles the number of correct low bits.
  for (int i = 0; i < 5; ++i) x *= 2u - a * x;
  return x;
}
inline constexpr uint32_t MU = inv_mod_2_32(P);
inline constexpr uint64_t R2 = (uint64_t(1) << 62) % P * 4 % P;  // R^2 mod p, with R = 2^32
}  // namespace detail

// Montgomery reduction of x < p * 2^32: returns x * 2^-32 mod p, in [0, p).
constexpr uint32_t monty_reduce(uint64_t x) {
  uint32_t t = uint32_t(x) * detail::MU;
  uint64_t u = uint64_t(t) * P;
  uint64_t d = x - u;
  uint32_t hi = uint32_t(d >> 32);
  return x < u ? hi + P : hi;
}

// Montgomery reduction of a sum of up to four products of canonical values (x < 4 p^2 < 2^64):
// (x - t p) / 2^32 then lies in (-p, 2p), so one correction either way gives [0, p).
constexpr uint32_t monty_reduce_sum4(uint64_t x) {
  uint32_t t = uint32_t(x) * detail::MU;
  uint64_t u = uint64_t(t) * P;
  uint32_t hi = uint32_t((x - u) >> 32);
  if (x < u) return hi + P;
  return hi >= P ? hi - P : hi;
}

struct Fp {
  uint32_t v = 0;  // Montgomery representation, always in [0, p)

  static constexpr Fp from_monty(uint32_t m) { Fp r; r.v = m; return r; }
  static constexpr Fp from_u32(uint32_t x) { return from_monty(monty_reduce(uint64_t(x % P) * detail::R2)); }
  static constexpr Fp from_u64(uint64_t x) { return from_monty(monty_reduce(uint64_t(uint32_t(x % P)) * detail::R2)); }
  static constexpr Fp zero() { return Fp{}; }
  static constexpr Fp one() { return from_u32(1); }
  constexpr uint32_t to_u32() const { return monty_reduce(v); }  // canonical value in [0, p)

  constexpr Fp operator+(Fp o) const { uint32_t s = v + o.v; return from_monty(s >= P ? s - P : s); }
  constexpr Fp operator-(Fp o) const { uint32_t d = v - o.v; return from_monty(v < o.v ? d + P : d); }
  constexpr Fp operator-() const { return from_monty(v == 0 ? 0 : P - v); }
  constexpr Fp operator*(Fp o) const { return from_monty(monty_reduce(uint64_t(v) * o.v)); }
  constexpr Fp& operator+=(Fp o) { return *this = *this + o; }
  constexpr Fp& operator-=(Fp o) { return *this = *this - o; }
  constexpr Fp& operator*=(Fp o) { return *this = *this * o; }
  constexpr bool operator==(const Fp&) const = default;
  constexpr bool is_zero() const { return v == 0; }

  constexpr Fp square() const { return *this * *this; }
  constexpr Fp pow(uint64_t e) const {
    Fp base = *this, acc = one();
    while (e) { if (e & 1) acc *= base; base = base.square(); e >>= 1; }
    return acc;
  }
  // Inverse by Fermat; inverse of zero is zero (callers that care must check).
  constexpr Fp inverse() const { return pow(P - 2); }
  constexpr Fp halve() const {  // x / 2 without a multiplication
    uint32_t m = v;
    return from_monty((m & 1) ? uint32_t((uint64_t(m) + P) >> 1) : m >> 1);
  }
};

// Generator of the subgroup of order 2^bits (bits <= 24): 3^((p-1) / 2^bits).
constexpr Fp two_adic_generator(uint32_t bits) {
  return Fp::from_u32(MULTIPLICATIVE_GENERATOR).pow(uint64_t(P - 1) >> bits);
}

// Degree-4 extension F[X]/(X^4 - W), W = 3. Coefficients c[0] + c[1] X + c[2] X^2 + c[3] X^3.
struct Fp4 {
  static constexpr uint32_t W = 3;
  Fp c[4] = {};

  static constexpr Fp4 from_base(Fp a) { Fp4 r; r.c[0] = a; return r; }
  static constexpr Fp4 zero() { return Fp4{}; }
  static constexpr Fp4 one() { return from_base(Fp::one()); }

  constexpr Fp4 operator+(const Fp4& o) const { Fp4 r; for (int i = 0; i < 4; ++i) r.c[i] = c[i] + o.c[i]; return r; }
  constexpr Fp4 operator-(const Fp4& o) const { Fp4 r; for (int i = 0; i < 4; ++i) r.c[i] = c[i] - o.c[i]; return r; }
  constexpr Fp4 operator-() const { Fp4 r; for (int i = 0; i < 4; ++i) r.c[i] = -c[i]; return r; }
  constexpr Fp4 operator*(Fp s) const { Fp4 r; for (int i = 0; i < 4; ++i) r.c[i] = c[i] * s; return r; }
  constexpr Fp4 operator*(const Fp4& o) const {
    // X^4 = W folds the high products down: r_k = sum_{i+j=k} c_i o_j + W sum_{i+j=k+4} c_i o_j.
    // With W c_i precomputed each r_k is four 64-bit products summed (< 4 p^2) and reduced once.
    const Fp w1 = c[1] + c[1] + c[1], w2 = c[2] + c[2] + c[2], w3 = c[3] + c[3] + c[3];  // W = 3
    static_assert(W == 3, "the W multiples above assume W = 3");
    auto dot4 = [](Fp a0, Fp b0, Fp a1, Fp b1, Fp a2, Fp b2, Fp a3, Fp b3) {
      return Fp::from_monty(monty_reduce_sum4(uint64_t(a0.v) * b0.v + uint64_t(a1.v) * b1.v +
                                              uint64_t(a2.v) * b2.v + uint64_t(a3.v) * b3.v));
    };
    Fp4 r;
    r.c[0] = dot4(c[0], o.c[0], w1, o.c[3], w2, o.c[2], w3, o.c[1]);
    r.c[1] = dot4(c[0], o.c[1], c[1], o.c[0], w2, o.c[3], w3, o.c[2]);
    r.c[2] = dot4(c[0], o.c[2], c[1], o.c[1], c[2], o.c[0], w3, o.c[3]);
    r.c[3] = dot4(c[0], o.c[3], c[1], o.c[2], c[2], o.c[1], c[3], o.c[0]);
    return r;
  }
  constexpr Fp4& operator+=(const Fp4& o) { return *this = *this + o; }
  constexpr Fp4& operator-=(const Fp4& o) { return *this = *this - o; }
  constexpr Fp4& operator*=(const Fp4& o) { return *this = *this * o; }
  constexpr Fp4& operator*=(Fp s) { return *this = *this * s; }
  constexpr bool operator==(const Fp4&) const = default;
  constexpr bool is_zero() const { return c[0].is_zero() && c[1].is_zero() && c[2].is_zero() && c[3].is_zero(); }

  constexpr Fp4 square() const { return *this * *this; }
  constexpr Fp4 pow(uint64_t e) const {
    Fp4 base = *this, acc = one();
    while (e) { if (e & 1) acc *= base; base = base.square(); e >>= 1; }
    return acc;
  }
  // a^-1 = conj(a) * (c0 - c2 Y) / N where conj(a) = a(-X), a*conj(a) = c0 + c2 X^2, N = c0^2 - W c2^2.
  // Inverse of zero is zero.
  constexpr Fp4 inverse() const {
    Fp4 conj; conj.c[0] = c[0]; conj.c[1] = -c[1]; conj.c[2] = c[2]; conj.c[3] = -c[3];
    Fp4 even = *this * conj;  // odd coefficients vanish
    const Fp w = Fp::from_u32(W);
    Fp norm = even.c[0] * even.c[0] - w * even.c[2] * even.c[2];
    Fp4 t; t.c[0] = even.c[0]; t.c[2] = -even.c[2];
    return conj * t * norm.inverse();
  }
};

inline constexpr Fp4 operator*(Fp s, const Fp4& a) { return a * s; }

}  // namespace oneproof::field
