// Quotient evaluation and splitting (quotient.h).
#include "stark/quotient.h"

#include <algorithm>

#include "common/parallel.h"
#include "field/vector_ops.h"
#include "fri/fri.h"
#include "stark/domain.h"
#include "stark/logup.h"
#include "stark/trace_eval.h"

namespace oneproof::stark {

std::vector<Fp4> quotient_on_lde(const QuotientInputs& in) {
  const air::CompiledAir& air = *in.air;
  const size_t n = size_t(1) << in.log_n, blowup = size_t(1) << in.log_blowup, N = n * blowup;
  const unsigned log_N = in.log_n + in.log_blowup;
  const Fp shift = fri::coset_shift();
  const std::vector<Fp> xs = coset_points(log_N, shift);
  const Fp g_inv = field::two_adic_generator(in.log_n).inverse();

  // Z_H(x_j) = shift^n * omega_blowup^j - 1 takes only `blowup` values.
  std::vector<Fp> zerofier(blowup);
  const Fp shift_n = shift.pow(n), omega_b = field::two_adic_generator(in.log_blowup);
  for (size_t j = 0; j < blowup; ++j) zerofier[j] = shift_n * omega_b.pow(j) - Fp::one();
  const std::vector<Fp> zerofier_inv = batch_inverse(zerofier);
  std::vector<Fp> minus_one(N), minus_last(N);
  for (size_t j = 0; j < N; ++j) { minus_one[j] = xs[j] - Fp::one(); minus_last[j] = xs[j] - g_inv; }
  std::vector<Fp> first = batch_inverse(minus_one), last = batch_inverse(minus_last);
  for (size_t j = 0; j < N; ++j) { first[j] *= zerofier[j % blowup]; last[j] *= zerofier[j % blowup]; }
  const std::vector<Fp>& transition = minus_last;

  const RowSource src{in.main_lde, in.preprocessed_lde, blowup, in.publics, first.data(), last.data(), transition.data()};
  const std::vector<Fp4> alpha_pows = powers(in.alpha, num_folded_constraints(air));
  const size_t k = air.interactions.empty() ? 0 : air.lookup_batches.size();
  std::vector<Fp4> q(N);
  parallel::parallel_for(0, (N + EVAL_BLOCK - 1) / EVAL_BLOCK, 4, [&](size_t lo, size_t hi) {
    std::vector<Fp> values, acc(4 * EVAL_BLOCK), scaled(EVAL_BLOCK);
    std::vector<Fp4> h_local(k), h_next(k);
    for (size_t b = lo; b < hi; ++b) {
      const size_t r0 = b * EVAL_BLOCK, len = std::min(EVAL_BLOCK, N - r0);
      evaluate_block(air.graph, src, r0, len, values);
      // AIR constraints: acc_e += alpha^k.c[e] * C_k, one SIMD pass per coefficient.
      std::fill(acc.begin(), acc.end(), Fp::zero());
      for (size_t c = 0; c < air.constraints.size(); ++c) {
        const Fp* v = values.data() + air.constraints[c].node * len;
        for (int e = 0; e < 4; ++e) {
          field::scale_array(v, alpha_pows[c].c[e], scaled.data(), len);
          field::add_arrays(acc.data() + e * EVAL_BLOCK, scaled.data(), acc.data() + e * EVAL_BLOCK, len);
        }
      }
      for (size_t i = 0; i < len; ++i) {
        const size_t j = r0 + i;
        Fp4 c;
        for (int e = 0; e < 4; ++e) c.c[e] = acc[e * EVAL_BLOCK + i];
        if (k > 0) {
          PermutationRow perm{h_local.data(), h_next.data(), Fp4(), Fp4()};
          const Fp* row = in.permutation_lde->row(j);
          const Fp* next = in.permutation_lde->row((j + blowup) % N);
          for (size_t t = 0; t < k; ++t) { h_local[t] = ext_at(row, 4 * t); h_next[t] = ext_at(next, 4 * t); }
          perm.phi_local = ext_at(row, 4 * k);
          perm.phi_next = ext_at(next, 4 * k);
          auto val = [&](uint32_t node) { return values[node * len + i]; };
          c += fold_lookup_constraints<Fp>(air, val, perm, first[j], last[j], transition[j], *in.lookups,
                                           in.cumulative_sum, alpha_pows);
        }
        q[j] = c * zerofier_inv[j % blowup];
      }
    }
  });
  return q;
}

field::Matrix quotient_chunk_coefficients(const std::vector<Fp4>& q_lde, unsigned log_n, unsigned chunks) {
  const size_t n = size_t(1) << log_n;
  const std::vector<Fp4> coeffs = fri::coset_interpolate(q_lde, fri::coset_shift());
  field::Matrix m(4 * chunks, n);
  for (size_t c = 0; c < chunks; ++c)
    for (size_t i = 0; i < n; ++i)
      for (int e = 0; e < 4; ++e) m.at(i, 4 * c + e) = coeffs[c * n + i].c[e];
  return m;
}

std::vector<Fp4> evaluate_coefficients_at(const field::Matrix& coeffs, Fp4 z) {
  std::vector<Fp4> out(coeffs.width);
  Fp4 power = Fp4::one();
  for (size_t i = 0; i < coeffs.height; ++i) {
    const Fp* row = coeffs.row(i);
    for (size_t c = 0; c < coeffs.width; ++c) out[c] += power * row[c];
    power *= z;
  }
  return out;
}

Fp4 recompose_quotient(const std::vector<Fp4>& chunk_values, Fp4 zeta, unsigned log_n) {
  const Fp4 zeta_n = zeta.pow(uint64_t(1) << log_n);
  Fp4 total, zeta_kn = Fp4::one();
  for (size_t c = 0; c + 3 < chunk_values.size(); c += 4) {
    Fp4 chunk;
    for (int e = 0; e < 4; ++e) {
      Fp4 basis;
      basis.c[e] = Fp::one();
      chunk += basis * chunk_values[c + e];
    }
    total += zeta_kn * chunk;
    zeta_kn *= zeta_n;
  }
  return total;
}

}  // namespace oneproof::stark
