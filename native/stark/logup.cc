// LogUp trace construction (logup.h).
#include "stark/logup.h"

#include "common/parallel.h"
#include "stark/domain.h"
#include "stark/trace_eval.h"

namespace oneproof::stark {

field::Matrix permutation_trace(const air::CompiledAir& air, const field::Matrix& main, const field::Matrix* preprocessed,
                                std::span<const Fp> publics, const LookupChallenges& ch, Fp4* cumulative_sum) {
  const size_t n = main.height, k = air.interactions.size();
  std::vector<Fp> first(n), last(n), transition(n, Fp::one());
  first[0] = Fp::one();
  last[n - 1] = Fp::one();
  transition[n - 1] = Fp::zero();
  const RowSource src{&main, preprocessed, 1, publics, first.data(), last.data(), transition.data()};

  std::vector<Fp4> fingerprints(n * k);
  std::vector<Fp> multiplicities(n * k);
  parallel::parallel_for(0, (n + EVAL_BLOCK - 1) / EVAL_BLOCK, 4, [&](size_t lo, size_t hi) {
    std::vector<Fp> values;
    for (size_t b = lo; b < hi; ++b) {
      const size_t r0 = b * EVAL_BLOCK, len = std::min(EVAL_BLOCK, n - r0);
      evaluate_block(air.graph, src, r0, len, values);
      for (size_t i = 0; i < len; ++i) {
        auto val = [&](uint32_t node) { return values[node * len + i]; };
        for (size_t j = 0; j < k; ++j) {
          fingerprints[(r0 + i) * k + j] = fingerprint<Fp>(ch, air.interactions[j], val);
          multiplicities[(r0 + i) * k + j] = val(air.interactions[j].multiplicity);
        }
      }
    }
  });
  const std::vector<Fp4> inverses = batch_inverse(fingerprints);  // a zero fingerprint: negligible, refused
  const size_t nb = air.lookup_batches.size();
  field::Matrix perm(4 * (nb + 1), n);
  Fp4 phi;
  for (size_t r = 0; r < n; ++r) {
    Fp* row = perm.row(r);
    for (size_t b = 0; b < nb; ++b) {
      Fp4 h;
      for (uint32_t j : air.lookup_batches[b]) h += inverses[r * k + j] * multiplicities[r * k + j];
      for (int e = 0; e < 4; ++e) row[4 * b + e] = h.c[e];
      phi += h;
    }
    for (int e = 0; e < 4; ++e) row[4 * nb + e] = phi.c[e];
  }
  *cumulative_sum = phi;
  return perm;
}

}  // namespace oneproof::stark
