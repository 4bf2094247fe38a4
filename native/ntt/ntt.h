// Radix-2 number-theoretic transforms over the columns of a row-major matrix, and coset
// low-degree extension. The matrix type is field::Matrix (native/field/matrix.h).
//
// Orders (all natural, no bit reversal visible to callers):
//   forward: row i of the input is coefficient i (of x^i) of each column polynomial;
//            on return row i holds its evaluation at omega^i, omega = two_adic_generator(log2 height).
//   inverse: the exact inverse of forward (evaluations in natural order -> coefficients).
//   coset_lde: input rows are evaluations over <omega_n> (n = height) in natural order; the result
//            has n << log_blowup rows, row i = p(shift * omega_{n*blowup}^i), p of degree < n.
// Internally: forward = bit reversal + decimation in time; inverse = decimation in frequency + bit
// reversal + 1/n; coset_lde = DIF straight into DIT with no bit reversal in between. All passes are
// cache-blocked and fuse three radix-2 stages per sweep. `bit_reverse_rows` is exported for callers
// (e.g. FRI) that want bit-reversed commitments.
//
// Heights must be powers of two with log2 height <= field::TWO_ADICITY (24); width may be anything
// (columns are processed with the SIMD kernels, lanes = columns). Work is split over the shared
// thread pool (common/parallel.h). Invalid shapes throw std::invalid_argument.
#pragma once
#include <cstddef>
#include "field/isa.h"
#include "field/koalabear.h"
#include "field/matrix.h"

namespace oneproof::ntt {

using field::Fp;
using field::Isa;
using field::Matrix;

void forward(Matrix& m);
void inverse(Matrix& m);
Matrix coset_lde(const Matrix& evaluations, unsigned log_blowup, Fp shift = Fp::from_u32(field::MULTIPLICATIVE_GENERATOR));

// Explicit-kernel forms (tests, benchmarks).
void forward_with(Isa isa, Matrix& m);
void inverse_with(Isa isa, Matrix& m);
Matrix coset_lde_with(Isa isa, const Matrix& evaluations, unsigned log_blowup, Fp shift);

// Permutes the rows: row i <-> row reverse_bits(i, log2 height). Height must be a power of two.
void bit_reverse_rows(Matrix& m);
size_t reverse_bits(size_t index, unsigned bits);

}  // namespace oneproof::ntt
