// The wide benchmark AIR (wide.h).
#include "air/examples/wide.h"

namespace oneproof::air::examples {

void WideAir::eval(AirBuilder& b) const {
  for (size_t i = 0; i < width_; ++i) {
    Expr x = b.local(i);
    b.when_first_row().assert_eq(x, uint32_t(i), "start");
    b.when_transition().assert_eq(b.next(i), x * x + b.local((i + 1) % width_), "step");
  }
}

field::Matrix WideAir::trace(unsigned log_rows) const {
  const size_t n = size_t(1) << log_rows;
  field::Matrix m(width_, n);
  for (size_t i = 0; i < width_; ++i) m.at(0, i) = Fp::from_u32(uint32_t(i));
  for (size_t r = 1; r < n; ++r) {
    const Fp* prev = m.row(r - 1);
    Fp* row = m.row(r);
    for (size_t i = 0; i < width_; ++i) row[i] = prev[i] * prev[i] + prev[(i + 1) % width_];
  }
  return m;
}

}  // namespace oneproof::air::examples
