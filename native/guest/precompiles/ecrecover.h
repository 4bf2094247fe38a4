// ECRECOVER (0x01): [hash:32][v:32][r:32][s:32] (short input zero-padded) -> the signer's address
// left-padded to 32 bytes. v must be 27 or 28; no low-s rule (that is a transaction rule).
#pragma once
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::precompiles {

// False when the signature is invalid: the precompile then returns empty output (and succeeds).
bool ecrecover(const uint8_t* in, size_t n, uint8_t out[32]);

}  // namespace oneproof::guest::precompiles
