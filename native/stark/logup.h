// The LogUp ("permutation") trace of a table: for each batch b of interactions (lookup_batches) a
// column h_b = sum_{i in b} m_i / f_i (f_i its fingerprint, constraints.h) and the running sum phi
// of all h_b up to and including the row; phi on the last row is the table's cumulative sum. Each
// F_{p^4} column is stored as four base columns (coefficients), batch b at 4b..4b+3 and phi after.
#pragma once
#include <span>
#include "stark/constraints.h"
#include "field/matrix.h"

namespace oneproof::stark {

field::Matrix permutation_trace(const air::CompiledAir& air, const field::Matrix& main, const field::Matrix* preprocessed,
                                std::span<const Fp> publics, const LookupChallenges& ch, Fp4* cumulative_sum);

inline Fp4 ext_at(const Fp* row, size_t column) {
  Fp4 r;
  for (int k = 0; k < 4; ++k) r.c[k] = row[column + k];
  return r;
}

}  // namespace oneproof::stark
