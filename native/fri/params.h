// FRI parameters (data carried in the verifying key and the proof) and their security estimates.
#pragma once
#include <cstdint>
#include <string>

namespace oneproof::fri {

struct FriParams {
  uint32_t log_blowup = 1;          // rate rho = 2^-log_blowup; constraint degree <= 2^log_blowup + 1
  uint32_t num_queries = 100;
  uint32_t pow_bits = 16;           // query-phase grinding
  uint32_t log_final_poly_len = 0;  // the final polynomial has 2^log_final_poly_len coefficients
  uint32_t max_log_arity = 1;       // each round folds by up to 2^max_log_arity (one commitment)
  bool operator==(const FriParams&) const = default;
};

// Default: 1 * 100 + 16 = 116 conjectured bits before the field cap (Plonky3 / SP1 production
// choice), folding by 8 per round (shorter proofs than arity 2, same security estimate).
inline constexpr FriParams DEFAULT_PARAMS{1, 100, 16, 0, 3};
// "provable": >= 100 bits from the unique-decoding query bound (see security_bits).
inline constexpr FriParams PROVABLE_PARAMS{1, 200, 20, 0, 3};
// Tiny parameters for fast unit tests only (a few bits of security).
inline constexpr FriParams TEST_PARAMS{1, 8, 2, 0, 1};

// Throws std::invalid_argument on parameters the prover/verifier refuse (log_blowup 0 or > 4,
// no queries, more than 1024 queries, pow_bits > 24, log_final_poly_len > 16, max_log_arity not
// in 1..4).
void validate(const FriParams& p);

struct SecurityBits {
  double conjectured;
  double provable;
};

// Security estimates for a proof whose largest committed LDE has 2^log_max_lde_height rows.
//
// Both are capped by the out-of-domain / batching sampling error over the challenge field
// F_{p^4}: cap = log2(p^4) - log2(2^log_max_lde_height) (Schwartz–Zippel over the LDE domain).
//
// conjectured (ethSTARK conjecture, eprint 2021/582 §5.10.1; Plonky3 `conjectured_soundness_bits`):
//     min(cap, log_blowup * num_queries + pow_bits)
// provable (unique-decoding regime, proximity parameter delta = (1 - rho) / 2, so each query
// passes a far word with probability <= 1 - delta = (1 + rho) / 2; as in OpenVM's
// `standard_fri_params_with_100_bits_security` and eprint 2020/654 (BCIKS20) for the commit phase):
//     min(cap, num_queries * -log2((1 + rho) / 2) + pow_bits)
// This is an estimate of the dominant terms, not a full proven-security calculator (no Johnson
// regime, no per-round commit-phase union bound beyond the cap).
SecurityBits security_bits(const FriParams& p, unsigned log_max_lde_height);

std::string describe(const FriParams& p);

}  // namespace oneproof::fri
