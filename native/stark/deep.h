// DEEP composition: every committed column p, opened at z with claimed value v, contributes
// coeff * (p(x) - v) / (x - z) to the reduced opening of its LDE height, which FRI then proves to
// be low degree. Coefficients are successive powers of one batching challenge alpha, in the
// canonical order: table by table, matrices preprocessed?, main, permutation?, quotient; within a
// matrix of width W, column c at zeta gets running * alpha^c and at zeta*g running * alpha^(W + c).
#pragma once
#include <vector>
#include "field/matrix.h"
#include "stark/proof.h"

namespace oneproof::stark {

struct DeepTerm {
  std::vector<Fp4> column_pows;  // alpha^c
  Fp4 coeff_local, coeff_next;   // running power for the zeta and zeta*g parts
  Fp4 value_local, value_next;   // sum_c alpha^c v_c at each point
  bool has_next;
};

// Builds the term of the next matrix and advances `running`.
DeepTerm make_deep_term(Fp4 alpha, Fp4& running, const MatrixOpenedValues& v, size_t width);

// The contribution of one row (the matrix at point x), given 1/(x - zeta) and 1/(x - zeta*g).
inline Fp4 deep_row(const DeepTerm& t, const Fp* row, const Fp4& inv_local, const Fp4& inv_next) {
  Fp4 combined;
  for (size_t c = 0; c < t.column_pows.size(); ++c) combined += t.column_pows[c] * row[c];
  Fp4 out = t.coeff_local * (combined - t.value_local) * inv_local;
  if (t.has_next) out += t.coeff_next * (combined - t.value_next) * inv_next;
  return out;
}

// Prover side over rows [r0, r0 + len) of an LDE matrix: out[i] += the contribution of row r0 + i.
// The column combination runs column by column with SIMD scale-and-add passes.
void deep_rows(const DeepTerm& t, const field::Matrix& lde, size_t r0, size_t len, const Fp4* inv_local,
               const Fp4* inv_next, Fp4* out);

}  // namespace oneproof::stark
