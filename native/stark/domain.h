// Polynomial helpers on the trace domain H = <g> (|H| = n) and its LDE coset shift * <omega_N>:
// vanishing polynomial, row selectors, batch inversion, barycentric evaluation at a point outside H.
#pragma once
#include <vector>
#include "field/matrix.h"

namespace oneproof::stark {

using field::Fp;
using field::Fp4;

// Montgomery's trick; zero inputs are refused (std::domain_error): callers only invert values
// that are nonzero by construction (points outside the domain).
template <class F>
std::vector<F> batch_inverse(const std::vector<F>& xs);

// Selectors at a point x (any field): Z_H(x) = x^n - 1, is_first = Z_H / (x - 1),
// is_last = Z_H / (x - g^-1), is_transition = x - g^-1 (Plonky3's unnormalised Lagrange selectors).
struct Selectors {
  Fp4 zerofier, is_first, is_last, is_transition;
};
Selectors selectors_at(Fp4 x, unsigned log_n);

// Values of each column polynomial of `trace` (evaluations over H, natural order) at z not in H.
std::vector<Fp4> evaluate_columns_at(const field::Matrix& trace, Fp4 z);

// x_j = shift * omega_N^j for j < N = 2^log_n.
std::vector<Fp> coset_points(unsigned log_n, Fp shift);

// Evaluations on shift * <omega_N> of polynomials given by coefficients (columns of `coeffs`,
// padded with zeros to N rows).
field::Matrix coset_evaluate(const field::Matrix& coeffs, unsigned log_n, Fp shift);

}  // namespace oneproof::stark
