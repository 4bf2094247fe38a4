// CUDA backend, first layer: the prover's hashing and NTT kernels on an NVIDIA GPU, with results
// bit-identical to the CPU reference (native/hash, native/merkle, native/ntt, native/challenger):
// same Montgomery words, same row order. Plain C++ interface (no CUDA headers), host data in and
// out; each call copies to the device, runs, and copies back (device-resident pipelines are the
// next layer). Failures — no device, out of memory, a kernel error — throw cuda::Error with the
// CUDA message; invalid shapes throw std::invalid_argument as the CPU functions do.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>
#include "field/koalabear.h"
#include "field/matrix.h"
#include "hash/sponge.h"

namespace oneproof::cuda {

using field::Fp;
using field::Matrix;
using hash::Digest;

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// True when the CUDA runtime loads and reports at least one device. Never throws.
bool cuda_available();
// "name (sm_XY, N MiB)" of the current device, or the reason there is none. Never throws.
std::string device_description();

// Poseidon2 on states stored back to back (states.size() a multiple of the width), in place:
// same results as hash::poseidon2_w16 / poseidon2_w24 on each state.
void poseidon2_w16_many(std::span<Fp> states);
void poseidon2_w24_many(std::span<Fp> states);

// hash::hash_rows on every row of the matrix: one digest per row.
std::vector<Digest> hash_rows(const Matrix& rows);
// One Merkle layer: out[i] = hash::compress(in[2i], in[2i + 1]); in.size() must be even.
std::vector<Digest> merkle_layer(std::span<const Digest> in);

// ntt::forward / ntt::inverse / ntt::coset_lde (natural order in and out).
void ntt_forward(Matrix& m);
void ntt_inverse(Matrix& m);
Matrix coset_lde(const Matrix& evaluations, unsigned log_blowup,
                 Fp shift = Fp::from_u32(field::MULTIPLICATIVE_GENERATOR));

// Proof-of-work search with the challenger's rule: `base` is the duplex sponge state with the
// pending observed inputs already written into the rate, `slot` (< 8) the rate position the witness
// takes. Returns the smallest w in [0, p) such that permuting base with slot := w gives a last rate
// element whose canonical value has its low `bits` bits zero (what Challenger::grind returns for
// the same transcript). bits <= 24. Throws cuda::Error if no witness exists.
Fp grind(std::span<const Fp, 16> base, size_t slot, unsigned bits);

}  // namespace oneproof::cuda
