// LogUp trace construction (logup.h).
#include "stark/logup.h"

#include "common/parallel.h"
#include "stark/domain.h"
#include "stark/trace_eval.h"

namespace oneproof::stark {

field::Matrix permutation_trace(const air::CompiledAir& air, const field::Matrix& main, const field::Matrix* preprocessed,
                                std::span<const Fp> publics, const LookupChallenges& ch, Fp4* cumulative_sum) {
  const size_t n = main.height, nb = air.lookup_batches.size();
  std::vector<Fp> first(n), last(n), transition(n, Fp::one());
  first[0] = Fp::one();
  last[n - 1] = Fp::one();
  transition[n - 1] = Fp::zero();
  const RowSource src{&main, preprocessed, 1, publics, first.data(), last.data(), transition.data()};
  // Only the interactions' tuples and multiplicities are needed, not the constraints.
  std::vector<uint32_t> roots;
  for (const auto& it : air.interactions) {
    roots.insert(roots.end(), it.values.begin(), it.values.end());
    roots.push_back(it.multiplicity);
  }
  const std::vector<uint8_t> needed = nodes_needed(air.graph, roots);

  // Per row and batch: h_b = numerator / product with product = prod_i f_i and numerator =
  // sum_i m_i prod_{j != i} f_j (the same recurrence as the constraint), so one inversion per batch.
  std::vector<Fp4> products(n * nb), numerators(n * nb);
  parallel::parallel_for(0, (n + EVAL_BLOCK - 1) / EVAL_BLOCK, 4, [&](size_t lo, size_t hi) {
    std::vector<Fp> values;
    for (size_t b = lo; b < hi; ++b) {
      const size_t r0 = b * EVAL_BLOCK, len = std::min(EVAL_BLOCK, n - r0);
      evaluate_block(air.graph, src, r0, len, values, &needed);
      for (size_t i = 0; i < len; ++i) {
        auto val = [&](uint32_t node) { return values[node * len + i]; };
        for (size_t k = 0; k < nb; ++k) {
          Fp4 product = Fp4::one(), numerator;
          for (uint32_t j : air.lookup_batches[k]) {
            const air::Interaction& it = air.interactions[j];
            const Fp4 f = fingerprint<Fp>(ch, it, val);
            numerator = numerator * f + product * val(it.multiplicity);
            product *= f;
          }
          products[(r0 + i) * nb + k] = product;
          numerators[(r0 + i) * nb + k] = numerator;
        }
      }
    }
  });
  const std::vector<Fp4> inverses = batch_inverse(products);  // a zero fingerprint: negligible, refused
  field::Matrix perm(4 * (nb + 1), n);
  Fp4 phi;
  for (size_t r = 0; r < n; ++r) {
    Fp* row = perm.row(r);
    for (size_t k = 0; k < nb; ++k) {
      const Fp4 h = numerators[r * nb + k] * inverses[r * nb + k];
      for (int e = 0; e < 4; ++e) row[4 * k + e] = h.c[e];
      phi += h;
    }
    for (int e = 0; e < 4; ++e) row[4 * nb + e] = phi.c[e];
  }
  *cumulative_sum = phi;
  return perm;
}

}  // namespace oneproof::stark
