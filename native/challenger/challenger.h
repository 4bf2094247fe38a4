// Fiat–Shamir: a duplex sponge over Poseidon2 width 16 (rate 8, capacity 8), in the manner of
// Plonky3's DuplexChallenger. Observed elements queue in the input buffer; a full buffer (8) or a
// sample after new input triggers a duplexing (overwrite the rate with the inputs, permute) whose
// rate part becomes the output buffer. Samples pop from the output buffer. Observing clears the
// outputs, so every sample depends on everything observed before it.
//
// Grinding (proof of work): the prover finds a witness w such that, after observe(w),
// sample_bits(bits) == 0; the verifier re-runs that check on its own transcript.
#pragma once
#include <cstdint>
#include <span>
#include <vector>
#include "field/koalabear.h"
#include "hash/sponge.h"

namespace oneproof::challenger {

using field::Fp;
using field::Fp4;
using hash::Digest;

class Challenger {
 public:
  static constexpr size_t WIDTH = 16, RATE = 8;

  void observe(Fp x);
  void observe(const Fp4& x) { for (const Fp& c : x.c) observe(c); }
  void observe(const Digest& d) { for (const Fp& c : d) observe(c); }
  void observe(std::span<const Fp> xs) { for (const Fp& x : xs) observe(x); }
  // A 32-bit integer (counts, sizes, tags) as two 16-bit halves, so values >= p are not aliased.
  void observe_u32(uint32_t x) { observe(Fp::from_u32(x & 0xffff)); observe(Fp::from_u32(x >> 16)); }

  Fp sample();
  Fp4 sample_ext();
  // Low `bits` bits of a sampled element's canonical value; bits <= 24 (nearly uniform since
  // p = 127 * 2^24 + 1).
  uint32_t sample_bits(unsigned bits);

  // Verifier side of grinding: observe(witness), then sample_bits(bits) must be 0.
  bool check_witness(unsigned bits, Fp witness);
  // Prover side: finds the smallest witness (SIMD batches of candidates), applies check_witness to
  // *this and returns it.
  Fp grind(unsigned bits);

 private:
  void duplex();
  Fp state_[WIDTH] = {};
  std::vector<Fp> input_, output_;
};

}  // namespace oneproof::challenger
