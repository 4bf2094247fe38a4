// Modular inversion by Bernstein and Yang's divsteps ("Fast constant-time gcd computation and
// modular inversion", 2019), variable-time: batches of 30 divsteps decided on the low 32 bits of f
// and g, each applied to the full numbers as one 2x2 matrix of 30-bit entries. About 18 batches
// for a 256-bit modulus, several times cheaper on rv32im than the bit-by-bit binary extended gcd.
#pragma once
#include <array>
#include <cstdint>

namespace oneproof::guest::crypto::secp256k1 {

// An odd modulus m (little-endian limbs) with m^-1 mod 2^30, computed at compile time.
struct InverseModulus {
  std::array<uint32_t, 8> m;
  uint32_t m_inv30;
  static constexpr InverseModulus of(const std::array<uint32_t, 8>& m) {
    uint32_t inv = m[0];  // Newton's iteration doubles the correct low bits: 3 -> 6 -> ... -> 96
    for (int i = 0; i < 5; ++i) inv *= 2 - m[0] * inv;
    return InverseModulus{m, inv & 0x3FFFFFFF};
  }
};

// x^-1 mod m for 0 < x < m with gcd(x, m) = 1 (m prime); 0 for x = 0.
std::array<uint32_t, 8> inverse_mod_divsteps(const std::array<uint32_t, 8>& x, const InverseModulus& m);

}  // namespace oneproof::guest::crypto::secp256k1
