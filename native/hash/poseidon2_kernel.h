// The Poseidon2 permutation written once over a packed field type P (one state per lane), and the
// batch drivers that transpose states in and out of lanes. The internal diagonal is applied from the
// compile-time table in poseidon2_constants.h (additions and shifts); the round constants come from
// the Poseidon2Params argument. The scalar reference (poseidon2.cc) multiplies by params.diag
// instead, so the two are independent implementations (tests compare them). Instantiated per ISA
// in poseidon2_{avx2,avx512}.cc with ISA-specific types only (see field/monty_lane.h).
#pragma once
#include <cstddef>
#include <utility>
#include "field/koalabear.h"
#include "hash/poseidon2_constants.h"
#include "hash/poseidon2_params.h"

namespace oneproof::hash::kernels {

using field::Fp;

template <class P>
inline P cube(P x) { return x * x * x; }

// y = M4 x with M4 = [[2,3,1,1],[1,2,3,1],[1,1,2,3],[3,1,1,2]]: 9 additions and 2 doublings.
template <class P>
inline void mds4(P* x) {
  P t01 = x[0] + x[1], t23 = x[2] + x[3], t0123 = t01 + t23;
  P t01123 = t0123 + x[1], t01233 = t0123 + x[3];
  P y0 = t01123 + t01;
  P y1 = t01123 + (x[2] + x[2]);
  P y2 = t01233 + t23;
  P y3 = t01233 + (x[0] + x[0]);
  x[0] = y0; x[1] = y1; x[2] = y2; x[3] = y3;
}

// M_E = circ(2 M4, M4, ..., M4): M4 on each group of four, then add the column sums.
template <class P, size_t W>
inline void external_linear(P* s) {
  for (size_t g = 0; g < W; g += 4) mds4(s + g);
  P sums[4] = {s[0], s[1], s[2], s[3]};
  for (size_t g = 4; g < W; g += 4)
    for (size_t k = 0; k < 4; ++k) sums[k] = sums[k] + s[g + k];
  for (size_t i = 0; i < W; ++i) s[i] = s[i] + sums[i % 4];
}

// s <- sum + V s for one diagonal entry V = numerator / 2^shift known at compile time: small
// integers by additions, +-2^-k by shifts (P::div_2exp), never a general multiplication.
template <poseidon2_constants::DiagEntry E, class P>
inline P diag_term(P sum, P x) {
  if constexpr (E.shift > 0) {
    static_assert(E.numerator == 1 || E.numerator == -1);
    const P y = x.template div_2exp<E.shift>();
    if constexpr (E.numerator > 0) return sum + y; else return sum - y;
  } else {
    static_assert(E.numerator >= -4 && E.numerator <= 4 && E.numerator != 0 && E.numerator != -1);
    constexpr int32_t m = E.numerator < 0 ? -E.numerator : E.numerator;
    P y = x;
    if constexpr (m == 2) y = x + x;
    if constexpr (m == 3) y = x + x + x;
    if constexpr (m == 4) { P d = x + x; y = d + d; }
    if constexpr (E.numerator > 0) return sum + y; else return sum - y;
  }
}

template <size_t W>
constexpr const poseidon2_constants::DiagEntry* diag_table() {
  if constexpr (W == 16) return poseidon2_constants::DIAG16; else return poseidon2_constants::DIAG24;
}

// M_I = J + Diag(V): s_i <- sum(s) + V_i s_i, with V from poseidon2_constants.h.
// Sum of s[1..W) as a balanced tree: short dependency chains, and it does not depend on s[0], so
// it overlaps with the S-box of s[0] in a partial round.
template <class P, size_t W>
inline P sum_tail(const P* s) {
  P t[W - 1];
  for (size_t i = 1; i < W; ++i) t[i - 1] = s[i];
  for (size_t n = W - 1; n > 1; n = (n + 1) / 2) {
    for (size_t i = 0; i < n / 2; ++i) t[i] = t[2 * i] + t[2 * i + 1];
    if (n % 2) t[n / 2] = t[n - 1];
  }
  return t[0];
}

template <class P, size_t W, size_t... I>
inline void internal_linear_impl(P* s, P tail, std::index_sequence<I...>) {
  static_assert(diag_table<W>()[0].numerator == -2 && diag_table<W>()[0].shift == 0);
  const P sum = tail + s[0];
  s[0] = tail - s[0];  // sum - 2 s0
  ((s[I + 1] = diag_term<diag_table<W>()[I + 1]>(sum, s[I + 1])), ...);
}
// `tail` must be sum_tail(s) of the current s[1..W) (s[0] may have changed since).
template <class P, size_t W>
inline void internal_linear(P* s, P tail) { internal_linear_impl<P, W>(s, tail, std::make_index_sequence<W - 1>{}); }
template <class P, size_t W>
inline void internal_linear(P* s) { internal_linear<P, W>(s, sum_tail<P, W>(s)); }

template <class P, size_t W, size_t RP>
inline void permute(P* s, const Poseidon2Params<W, RP>& c) {
  external_linear<P, W>(s);
  for (size_t r = 0; r < POSEIDON2_HALF_FULL_ROUNDS; ++r) {
    for (size_t i = 0; i < W; ++i) s[i] = cube(s[i] + P::broadcast(c.external_initial[r][i]));
    external_linear<P, W>(s);
  }
  for (size_t r = 0; r < RP; ++r) {
    const P tail = sum_tail<P, W>(s);  // independent of the S-box below
    s[0] = cube(s[0] + P::broadcast(c.internal[r]));
    internal_linear<P, W>(s, tail);
  }
  for (size_t r = 0; r < POSEIDON2_HALF_FULL_ROUNDS; ++r) {
    for (size_t i = 0; i < W; ++i) s[i] = cube(s[i] + P::broadcast(c.external_final[r][i]));
    external_linear<P, W>(s);
  }
}

// For `groups` groups of P::LANES states: state j of a group is read from in[j * in_stride ..+ W),
// permuted, and its first out_elems elements written to out[j * out_stride ..). Groups follow each
// other (group g starts at in + g * LANES * in_stride). in == out with equal strides is allowed.
template <class P, size_t W, size_t RP>
inline void permute_strided(const Fp* in, size_t in_stride, Fp* out, size_t out_stride, size_t out_elems,
                            size_t groups, const Poseidon2Params<W, RP>& c) {
  constexpr size_t L = P::LANES;
  alignas(64) Fp lanes[W][L];
  P s[W];
  for (size_t g = 0; g < groups; ++g) {
    const Fp* src = in + g * L * in_stride;
    for (size_t j = 0; j < L; ++j)
      for (size_t i = 0; i < W; ++i) lanes[i][j] = src[j * in_stride + i];
    for (size_t i = 0; i < W; ++i) s[i] = P::load(lanes[i]);
    permute<P, W, RP>(s, c);
    for (size_t i = 0; i < out_elems; ++i) s[i].store(lanes[i]);
    Fp* dst = out + g * L * out_stride;
    for (size_t j = 0; j < L; ++j)
      for (size_t i = 0; i < out_elems; ++i) dst[j * out_stride + i] = lanes[i][j];
  }
}

// Padding-free sponge (rate 8, width 16) over `groups` groups of P::LANES rows of `width` elements;
// writes 8 digest elements per row to out (row r of the batch at out + r * 8).
template <class P>
inline void hash_rows(const Fp* rows, size_t width, size_t groups, Fp* out, const Poseidon2Params<16, 20>& c) {
  constexpr size_t L = P::LANES, RATE = 8, OUT = 8;
  alignas(64) Fp lanes[16][L];
  P s[16];
  for (size_t g = 0; g < groups; ++g) {
    const Fp* src = rows + g * L * width;
    for (size_t i = 0; i < 16; ++i) s[i] = P::broadcast(Fp{});
    for (size_t start = 0; start < width; start += RATE) {
      const size_t len = width - start < RATE ? width - start : RATE;
      for (size_t j = 0; j < L; ++j)
        for (size_t i = 0; i < len; ++i) lanes[i][j] = src[j * width + start + i];
      for (size_t i = 0; i < len; ++i) s[i] = P::load(lanes[i]);
      permute<P, 16, 20>(s, c);
    }
    for (size_t i = 0; i < OUT; ++i) s[i].store(lanes[i]);
    Fp* dst = out + g * L * OUT;
    for (size_t j = 0; j < L; ++j)
      for (size_t i = 0; i < OUT; ++i) dst[j * OUT + i] = lanes[i][j];
  }
}

}  // namespace oneproof::hash::kernels
