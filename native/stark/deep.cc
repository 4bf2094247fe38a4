// DEEP batching coefficients (deep.h).
#include "stark/deep.h"

#include "field/vector_ops.h"
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

void deep_rows(const DeepTerm& t, const field::Matrix& lde, size_t r0, size_t len, const Fp4* inv_local,
               const Fp4* inv_next, Fp4* out) {
  std::vector<Fp> column(len), scaled(len), acc(4 * len);
  for (size_t c = 0; c < t.column_pows.size(); ++c) {
    const Fp* cell = lde.row(r0) + c;
    for (size_t i = 0; i < len; ++i) column[i] = cell[i * lde.width];
    for (int e = 0; e < 4; ++e) {
      field::scale_array(column.data(), t.column_pows[c].c[e], scaled.data(), len);
      field::add_arrays(acc.data() + e * len, scaled.data(), acc.data() + e * len, len);
    }
  }
  for (size_t i = 0; i < len; ++i) {
    Fp4 combined;
    for (int e = 0; e < 4; ++e) combined.c[e] = acc[e * len + i];
    Fp4 v = t.coeff_local * (combined - t.value_local) * inv_local[i];
    if (t.has_next) v += t.coeff_next * (combined - t.value_next) * inv_next[i];
    out[i] += v;
  }
}

}  // namespace oneproof::stark
