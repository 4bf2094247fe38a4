// BLAKE2F (0x09, EIP-152): the BLAKE2b compression function F. Input is exactly 213 bytes:
// [rounds:4 BE][h:64][m:128][t:16][f:1], f must be 0 or 1.
#pragma once
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::precompiles {

// Number of rounds requested (the gas is one per round); false when the input is not 213 bytes.
bool blake2f_rounds(const uint8_t* in, size_t n, uint32_t& rounds);
// Writes the new state h (64 bytes). False on a wrong length or a final flag other than 0/1.
bool blake2f(const uint8_t* in, size_t n, uint8_t out[64]);

// The compression itself: h (8 words), m (16 words), offset counters t0/t1, final flag.
void blake2b_compress(uint64_t h[8], const uint64_t m[16], uint64_t t0, uint64_t t1, bool final_block,
                      uint32_t rounds);

}  // namespace oneproof::guest::precompiles
