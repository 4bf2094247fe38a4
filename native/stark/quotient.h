// The quotient Q = C / Z_H of a table (C: its folded constraints, constraints.h), evaluated on the
// LDE coset, split into `chunks` polynomials of degree < n (Q(x) = sum_k x^(k n) Q_k(x), each Q_k in
// F_{p^4} as four base columns 4k..4k+3), and recombined from out-of-domain values.
#pragma once
#include <span>
#include <vector>
#include "stark/constraints.h"
#include "field/matrix.h"

namespace oneproof::stark {

struct QuotientInputs {
  const air::CompiledAir* air;
  const field::Matrix* main_lde;
  const field::Matrix* preprocessed_lde;  // may be null
  const field::Matrix* permutation_lde;   // may be null (no interactions)
  std::span<const Fp> publics;
  unsigned log_n, log_blowup;
  const LookupChallenges* lookups;
  Fp4 cumulative_sum;
  Fp4 alpha;
};

std::vector<Fp4> quotient_on_lde(const QuotientInputs& in);
// Coefficient matrix (n rows, 4 * chunks columns) of the chunks of Q given on the LDE coset.
field::Matrix quotient_chunk_coefficients(const std::vector<Fp4>& q_lde, unsigned log_n, unsigned chunks);
// Values at z of polynomials given by their coefficient columns.
std::vector<Fp4> evaluate_coefficients_at(const field::Matrix& coeffs, Fp4 z);
// Q(zeta) from the chunk columns' values at zeta.
Fp4 recompose_quotient(const std::vector<Fp4>& chunk_values, Fp4 zeta, unsigned log_n);

}  // namespace oneproof::stark
