// Poseidon2 chain AIR: the round schedule as preprocessed columns, the round as constraints.
#include "air/examples/poseidon2_chain.h"

#include <stdexcept>
#include "hash/poseidon2.h"
#include "hash/poseidon2_params.h"

namespace oneproof::air::examples {

namespace {
using hash::POSEIDON2_PARAMS_16;

enum class Step { Linear, Full, Partial, Copy };

Step step_of(size_t row_in_period, const Fp** rc) {
  static const Fp zeros[16] = {};
  *rc = zeros;
  if (row_in_period == 0) return Step::Linear;
  if (row_in_period <= 4) { *rc = POSEIDON2_PARAMS_16.external_initial[row_in_period - 1]; return Step::Full; }
  if (row_in_period <= 24) return Step::Partial;
  if (row_in_period <= 28) { *rc = POSEIDON2_PARAMS_16.external_final[row_in_period - 25]; return Step::Full; }
  return Step::Copy;
}

Fp partial_rc(size_t row_in_period) { return POSEIDON2_PARAMS_16.internal[row_in_period - 5]; }

// The linear layers, generic over Fp (trace generation) and Expr (constraints).
template <class T>
void mds4(T* x) {
  T t01 = x[0] + x[1], t23 = x[2] + x[3], all = t01 + t23;
  T y0 = all + x[0] + x[1] + x[1];  // 2x0 + 3x1 + x2 + x3
  T y1 = all + x[1] + x[2] + x[2];  // x0 + 2x1 + 3x2 + x3
  T y2 = all + x[2] + x[3] + x[3];  // x0 + x1 + 2x2 + 3x3
  T y3 = all + x[3] + x[0] + x[0];  // 3x0 + x1 + x2 + 2x3
  x[0] = y0; x[1] = y1; x[2] = y2; x[3] = y3;
}
template <class T>
void external_linear(T* s) {
  for (size_t g = 0; g < 16; g += 4) mds4(s + g);
  T sums[4] = {s[0], s[1], s[2], s[3]};
  for (size_t i = 4; i < 16; ++i) sums[i % 4] = sums[i % 4] + s[i];
  for (size_t i = 0; i < 16; ++i) s[i] = s[i] + sums[i % 4];
}
template <class T>
void internal_linear(T* s) {
  T sum = s[0];
  for (size_t i = 1; i < 16; ++i) sum = sum + s[i];
  for (size_t i = 0; i < 16; ++i) s[i] = sum + s[i] * POSEIDON2_PARAMS_16.diag[i];
}
}  // namespace

Poseidon2ChainAir::Poseidon2ChainAir(unsigned log_rows) : log_rows_(log_rows) {
  if (log_rows < 5) throw std::invalid_argument("Poseidon2ChainAir: needs at least 32 rows");
}

field::Matrix Poseidon2ChainAir::preprocessed_trace() const {
  const size_t n = size_t(1) << log_rows_;
  field::Matrix m(preprocessed_width(), n);
  for (size_t r = 0; r < n; ++r) {
    const size_t k = r % ROWS_PER_HASH;
    const Fp* rc;
    Step s = step_of(k, &rc);
    Fp* row = m.row(r);
    row[SEL_LINEAR + size_t(s)] = Fp::one();
    for (size_t i = 0; i < STATE; ++i) row[RC + i] = rc[i];
    if (s == Step::Partial) row[RC] = partial_rc(k);
  }
  return m;
}

void Poseidon2ChainAir::eval(AirBuilder& b) const {
  Expr x[STATE], s[STATE], rc[STATE];
  for (size_t i = 0; i < STATE; ++i) {
    x[i] = b.local(i);
    s[i] = b.local(STATE + i);
    rc[i] = b.pre_local(RC + i);
  }
  for (size_t i = 0; i < STATE; ++i) {
    Expr t = x[i] + rc[i];
    b.assert_eq(s[i], t * t * t, "s = (x + rc)^3");
  }
  Expr linear[STATE], full[STATE], partial[STATE];
  for (size_t i = 0; i < STATE; ++i) { linear[i] = x[i]; full[i] = s[i]; partial[i] = i == 0 ? s[0] : x[i]; }
  external_linear(linear);
  external_linear(full);
  internal_linear(partial);
  Expr sel_linear = b.pre_local(SEL_LINEAR), sel_full = b.pre_local(SEL_FULL);
  Expr sel_partial = b.pre_local(SEL_PARTIAL), sel_copy = b.pre_local(SEL_COPY);
  auto transition = b.when_transition();
  for (size_t i = 0; i < STATE; ++i) {
    Expr expected = sel_linear * linear[i] + sel_full * full[i] + sel_partial * partial[i] + sel_copy * x[i];
    transition.assert_eq(b.next(i), expected, "round step");
  }
  for (size_t i = 0; i < STATE; ++i) {
    b.when_first_row().assert_eq(x[i], b.public_value(i), "input");
    b.when_last_row().assert_eq(x[i], b.public_value(STATE + i), "output");
  }
}

field::Matrix Poseidon2ChainAir::trace(const std::array<Fp, STATE>& input, std::vector<Fp>* publics) const {
  const size_t n = size_t(1) << log_rows_;
  field::Matrix m(width(), n);
  Fp x[STATE];
  for (size_t i = 0; i < STATE; ++i) x[i] = input[i];
  for (size_t r = 0; r < n; ++r) {
    const size_t k = r % ROWS_PER_HASH;
    const Fp* rc;
    Step step = step_of(k, &rc);
    Fp rcs[STATE];
    for (size_t i = 0; i < STATE; ++i) rcs[i] = rc[i];
    if (step == Step::Partial) rcs[0] = partial_rc(k);
    Fp* row = m.row(r);
    Fp s[STATE];
    for (size_t i = 0; i < STATE; ++i) {
      Fp t = x[i] + rcs[i];
      s[i] = t * t * t;
      row[i] = x[i];
      row[STATE + i] = s[i];
    }
    switch (step) {
      case Step::Linear: external_linear(x); break;
      case Step::Full: for (size_t i = 0; i < STATE; ++i) x[i] = s[i]; external_linear(x); break;
      case Step::Partial: x[0] = s[0]; internal_linear(x); break;
      case Step::Copy: break;
    }
  }
  if (publics) {
    publics->assign(input.begin(), input.end());
    for (size_t i = 0; i < STATE; ++i) publics->push_back(m.at(n - 1, i));
  }
  return m;
}

}  // namespace oneproof::air::examples
