// The EIP-4844 point evaluation precompile (0x0a): verifies a KZG proof that the blob committed
// to by `commitment` evaluates to y at z. Input is exactly 192 bytes:
// [versioned_hash:32][z:32][y:32][commitment:48][proof:48] (compressed G1 points).
#pragma once
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::precompiles {

// On success writes FIELD_ELEMENTS_PER_BLOB (4096) and the BLS modulus as two 32-byte words.
// False for a wrong length, a versioned hash that does not match sha256(commitment) with version
// byte 0x01, z or y >= r, invalid point encodings, or a proof that does not verify.
bool kzg_point_evaluation(const uint8_t* in, size_t n, uint8_t out[64]);

}  // namespace oneproof::guest::precompiles
