// Poseidon2 (KoalaBear, widths 16 and 24) for CUDA kernels, plus the sponge / compression / grinding
// steps built on it, as __host__ __device__ code over raw Montgomery words so that the CPU-only test
// can run it against native/hash and native/challenger without a GPU.
//
// Constants are never retyped: RawParams is a plain-word image of hash::Poseidon2Params (Montgomery
// form, built at compile time from hash/poseidon2_constants.h) taken with raw_params(); kernels get
// it through __constant__ memory filled from that image (poseidon2.cu).
#pragma once
#include <cstddef>
#include <cstdint>
#include "cuda/device_field.h"

namespace oneproof::cuda::dev {

inline constexpr size_t HALF_FULL_ROUNDS = 4;
inline constexpr size_t RATE = 8;          // sponge rate (hash/sponge.h)
inline constexpr size_t DIGEST = 8;        // digest elements

template <size_t W, size_t RP>
struct RawParams {
  static constexpr size_t WIDTH = W;
  static constexpr size_t PARTIAL_ROUNDS = RP;
  uint32_t external_initial[HALF_FULL_ROUNDS][W];
  uint32_t internal[RP];
  uint32_t external_final[HALF_FULL_ROUNDS][W];
  uint32_t diag[W];  // V of M_I = J + Diag(V)
};
using RawParams16 = RawParams<16, 20>;
using RawParams24 = RawParams<24, 23>;

// y = M4 x, M4 = [[2,3,1,1],[1,2,3,1],[1,1,2,3],[3,1,1,2]].
OP_HD void mds4(uint32_t* x) {
  const uint32_t t01 = add(x[0], x[1]), t23 = add(x[2], x[3]), t0123 = add(t01, t23);
  const uint32_t t01123 = add(t0123, x[1]), t01233 = add(t0123, x[3]);
  const uint32_t y0 = add(t01123, t01);
  const uint32_t y1 = add(t01123, add(x[2], x[2]));
  const uint32_t y2 = add(t01233, t23);
  const uint32_t y3 = add(t01233, add(x[0], x[0]));
  x[0] = y0; x[1] = y1; x[2] = y2; x[3] = y3;
}

// M_E = circ(2 M4, M4, ..., M4).
template <size_t W>
OP_HD void external_linear(uint32_t* s) {
  for (size_t g = 0; g < W; g += 4) mds4(s + g);
  uint32_t sums[4] = {s[0], s[1], s[2], s[3]};
  for (size_t g = 4; g < W; g += 4)
    for (size_t k = 0; k < 4; ++k) sums[k] = add(sums[k], s[g + k]);
  for (size_t i = 0; i < W; ++i) s[i] = add(s[i], sums[i % 4]);
}

// M_I = J + Diag(V): s_i <- sum(s) + V_i s_i.
template <size_t W>
OP_HD void internal_linear(uint32_t* s, const uint32_t* diag) {
  uint32_t sum = s[0];
  for (size_t i = 1; i < W; ++i) sum = add(sum, s[i]);
  for (size_t i = 0; i < W; ++i) s[i] = add(sum, mul(diag[i], s[i]));
}

template <size_t W, size_t RP>
OP_HD void permute(uint32_t* s, const RawParams<W, RP>& c) {
  external_linear<W>(s);
  for (size_t r = 0; r < HALF_FULL_ROUNDS; ++r) {
    for (size_t i = 0; i < W; ++i) s[i] = cube(add(s[i], c.external_initial[r][i]));
    external_linear<W>(s);
  }
  for (size_t r = 0; r < RP; ++r) {
    s[0] = cube(add(s[0], c.internal[r]));
    internal_linear<W>(s, c.diag);
  }
  for (size_t r = 0; r < HALF_FULL_ROUNDS; ++r) {
    for (size_t i = 0; i < W; ++i) s[i] = cube(add(s[i], c.external_final[r][i]));
    external_linear<W>(s);
  }
}

// hash/sponge.h hash_row: padding-free overwrite sponge, rate 8; an empty row gives zeros.
OP_HD void hash_row(const uint32_t* row, size_t n, uint32_t* digest, const RawParams16& c) {
  uint32_t s[16] = {};
  for (size_t start = 0; start < n; start += RATE) {
    const size_t len = n - start < RATE ? n - start : RATE;
    for (size_t i = 0; i < len; ++i) s[i] = row[start + i];
    permute<16, 20>(s, c);
  }
  for (size_t i = 0; i < DIGEST; ++i) digest[i] = s[i];
}

// hash/sponge.h compress: permute(left || right), keep the first 8.
OP_HD void compress(const uint32_t* left, const uint32_t* right, uint32_t* digest, const RawParams16& c) {
  uint32_t s[16];
  for (size_t i = 0; i < DIGEST; ++i) { s[i] = left[i]; s[DIGEST + i] = right[i]; }
  permute<16, 20>(s, c);
  for (size_t i = 0; i < DIGEST; ++i) digest[i] = s[i];
}

// The challenger's grinding rule (challenger/challenger.cc): with `base` the sponge state whose rate
// already holds the pending inputs, the witness goes into rate slot `slot`, one permutation runs,
// and the last rate element's canonical value must have its low bits (mask) all zero.
OP_HD bool grinding_witness_ok(const uint32_t* base, size_t slot, uint32_t candidate, uint32_t mask,
                               const RawParams16& c) {
  uint32_t s[16];
  for (size_t i = 0; i < 16; ++i) s[i] = base[i];
  s[slot] = from_u32(candidate);
  permute<16, 20>(s, c);
  return (to_u32(s[RATE - 1]) & mask) == 0;
}

}  // namespace oneproof::cuda::dev
