// FRI parameter validation and security estimates (formulas in params.h).
#include "fri/params.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include "field/koalabear.h"

namespace oneproof::fri {

void validate(const FriParams& p) {
  // log_blowup = 0 would let arbitrary claimed evaluations verify (Plonky3 PR #2019).
  if (p.log_blowup < 1 || p.log_blowup > 4) throw std::invalid_argument("FRI: log_blowup must be in 1..4");
  if (p.num_queries < 1 || p.num_queries > 1024) throw std::invalid_argument("FRI: num_queries must be in 1..1024");
  if (p.pow_bits > field::TWO_ADICITY) throw std::invalid_argument("FRI: pow_bits must be <= 24");
  if (p.log_final_poly_len > 16) throw std::invalid_argument("FRI: log_final_poly_len must be <= 16");
  if (p.max_log_arity < 1 || p.max_log_arity > 4) throw std::invalid_argument("FRI: max_log_arity must be in 1..4");
}

SecurityBits security_bits(const FriParams& p, unsigned log_max_lde_height) {
  const double field_bits = 4.0 * std::log2(double(field::P));
  const double cap = field_bits - double(log_max_lde_height);
  const double rho = std::ldexp(1.0, -int(p.log_blowup));
  const double conjectured = double(p.log_blowup) * p.num_queries + p.pow_bits;
  const double provable = double(p.num_queries) * -std::log2((1.0 + rho) / 2.0) + p.pow_bits;
  return {std::min(cap, conjectured), std::min(cap, provable)};
}

std::string describe(const FriParams& p) {
  return "log_blowup=" + std::to_string(p.log_blowup) + " num_queries=" + std::to_string(p.num_queries) +
         " pow_bits=" + std::to_string(p.pow_bits) + " log_final_poly_len=" + std::to_string(p.log_final_poly_len) +
         " max_log_arity=" + std::to_string(p.max_log_arity);
}

}  // namespace oneproof::fri
