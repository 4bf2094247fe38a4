// Butterflies over rows of a row-major matrix, generic over an ISA's vector types (lanes = adjacent
// columns): P the widest, H and Q narrower ones and L one lane, for the columns left over
// (field/column_chunks.h). Instantiated
// per ISA in ntt_kernels_{scalar,avx2,avx512}.cc (see field/monty_lane.h for why).
//
// Twiddle layout (twiddles.h): tw[half + k] = omega_{2 half}^k for every power of two `half`, so
// the butterflies of the stage combining blocks of size `half` read tw[half .. 2 half).
#pragma once
#include <cstddef>
#include "field/column_chunks.h"
#include "field/koalabear.h"

namespace oneproof::ntt::kernels {

using field::Fp;

// (a, b) <- (a + w b, a - w b) column-wise over `width` columns.
template <class P, class H, class Q, class L>
inline void butterfly(Fp* a, Fp* b, Fp w, size_t width) {
  field::for_column_chunks<P, H, Q, L>(width, [&]<class V>(size_t c) {
    V x = V::load(a + c), t = V::load(b + c) * V::broadcast(w);
    (x + t).store(a + c);
    (x - t).store(b + c);
  });
}

// Twiddle 1: no multiplication.
template <class P, class H, class Q, class L>
inline void butterfly_unit(Fp* a, Fp* b, size_t width) {
  field::for_column_chunks<P, H, Q, L>(width, [&]<class V>(size_t c) {
    V x = V::load(a + c), t = V::load(b + c);
    (x + t).store(a + c);
    (x - t).store(b + c);
  });
}

// Butterflies [pair_begin, pair_end) of the stage with half-size `half` over the whole matrix:
// pair j = (block j / half, offset k = j % half) joins rows block*2half + k and that + half.
template <class P, class H, class Q, class L>
inline void stage(Fp* data, size_t width, size_t half, const Fp* tw, size_t pair_begin, size_t pair_end) {
  for (size_t j = pair_begin; j < pair_end; ++j) {
    const size_t k = j & (half - 1), top = (j - k) * 2 + k;
    Fp* a = data + top * width;
    Fp* b = a + half * width;
    if (k == 0) butterfly_unit<P, H, Q, L>(a, b, width);
    else butterfly<P, H, Q, L>(a, b, tw[half + k], width);
  }
}

// LOG_R consecutive stages (half, 2 half, ..., 2^(LOG_R-1) half) in one pass over memory: group
// j = (block, k) holds the R = 2^LOG_R rows base + m half (m < R), base = block * R half + k, whose
// butterflies in those stages only involve each other. At sub-stage s the pair (m, m + 2^s) uses
// twiddle tw[(half << s) + k + (m mod 2^s) half]. Groups [group_begin, group_end) of n / R.
template <class P, class H, class Q, class L, unsigned LOG_R>
inline void stages_fused(Fp* data, size_t width, size_t half, const Fp* tw, size_t group_begin, size_t group_end) {
  constexpr size_t R = size_t(1) << LOG_R;
  for (size_t j = group_begin; j < group_end; ++j) {
    const size_t k = j & (half - 1), base = (j - k) * R + k;
    Fp* rows[R];
    for (size_t m = 0; m < R; ++m) rows[m] = data + (base + m * half) * width;
    Fp w[LOG_R][R / 2];  // twiddle per sub-stage and pair
    for (unsigned st = 0; st < LOG_R; ++st)
      for (size_t q = 0; q < (size_t(1) << st); ++q) w[st][q] = tw[(half << st) + k + q * half];

    auto columns = [&]<class V>(size_t c) {
      V v[R];
      for (size_t m = 0; m < R; ++m) v[m] = V::load(rows[m] + c);
      for (unsigned st = 0; st < LOG_R; ++st) {
        const size_t span = size_t(1) << st;
        for (size_t m = 0; m < R; ++m) {
          if (m & span) continue;
          const V t = v[m + span] * V::broadcast(w[st][m & (span - 1)]);
          v[m + span] = v[m] - t;
          v[m] = v[m] + t;
        }
      }
      for (size_t m = 0; m < R; ++m) v[m].store(rows[m] + c);
    };
    field::for_column_chunks<P, H, Q, L>(width, columns);
  }
}

// DIT stages first_stage .. log_rows - 1 (half = 2^stage) on one block of 2^log_rows rows, so a
// cache-sized block is finished before moving on; three stages per pass over the block.
template <class P, class H, class Q, class L>
inline void block(Fp* rows, size_t width, unsigned first_stage, unsigned log_rows, const Fp* tw) {
  for (unsigned done = first_stage; done < log_rows;) {
    const unsigned r = log_rows - done >= 3 ? 3 : log_rows - done;
    const size_t half = size_t(1) << done, groups = (size_t(1) << log_rows) >> r;
    if (r == 3) stages_fused<P, H, Q, L, 3>(rows, width, half, tw, 0, groups);
    else if (r == 2) stages_fused<P, H, Q, L, 2>(rows, width, half, tw, 0, groups);
    else stage<P, H, Q, L>(rows, width, half, tw, 0, groups);
    done += r;
  }
}

// Inverse transform, decimation in frequency (natural order in, bit-reversed out, no 1/n): LOG_R
// stages with halves 2^(LOG_R-1) H, ..., 2H, H in one pass; groups as in stages_fused. Butterfly
// (a, b) -> (a + b, (a - b) omega_{2h}^-kk), and omega_{2h}^-kk = -tw[2h - kk] for kk > 0, so the
// forward twiddle table serves: b' = (b - a) tw[2h - kk], or a - b when kk = 0.
template <class P, class H, class Q, class L, unsigned LOG_R>
inline void dif_fused(Fp* data, size_t width, size_t low_half, const Fp* tw, size_t group_begin, size_t group_end) {
  constexpr size_t R = size_t(1) << LOG_R;
  for (size_t j = group_begin; j < group_end; ++j) {
    const size_t k = j & (low_half - 1), base = (j - k) * R + k;
    Fp* rows[R];
    for (size_t m = 0; m < R; ++m) rows[m] = data + (base + m * low_half) * width;
    Fp w[LOG_R][R / 2];
    bool unit[LOG_R][R / 2];
    for (unsigned st = 0; st < LOG_R; ++st)
      for (size_t q = 0; q < (size_t(1) << st); ++q) {
        const size_t h = low_half << st, kk = k + q * low_half;
        unit[st][q] = kk == 0;
        w[st][q] = kk == 0 ? Fp{} : tw[2 * h - kk];
      }

    auto columns = [&]<class V>(size_t c) {
      V v[R];
      for (size_t m = 0; m < R; ++m) v[m] = V::load(rows[m] + c);
      for (unsigned st = LOG_R; st-- > 0;) {
        const size_t span = size_t(1) << st;
        for (size_t m = 0; m < R; ++m) {
          if (m & span) continue;
          const size_t q = m & (span - 1);
          const V a = v[m], b = v[m + span];
          v[m] = a + b;
          v[m + span] = unit[st][q] ? a - b : (b - a) * V::broadcast(w[st][q]);
        }
      }
      for (size_t m = 0; m < R; ++m) v[m].store(rows[m] + c);
    };
    field::for_column_chunks<P, H, Q, L>(width, columns);
  }
}

// All DIF stages of one block of 2^log_rows rows (halves 2^(log_rows-1) down to 1).
template <class P, class H, class Q, class L>
inline void dif_block(Fp* rows, size_t width, unsigned log_rows, const Fp* tw) {
  for (unsigned remaining = log_rows; remaining > 0;) {
    const unsigned r = remaining >= 3 ? 3 : remaining;
    const size_t low_half = size_t(1) << (remaining - r), groups = (size_t(1) << log_rows) >> r;
    if (r == 3) dif_fused<P, H, Q, L, 3>(rows, width, low_half, tw, 0, groups);
    else if (r == 2) dif_fused<P, H, Q, L, 2>(rows, width, low_half, tw, 0, groups);
    else dif_fused<P, H, Q, L, 1>(rows, width, low_half, tw, 0, groups);
    remaining -= r;
  }
}

}  // namespace oneproof::ntt::kernels
