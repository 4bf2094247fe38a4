// P256VERIFY (0x100, EIP-7951): ECDSA verification over secp256r1. Input is exactly 160 bytes:
// [hash:32][r:32][s:32][qx:32][qy:32].
#pragma once
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::precompiles {

// True only for a valid signature; false for wrong input length, r/s out of [1, n), a public key
// off the curve or at infinity, or a signature that does not verify (the precompile then returns
// empty output).
bool p256_verify(const uint8_t* in, size_t n);

}  // namespace oneproof::guest::precompiles
