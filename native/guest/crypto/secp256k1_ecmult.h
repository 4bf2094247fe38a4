// u1 * G + u2 * P on secp256k1, the heart of public-key recovery: both scalars are split with the
// GLV endomorphism into ~128-bit halves, written in wNAF, and the four products share one chain of
// ~128 doublings (Straus). G's odd multiples come from a static table (secp256k1_g_table.h); P's
// are computed per call with one shared Z, so every addition in the loop is a mixed addition.
#pragma once
#include <array>
#include <cstdint>

#include "guest/crypto/secp256k1_point.h"

namespace oneproof::guest::crypto::secp256k1 {

// wNAF width for the scalars multiplying P and lambda*P (a table of 2^(w-2) odd multiples).
constexpr unsigned kPWindow = 5;

// u1 * G + u2 * P in Jacobian coordinates (infinity when the sum is). u1, u2: little-endian limbs,
// any values below 2^256. P must be a curve point other than infinity (then its order is n).
JacobianPoint mul_g_and_point(const std::array<uint32_t, 8>& u1, const AffinePoint& p,
                              const std::array<uint32_t, 8>& u2);

}  // namespace oneproof::guest::crypto::secp256k1
