// 16 KoalaBear elements in one AVX-512 register (Montgomery form, each lane in [0, p)), plus the
// 8- and 4-lane types (packed_avx2.h) instantiated for this ISA for leftover columns.
// Include ONLY from translation units compiled with -mavx512f (see monty_lane.h for why the types
// live in their own namespace). Results equal the scalar Fp operations bit for bit.
#pragma once
#ifndef __AVX512F__
#error "packed_avx512.h needs -mavx512f"
#endif
// GCC 12's AVX-512 intrinsics initialise their pass-through operand from itself
// (_mm512_undefined_epi32), which trips -W(maybe-)uninitialized once inlined (GCC bug 105593).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#else
#include <immintrin.h>
#endif
#include "field/koalabear.h"
#include "field/monty_lane.h"
#include "field/packed_avx2.h"

namespace oneproof::field::avx512 {

struct Tag {};
using Lane = MontyLane<Tag>;
struct PackedFp;
using HalfFp = Packed8<Tag>;     // leftover columns: 8 lanes, then 4
using QuarterFp = Packed4<Tag>;

// Merges the high 32-bit words of the 64-bit lanes of `even` (into even positions) and `odd`
// (odd positions): one masked movehdup.
inline __m512i high_words(__m512i even, __m512i odd) {
  return _mm512_castps_si512(_mm512_mask_movehdup_ps(_mm512_castsi512_ps(odd), 0x5555, _mm512_castsi512_ps(even)));
}

struct PackedFp {
  static constexpr unsigned LANES = 16;
  __m512i v;

  static PackedFp load(const Fp* p) { return {_mm512_loadu_si512(p)}; }
  void store(Fp* p) const { _mm512_storeu_si512(p, v); }
  static PackedFp broadcast(Fp x) { return {_mm512_set1_epi32(int(x.v))}; }

  // a + b < 2p < 2^32; subtracting p wraps to a huge value exactly when the sum was already < p.
  friend PackedFp operator+(PackedFp a, PackedFp b) {
    const __m512i p = _mm512_set1_epi32(int(P));
    __m512i s = _mm512_add_epi32(a.v, b.v);
    return {_mm512_min_epu32(s, _mm512_sub_epi32(s, p))};
  }
  // a - b wraps to >= 2^32 - p when negative; adding p back gives the small representative.
  friend PackedFp operator-(PackedFp a, PackedFp b) {
    const __m512i p = _mm512_set1_epi32(int(P));
    __m512i d = _mm512_sub_epi32(a.v, b.v);
    return {_mm512_min_epu32(d, _mm512_add_epi32(d, p))};
  }
  // x * 2^-k for 1 <= k <= 24 without a multiplication: with x = hi 2^k + lo and
  // 2^-k = -127 * 2^(24-k) (as 2^24 * 127 = p - 1), x 2^-k = hi - lo * 127 * 2^(24-k), and both
  // terms are below p. Works on the Montgomery form directly because it is linear.
  template <unsigned K>
  PackedFp div_2exp() const {
    static_assert(K >= 1 && K <= 24);
    const __m512i p = _mm512_set1_epi32(int(P));
    __m512i hi = _mm512_srli_epi32(v, K);
    __m512i lo = _mm512_and_si512(v, _mm512_set1_epi32(int((1u << K) - 1)));
    __m512i t = _mm512_sub_epi32(_mm512_slli_epi32(lo, 31 - K), _mm512_slli_epi32(lo, 24 - K));
    __m512i d = _mm512_sub_epi32(hi, t);
    return {_mm512_min_epu32(d, _mm512_add_epi32(d, p))};
  }

  // Montgomery product: even and odd lanes are multiplied as 64-bit halves separately, then the
  // high words are merged. (x - t*p) / 2^32 = hi(x) - hi(t*p) because the low words agree.
  friend PackedFp operator*(PackedFp a, PackedFp b) {
    const __m512i p = _mm512_set1_epi32(int(P));
    const __m512i mu = _mm512_set1_epi32(int(detail::MU));
    __m512i prod_even = _mm512_mul_epu32(a.v, b.v);
    __m512i prod_odd = _mm512_mul_epu32(_mm512_srli_epi64(a.v, 32), _mm512_srli_epi64(b.v, 32));
    __m512i tp_even = _mm512_mul_epu32(_mm512_mul_epu32(prod_even, mu), p);
    __m512i tp_odd = _mm512_mul_epu32(_mm512_mul_epu32(prod_odd, mu), p);
    __m512i prod_hi = high_words(prod_even, prod_odd);
    __m512i tp_hi = high_words(tp_even, tp_odd);
    __m512i d = _mm512_sub_epi32(prod_hi, tp_hi);
    return {_mm512_min_epu32(d, _mm512_add_epi32(d, p))};
  }
};

}  // namespace oneproof::field::avx512
