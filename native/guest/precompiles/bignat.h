// Arbitrary-length natural numbers for MODEXP: little-endian 32-bit limbs without high zero limbs
// (zero is the empty vector). Only what modular exponentiation needs: multiply, remainder, and
// a Montgomery ladder for odd moduli.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace oneproof::guest::precompiles::bignat {

using Nat = std::vector<uint32_t>;

Nat from_be(const uint8_t* p, size_t n);
// Writes the low `len` bytes of a big-endian rendering (left-padded with zeros).
void to_be(const Nat& a, uint8_t* out, size_t len);
bool is_zero(const Nat& a);
bool is_one(const Nat& a);

Nat mul(const Nat& a, const Nat& b);
// a mod m, m non-zero (Knuth, TAOCP vol. 2, 4.3.1 algorithm D).
Nat mod(const Nat& a, const Nat& m);

// base^exp mod m for a non-zero m; the exponent is big-endian bytes given by a byte reader so
// that bytes beyond the input read as zero without being materialised.
class ExponentBytes {
 public:
  ExponentBytes(const uint8_t* p, size_t available, size_t length) : p_(p), available_(available), length_(length) {}
  size_t size() const { return length_; }
  uint8_t operator[](size_t i) const { return i < available_ ? p_[i] : 0; }

 private:
  const uint8_t* p_;
  size_t available_, length_;
};
Nat pow_mod(const Nat& base, const ExponentBytes& exp, const Nat& m);

}  // namespace oneproof::guest::precompiles::bignat
