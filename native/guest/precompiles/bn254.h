// alt_bn128 / BN254 precompiles: ECADD (0x06), ECMUL (0x07) and the pairing check (0x08),
// EIP-196/197. Inputs shorter than the layout are read as right-padded with zeros (as the EVM
// does); points are (x, y) as 32-byte big-endian coordinates, (0, 0) is the point at infinity.
// Every function returns false on invalid input (coordinate >= p, point not on the curve, G2
// point outside the r-torsion subgroup, pairing input not a multiple of 192 bytes).
#pragma once
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::precompiles {

bool bn254_add(const uint8_t* in, size_t n, uint8_t out[64]);   // reads 128 bytes
bool bn254_mul(const uint8_t* in, size_t n, uint8_t out[64]);   // reads 96 bytes: point, scalar
// n must be a multiple of 192: pairs [G1 x, G1 y, G2 x_im, G2 x_re, G2 y_im, G2 y_re].
bool bn254_pairing(const uint8_t* in, size_t n, bool& result);

}  // namespace oneproof::guest::precompiles
