// Poseidon2 round constants and internal diagonal in Montgomery form, shared by the scalar
// reference (poseidon2.cc) and the SIMD kernels (poseidon2_kernel.h). Built at compile time.
#pragma once
#include <cstddef>
#include <cstdint>
#include "field/koalabear.h"
#include "hash/poseidon2_constants.h"

namespace oneproof::hash {

inline constexpr size_t POSEIDON2_HALF_FULL_ROUNDS = 4;

template <size_t W, size_t RP>
struct Poseidon2Params {
  static constexpr size_t WIDTH = W;
  static constexpr size_t PARTIAL_ROUNDS = RP;
  field::Fp external_initial[POSEIDON2_HALF_FULL_ROUNDS][W];
  field::Fp internal[RP];
  field::Fp external_final[POSEIDON2_HALF_FULL_ROUNDS][W];
  field::Fp diag[W];  // V of M_I = J + Diag(V)
};

namespace detail {
constexpr field::Fp diag_value(poseidon2_constants::DiagEntry e) {
  using field::Fp;
  Fp mag = Fp::from_u32(uint32_t(e.numerator < 0 ? -e.numerator : e.numerator));
  Fp v = mag * Fp::from_u32(2).inverse().pow(e.shift);
  return e.numerator < 0 ? -v : v;
}

template <size_t W, size_t RP>
constexpr Poseidon2Params<W, RP> make_params(const uint32_t (&initial)[4][W], const uint32_t (&internal)[RP],
                                             const uint32_t (&final_)[4][W],
                                             const poseidon2_constants::DiagEntry (&diag)[W]) {
  Poseidon2Params<W, RP> p{};
  for (size_t r = 0; r < 4; ++r)
    for (size_t i = 0; i < W; ++i) {
      p.external_initial[r][i] = field::Fp::from_u32(initial[r][i]);
      p.external_final[r][i] = field::Fp::from_u32(final_[r][i]);
    }
  for (size_t r = 0; r < RP; ++r) p.internal[r] = field::Fp::from_u32(internal[r]);
  for (size_t i = 0; i < W; ++i) p.diag[i] = diag_value(diag[i]);
  return p;
}
}  // namespace detail

using Poseidon2Params16 = Poseidon2Params<16, 20>;
using Poseidon2Params24 = Poseidon2Params<24, 23>;

inline constexpr Poseidon2Params16 POSEIDON2_PARAMS_16 = detail::make_params<16, 20>(
    poseidon2_constants::RC16_EXTERNAL_INITIAL, poseidon2_constants::RC16_INTERNAL,
    poseidon2_constants::RC16_EXTERNAL_FINAL, poseidon2_constants::DIAG16);
inline constexpr Poseidon2Params24 POSEIDON2_PARAMS_24 = detail::make_params<24, 23>(
    poseidon2_constants::RC24_EXTERNAL_INITIAL, poseidon2_constants::RC24_INTERNAL,
    poseidon2_constants::RC24_EXTERNAL_FINAL, poseidon2_constants::DIAG24);

}  // namespace oneproof::hash
