// DEEP batching coefficients (deep.h).
#include "stark/deep.h"

#include "stark/constraints.h"

namespace oneproof::stark {

DeepTerm make_deep_term(Fp4 alpha, Fp4& running, const MatrixOpenedValues& v, size_t width) {
  DeepTerm t;
  t.column_pows = powers(alpha, width);
  const Fp4 alpha_w = alpha.pow(width);
  t.has_next = !v.next.empty();
  t.coeff_local = running;
  t.coeff_next = running * alpha_w;
  for (size_t c = 0; c < width; ++c) {
    t.value_local += t.column_pows[c] * v.local[c];
    if (t.has_next) t.value_next += t.column_pows[c] * v.next[c];
  }
  running *= t.has_next ? alpha_w * alpha_w : alpha_w;
  return t;
}

}  // namespace oneproof::stark
