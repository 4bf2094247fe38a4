// EIP-2537 BLS12-381 precompiles (Prague): byte-level cores. Encodings: a field element is 64
// bytes (16 zero bytes + 48-byte big-endian value < p); G1 points are 128 bytes (x, y), G2
// points 256 bytes (x.c0, x.c1, y.c0, y.c1); all-zero encodes the point at infinity; scalars are
// 32-byte big-endian (not reduced). Every function returns false on invalid input (the
// precompile then fails and consumes its gas).
#pragma once
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::precompiles {

bool bls12_g1add(const uint8_t* in, size_t n, uint8_t out[128]);   // n == 256; points on the curve
bool bls12_g2add(const uint8_t* in, size_t n, uint8_t out[256]);   // n == 512; points on the curve
// n a non-zero multiple of 160 (G1: point + scalar) / 288 (G2); points must be in the subgroup.
bool bls12_g1msm(const uint8_t* in, size_t n, uint8_t out[128]);
bool bls12_g2msm(const uint8_t* in, size_t n, uint8_t out[256]);
// n a non-zero multiple of 384 (G1 point, G2 point), all in their subgroups; result: product == 1.
bool bls12_pairing_check(const uint8_t* in, size_t n, bool& result);
// MAP_FP_TO_G1 (n == 64) and MAP_FP2_TO_G2 (n == 128: c0, c1): simplified SWU onto the isogenous
// curve, the isogeny, then cofactor clearing (RFC 9380 map_to_curve + clear_cofactor, no hashing).
bool bls12_map_fp_to_g1(const uint8_t* in, size_t n, uint8_t out[128]);
bool bls12_map_fp2_to_g2(const uint8_t* in, size_t n, uint8_t out[256]);

}  // namespace oneproof::guest::precompiles
