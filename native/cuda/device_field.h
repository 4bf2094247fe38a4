// KoalaBear arithmetic for CUDA kernels, on raw Montgomery words (uint32_t in [0, p)), written so
// that the same functions compile as host code too: the CPU-only test (test/device_field_test.cc)
// checks them against field/koalabear.h without a GPU. Every function must return exactly what the
// matching koalabear.h operation returns (same Montgomery form, same canonical range).
#pragma once
#include <cstdint>

#if defined(__CUDACC__)
#define OP_HD __host__ __device__ __forceinline__
#else
#define OP_HD inline
#endif

namespace oneproof::cuda::dev {

inline constexpr uint32_t P = 0x7f000001u;  // 2^31 - 2^24 + 1
inline constexpr uint32_t MU = 0x81000001u;  // p^-1 mod 2^32 (checked against koalabear.h in the CPU test)
inline constexpr uint32_t R2 = 0x17f7efe4u;  // 2^64 mod p: from_u32(x) = mont(x * R2)
inline constexpr uint32_t MONTY_ONE = 0x01fffffeu;  // 2^32 mod p: the Montgomery form of 1

// x * 2^-32 mod p for x < p * 2^32, result in [0, p).
OP_HD uint32_t monty_reduce(uint64_t x) {
  const uint32_t t = uint32_t(x) * MU;
  const uint64_t u = uint64_t(t) * P;
  const uint32_t hi = uint32_t((x - u) >> 32);
  return x < u ? hi + P : hi;
}

// Reduction of a sum of up to four products of canonical values (x < 4 p^2).
OP_HD uint32_t monty_reduce_sum4(uint64_t x) {
  const uint32_t t = uint32_t(x) * MU;
  const uint64_t u = uint64_t(t) * P;
  const uint32_t hi = uint32_t((x - u) >> 32);
  if (x < u) return hi + P;
  return hi >= P ? hi - P : hi;
}

OP_HD uint32_t add(uint32_t a, uint32_t b) { const uint32_t s = a + b; return s >= P ? s - P : s; }
OP_HD uint32_t sub(uint32_t a, uint32_t b) { const uint32_t d = a - b; return a < b ? d + P : d; }
OP_HD uint32_t neg(uint32_t a) { return a == 0 ? 0 : P - a; }
OP_HD uint32_t mul(uint32_t a, uint32_t b) { return monty_reduce(uint64_t(a) * b); }
OP_HD uint32_t cube(uint32_t a) { return mul(mul(a, a), a); }

// Canonical integer <-> Montgomery word.
OP_HD uint32_t from_u32(uint32_t x) { return monty_reduce(uint64_t(x % P) * R2); }
OP_HD uint32_t to_u32(uint32_t m) { return monty_reduce(m); }

OP_HD uint32_t pow(uint32_t base, uint64_t e) {
  uint32_t acc = MONTY_ONE;
  while (e) {
    if (e & 1) acc = mul(acc, base);
    base = mul(base, base);
    e >>= 1;
  }
  return acc;
}
OP_HD uint32_t inverse(uint32_t a) { return pow(a, P - 2); }

// Degree-4 extension F[X]/(X^4 - 3), coefficients low to high, as in field::Fp4.
struct Fp4 {
  uint32_t c[4];
};

OP_HD Fp4 add4(const Fp4& a, const Fp4& b) {
  return {{add(a.c[0], b.c[0]), add(a.c[1], b.c[1]), add(a.c[2], b.c[2]), add(a.c[3], b.c[3])}};
}
OP_HD Fp4 sub4(const Fp4& a, const Fp4& b) {
  return {{sub(a.c[0], b.c[0]), sub(a.c[1], b.c[1]), sub(a.c[2], b.c[2]), sub(a.c[3], b.c[3])}};
}
OP_HD Fp4 scale4(const Fp4& a, uint32_t s) { return {{mul(a.c[0], s), mul(a.c[1], s), mul(a.c[2], s), mul(a.c[3], s)}}; }

// r_k = sum_{i+j=k} a_i b_j + 3 sum_{i+j=k+4} a_i b_j: four products summed, reduced once.
OP_HD Fp4 mul4(const Fp4& a, const Fp4& b) {
  const uint32_t w1 = add(add(a.c[1], a.c[1]), a.c[1]);
  const uint32_t w2 = add(add(a.c[2], a.c[2]), a.c[2]);
  const uint32_t w3 = add(add(a.c[3], a.c[3]), a.c[3]);
  auto dot4 = [](uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1, uint32_t x2, uint32_t y2, uint32_t x3,
                 uint32_t y3) {
    return monty_reduce_sum4(uint64_t(x0) * y0 + uint64_t(x1) * y1 + uint64_t(x2) * y2 + uint64_t(x3) * y3);
  };
  Fp4 r;
  r.c[0] = dot4(a.c[0], b.c[0], w1, b.c[3], w2, b.c[2], w3, b.c[1]);
  r.c[1] = dot4(a.c[0], b.c[1], a.c[1], b.c[0], w2, b.c[3], w3, b.c[2]);
  r.c[2] = dot4(a.c[0], b.c[2], a.c[1], b.c[1], a.c[2], b.c[0], w3, b.c[3]);
  r.c[3] = dot4(a.c[0], b.c[3], a.c[1], b.c[2], a.c[2], b.c[1], a.c[3], b.c[0]);
  return r;
}

}  // namespace oneproof::cuda::dev
