// MODEXP (0x05, EIP-198): base^exp mod m over arbitrary-length big-endian integers, plus the
// inputs of its gas formulas (EIP-2565 Berlin, EIP-7883 Osaka). Input layout:
// [base_len:32][exp_len:32][mod_len:32][base][exp][mod], short input read as zero-padded.
#pragma once
#include <cstddef>
#include <cstdint>

#include "guest/common/bytes.h"

namespace oneproof::guest::precompiles {

struct ModexpHeader {
  uint256 base_len, exp_len, mod_len;  // as given: may be absurdly large (gas must reject first)
  uint256 exp_head;                    // the first min(exp_len, 32) exponent bytes as an integer
};

ModexpHeader modexp_header(const uint8_t* in, size_t n);

// The "adjusted exponent length" of EIP-2565 (multiplier 8) and EIP-7883 (multiplier 16):
// for exp_len <= 32: bit_width(exp_head) - 1 (0 if exp_head is 0); otherwise
// multiplier * (exp_len - 32) + that. Saturates at UINT64_MAX.
uint64_t modexp_adjusted_exp_length(const ModexpHeader& h, uint64_t multiplier);

// Computes the result (mod_len bytes, big-endian; zero modulus gives zeros). Returns false when
// the lengths do not fit in memory-sized integers (callers charge gas first, so this is only a
// guard against inputs that gas would have rejected anyway).
bool modexp(const uint8_t* in, size_t n, Bytes& out);

}  // namespace oneproof::guest::precompiles
