// Host side: the plain-word image of native/hash's Poseidon2 parameters (hash/poseidon2_params.h,
// Montgomery form) that the kernels receive in __constant__ memory. Nothing is retyped here.
#pragma once
#include <cstddef>
#include "cuda/device_poseidon2.h"
#include "hash/poseidon2_params.h"

namespace oneproof::cuda {

template <size_t W, size_t RP>
constexpr dev::RawParams<W, RP> raw_params(const hash::Poseidon2Params<W, RP>& p) {
  dev::RawParams<W, RP> r{};
  for (size_t round = 0; round < dev::HALF_FULL_ROUNDS; ++round)
    for (size_t i = 0; i < W; ++i) {
      r.external_initial[round][i] = p.external_initial[round][i].v;
      r.external_final[round][i] = p.external_final[round][i].v;
    }
  for (size_t round = 0; round < RP; ++round) r.internal[round] = p.internal[round].v;
  for (size_t i = 0; i < W; ++i) r.diag[i] = p.diag[i].v;
  return r;
}

inline constexpr dev::RawParams16 RAW_PARAMS_16 = raw_params(hash::POSEIDON2_PARAMS_16);
inline constexpr dev::RawParams24 RAW_PARAMS_24 = raw_params(hash::POSEIDON2_PARAMS_24);

}  // namespace oneproof::cuda
