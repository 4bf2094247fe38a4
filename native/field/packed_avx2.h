// 8 (AVX2, __m256i) and 4 (SSE4.1, __m128i) KoalaBear elements per register, Montgomery form,
// each lane in [0, p). Include ONLY from translation units compiled with -mavx2 (or more).
// Results equal the scalar Fp operations bit for bit.
//
// The types are templates on an ISA tag: the AVX-512 unit uses them too (for leftover columns), and
// each unit must get its own symbols (see monty_lane.h). field::avx2::PackedFp is the AVX2 kernel's
// main type.
#pragma once
#ifndef __AVX2__
#error "packed_avx2.h needs -mavx2"
#endif
#include <immintrin.h>
#include "field/koalabear.h"
#include "field/monty_lane.h"

namespace oneproof::field {

template <class IsaTag>
struct Packed8 {
  static constexpr unsigned LANES = 8;
  __m256i v;

  static Packed8 load(const Fp* p) { return {_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p))}; }
  void store(Fp* p) const { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
  static Packed8 broadcast(Fp x) { return {_mm256_set1_epi32(int(x.v))}; }

  // a + b < 2p < 2^32; subtracting p wraps to a huge value exactly when the sum was already < p.
  friend Packed8 operator+(Packed8 a, Packed8 b) {
    const __m256i p = _mm256_set1_epi32(int(P));
    __m256i s = _mm256_add_epi32(a.v, b.v);
    return {_mm256_min_epu32(s, _mm256_sub_epi32(s, p))};
  }
  // a - b wraps to >= 2^32 - p when negative; adding p back gives the small representative.
  friend Packed8 operator-(Packed8 a, Packed8 b) {
    const __m256i p = _mm256_set1_epi32(int(P));
    __m256i d = _mm256_sub_epi32(a.v, b.v);
    return {_mm256_min_epu32(d, _mm256_add_epi32(d, p))};
  }
  // x * 2^-k for 1 <= k <= 24 without a multiplication (see packed_avx512.h).
  template <unsigned K>
  Packed8 div_2exp() const {
    static_assert(K >= 1 && K <= 24);
    const __m256i p = _mm256_set1_epi32(int(P));
    __m256i hi = _mm256_srli_epi32(v, K);
    __m256i lo = _mm256_and_si256(v, _mm256_set1_epi32(int((1u << K) - 1)));
    __m256i t = _mm256_sub_epi32(_mm256_slli_epi32(lo, 31 - K), _mm256_slli_epi32(lo, 24 - K));
    __m256i d = _mm256_sub_epi32(hi, t);
    return {_mm256_min_epu32(d, _mm256_add_epi32(d, p))};
  }
  // Montgomery product: even and odd lanes are multiplied as 64-bit halves separately, then the
  // high words are merged. (x - t*p) / 2^32 = hi(x) - hi(t*p) because the low words agree.
  friend Packed8 operator*(Packed8 a, Packed8 b) {
    const __m256i p = _mm256_set1_epi32(int(P));
    const __m256i mu = _mm256_set1_epi32(int(detail::MU));
    __m256i prod_even = _mm256_mul_epu32(a.v, b.v);
    __m256i prod_odd = _mm256_mul_epu32(_mm256_srli_epi64(a.v, 32), _mm256_srli_epi64(b.v, 32));
    __m256i tp_even = _mm256_mul_epu32(_mm256_mul_epu32(prod_even, mu), p);
    __m256i tp_odd = _mm256_mul_epu32(_mm256_mul_epu32(prod_odd, mu), p);
    __m256i prod_hi = _mm256_blend_epi32(prod_odd, _mm256_srli_epi64(prod_even, 32), 0x55);
    __m256i tp_hi = _mm256_blend_epi32(tp_odd, _mm256_srli_epi64(tp_even, 32), 0x55);
    __m256i d = _mm256_sub_epi32(prod_hi, tp_hi);
    return {_mm256_min_epu32(d, _mm256_add_epi32(d, p))};
  }
};

// The same arithmetic on 4 lanes (leftover columns of narrow matrices).
template <class IsaTag>
struct Packed4 {
  static constexpr unsigned LANES = 4;
  __m128i v;

  static Packed4 load(const Fp* p) { return {_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))}; }
  void store(Fp* p) const { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v); }
  static Packed4 broadcast(Fp x) { return {_mm_set1_epi32(int(x.v))}; }

  friend Packed4 operator+(Packed4 a, Packed4 b) {
    __m128i s = _mm_add_epi32(a.v, b.v);
    return {_mm_min_epu32(s, _mm_sub_epi32(s, _mm_set1_epi32(int(P))))};
  }
  friend Packed4 operator-(Packed4 a, Packed4 b) {
    __m128i d = _mm_sub_epi32(a.v, b.v);
    return {_mm_min_epu32(d, _mm_add_epi32(d, _mm_set1_epi32(int(P))))};
  }
  template <unsigned K>
  Packed4 div_2exp() const {
    static_assert(K >= 1 && K <= 24);
    __m128i hi = _mm_srli_epi32(v, K);
    __m128i lo = _mm_and_si128(v, _mm_set1_epi32(int((1u << K) - 1)));
    __m128i t = _mm_sub_epi32(_mm_slli_epi32(lo, 31 - K), _mm_slli_epi32(lo, 24 - K));
    __m128i d = _mm_sub_epi32(hi, t);
    return {_mm_min_epu32(d, _mm_add_epi32(d, _mm_set1_epi32(int(P))))};
  }
  friend Packed4 operator*(Packed4 a, Packed4 b) {
    const __m128i p = _mm_set1_epi32(int(P));
    const __m128i mu = _mm_set1_epi32(int(detail::MU));
    __m128i prod_even = _mm_mul_epu32(a.v, b.v);
    __m128i prod_odd = _mm_mul_epu32(_mm_srli_epi64(a.v, 32), _mm_srli_epi64(b.v, 32));
    __m128i tp_even = _mm_mul_epu32(_mm_mul_epu32(prod_even, mu), p);
    __m128i tp_odd = _mm_mul_epu32(_mm_mul_epu32(prod_odd, mu), p);
    __m128i prod_hi = _mm_blend_epi32(prod_odd, _mm_srli_epi64(prod_even, 32), 0x5);
    __m128i tp_hi = _mm_blend_epi32(tp_odd, _mm_srli_epi64(tp_even, 32), 0x5);
    __m128i d = _mm_sub_epi32(prod_hi, tp_hi);
    return {_mm_min_epu32(d, _mm_add_epi32(d, p))};
  }
};

namespace avx2 {
struct Tag {};
using Lane = MontyLane<Tag>;
using PackedFp = Packed8<Tag>;
using HalfFp = Packed4<Tag>;     // leftover columns: 4 lanes
using QuarterFp = Packed4<Tag>;  // (no narrower vector on this ISA)
}  // namespace avx2

}  // namespace oneproof::field
