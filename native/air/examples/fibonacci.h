// Worked example of the AIR API: the Fibonacci sequence.
//
// Columns: a, b. Public values: a0, b0, result.
//   first row:   a = a0, b = b0
//   transition:  a' = b, b' = a + b
//   last row:    b = result
// Row i holds (F_i, F_{i+1}) for the sequence started at (a0, b0), so with n rows the result is
// F_n (mod p).
#pragma once
#include <string>
#include <vector>
#include "air/air.h"

namespace oneproof::air::examples {

class FibonacciAir : public Air {
 public:
  std::string name() const override { return "example/fibonacci"; }
  size_t width() const override { return 2; }
  size_t num_public_values() const override { return 3; }

  void eval(AirBuilder& b) const override {
    Expr a = b.local(0), bb = b.local(1);
    Expr a_next = b.next(0), b_next = b.next(1);
    b.when_first_row().assert_eq(a, b.public_value(0), "a starts at a0");
    b.when_first_row().assert_eq(bb, b.public_value(1), "b starts at b0");
    b.when_transition().assert_eq(a_next, bb, "a' = b");
    b.when_transition().assert_eq(b_next, a + bb, "b' = a + b");
    b.when_last_row().assert_eq(bb, b.public_value(2), "b ends at result");
  }

  // The trace of 2^log_rows rows and its public values {a0, b0, result}.
  static field::Matrix trace(unsigned log_rows, Fp a0, Fp b0, std::vector<Fp>* publics) {
    const size_t n = size_t(1) << log_rows;
    field::Matrix m(2, n);
    Fp a = a0, b = b0;
    for (size_t i = 0; i < n; ++i) {
      m.at(i, 0) = a;
      m.at(i, 1) = b;
      Fp t = a + b;
      a = b;
      b = t;
    }
    if (publics) *publics = {a0, b0, m.at(n - 1, 1)};
    return m;
  }
};

}  // namespace oneproof::air::examples
