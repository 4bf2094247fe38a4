// Poseidon2 over KoalaBear, exactly Plonky3's (>= v0.5.0) default instances
// `default_koalabear_poseidon2_16()` / `default_koalabear_poseidon2_24()`:
//   S-box x^3, 8 full rounds (4 initial + 4 final), 20 (width 16) / 23 (width 24) partial rounds,
//   external matrix circ(2*M4, M4, ...) with M4 = [[2,3,1,1],[1,2,3,1],[1,1,2,3],[3,1,1,2]],
//   internal matrix J + Diag(V) with Plonky3's optimised diagonals (poseidon2_constants.h).
// Round structure: M_E; 4 x (add constants, cube all, M_E); R_P x (add constant to s0, cube s0, M_I);
// 4 x (add constants, cube all, M_E).
//
// States hold field elements (`Fp`, Montgomery form internally); the published test vectors are in
// canonical form (Fp::from_u32 / to_u32). The batched variants apply the same permutation to many
// states stored back to back (state i = states[i * width .. (i + 1) * width)) using the SIMD kernels
// of `isa` (one state per lane); their results are identical to the scalar ones.
#pragma once
#include <cstddef>
#include "field/isa.h"
#include "field/koalabear.h"

namespace oneproof::hash {

using field::Fp;
using field::Isa;

inline constexpr size_t POSEIDON2_W16 = 16;
inline constexpr size_t POSEIDON2_W24 = 24;

// Scalar reference permutations, in place.
void poseidon2_w16(Fp state[16]);
void poseidon2_w24(Fp state[24]);

// Many states, single-threaded, with an explicit kernel (benchmarks, tests).
void poseidon2_w16_many(Isa isa, Fp* states, size_t count);
void poseidon2_w24_many(Isa isa, Fp* states, size_t count);

// Many states with the best kernel, split across the shared thread pool when count is large.
void poseidon2_w16_batch(Fp* states, size_t count);
void poseidon2_w24_batch(Fp* states, size_t count);

}  // namespace oneproof::hash
