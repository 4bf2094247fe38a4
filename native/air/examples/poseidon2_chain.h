// Example AIR: a chain of Poseidon2 width-16 permutations, x_{j+1} = P(x_j), one round per row.
//
// Every 32-row period computes one permutation. Preprocessed columns fix what each row does:
//   row 0       linear : next = M_E(x)                          (the initial external layer)
//   rows 1..4   full   : next = M_E(s),            s_i = (x_i + rc_i)^3
//   rows 5..24  partial: next = M_I(s_0, x_1..x_15), s_0 = (x_0 + rc_0)^3
//   rows 25..28 full
//   rows 29..31 copy   : next = x                               (row 29 holds P(x_j); row 32 = x_{j+1})
// Main columns: x[16] (state before the row's step) and s[16] (the cubes, committed so that every
// constraint has degree <= 3). Public values: the chain's input (16) and final output (16).
#pragma once
#include <array>
#include <string>
#include <vector>
#include "air/air.h"

namespace oneproof::air::examples {

class Poseidon2ChainAir : public Air {
 public:
  static constexpr size_t STATE = 16;
  static constexpr size_t ROWS_PER_HASH = 32;
  // Preprocessed column layout.
  static constexpr size_t SEL_LINEAR = 0, SEL_FULL = 1, SEL_PARTIAL = 2, SEL_COPY = 3, RC = 4;

  explicit Poseidon2ChainAir(unsigned log_rows);
  std::string name() const override { return "example/poseidon2-chain"; }
  size_t width() const override { return 2 * STATE; }
  size_t num_public_values() const override { return 2 * STATE; }
  size_t preprocessed_width() const override { return RC + STATE; }
  field::Matrix preprocessed_trace() const override;
  void eval(AirBuilder& b) const override;

  // The trace for input `input` (2^log_rows / 32 permutations) and the public values.
  field::Matrix trace(const std::array<Fp, STATE>& input, std::vector<Fp>* publics) const;

 private:
  unsigned log_rows_;
};

}  // namespace oneproof::air::examples
