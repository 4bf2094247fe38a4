// The GLV endomorphism of secp256k1: lambda * (x, y) = (beta * x, y), with lambda^3 = 1 (mod n) and
// beta^3 = 1 (mod p). A scalar k splits into k1 + k2 * lambda (mod n) with |k1|, |k2| < 2^128, so
// k * P = k1 * P + k2 * (lambda P) needs half the doublings (Gallant, Lambert, Vanstone, CRYPTO 2001).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

#include "guest/crypto/secp256k1_field.h"

namespace oneproof::guest::crypto::secp256k1 {

// Wide enough for any k1, k2 the split can produce from k < 2^256 (|k1|, |k2| < 2^258), so the
// result is exact even if the rounding bound (|k_i| < 2^128 for k < n) were ever missed: only the
// number of loop iterations depends on it.
constexpr size_t kGlvLimbs = 10;

struct SignedScalar {
  std::array<uint32_t, kGlvLimbs> magnitude{};  // little-endian limbs
  bool negative = false;
};

// k = k1 + k2 * lambda (mod n) for k given as little-endian limbs (any value below 2^256).
void glv_split(const std::array<uint32_t, 8>& k, SignedScalar& k1, SignedScalar& k2);

// lambda (mod n) and beta (mod p), matched so that lambda * (x, y) = (beta * x, y).
extern const std::array<uint32_t, 8> kGlvLambda;
extern const FieldElement kGlvBeta;

}  // namespace oneproof::guest::crypto::secp256k1
