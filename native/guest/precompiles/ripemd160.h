// RIPEMD-160: the RIPEMD160 precompile (0x03) returns it left-padded to 32 bytes.
#pragma once
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::precompiles {

void ripemd160(const uint8_t* data, size_t n, uint8_t out[20]);

}  // namespace oneproof::guest::precompiles
