// Hashing for Merkle commitments, built on the width-16 Poseidon2 permutation, mirroring Plonky3's
// `PaddingFreeSponge<Poseidon2KoalaBear<16>, 16, 8, 8>` and `TruncatedPermutation<.., 2, 8, 16>`:
//
// hash_row (padding-free overwrite sponge, rate 8, capacity 8, output 8):
//   state = 0^16; for each chunk of up to 8 inputs: overwrite state[0..len) with the chunk, permute;
//   digest = state[0..8). An empty row hashes to all zeros (no permutation).
//   There is no length padding: a row and the same row with trailing zeros appended within the
//   last chunk hash alike. That is sound only where the row length is fixed by context (a committed
//   matrix has a fixed width), which is how the Merkle tree uses it.
//
// compress (2-to-1): state = left || right; permute; digest = state[0..8).
//
// Batched forms hash many rows / compress many pairs with the SIMD kernels (one row per lane) and
// the shared thread pool; outputs are identical to the scalar forms.
#pragma once
#include <array>
#include <cstddef>
#include "field/isa.h"
#include "field/koalabear.h"

namespace oneproof::hash {

using field::Fp;
using field::Isa;

inline constexpr size_t DIGEST_ELEMS = 8;
inline constexpr size_t SPONGE_RATE = 8;
using Digest = std::array<Fp, DIGEST_ELEMS>;

Digest hash_row(const Fp* row, size_t n);
Digest compress(const Digest& left, const Digest& right);

// out[r] = hash_row(rows + r * width, width) for r < count (rows: count x width, row-major).
void hash_rows(const Fp* rows, size_t width, size_t count, Digest* out);
// out[i] = compress(in[2i], in[2i + 1]) for i < count (in: 2 * count digests; must not overlap out).
void compress_pairs(const Digest* in, size_t count, Digest* out);

// Single-threaded forms with an explicit kernel (benchmarks, tests).
void hash_rows_with(Isa isa, const Fp* rows, size_t width, size_t count, Digest* out);
void compress_pairs_with(Isa isa, const Digest* in, size_t count, Digest* out);

}  // namespace oneproof::hash
