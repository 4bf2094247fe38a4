// Duplex challenger and proof-of-work grinding.
#include "challenger/challenger.h"

#include <algorithm>
#include <stdexcept>
#include "hash/poseidon2.h"

namespace oneproof::challenger {

void Challenger::duplex() {
  for (size_t i = 0; i < input_.size(); ++i) state_[i] = input_[i];
  input_.clear();
  hash::poseidon2_w16(state_);
  output_.assign(state_, state_ + RATE);
}

void Challenger::observe(Fp x) {
  output_.clear();  // outputs sampled before this observation must not be reused after it
  input_.push_back(x);
  if (input_.size() == RATE) duplex();
}

Fp Challenger::sample() {
  if (!input_.empty() || output_.empty()) duplex();
  Fp x = output_.back();
  output_.pop_back();
  return x;
}

Fp4 Challenger::sample_ext() {
  Fp4 r;
  for (auto& c : r.c) c = sample();
  return r;
}

uint32_t Challenger::sample_bits(unsigned bits) {
  if (bits > field::TWO_ADICITY) throw std::invalid_argument("Challenger::sample_bits: at most 24 bits");
  return sample().to_u32() & ((uint32_t(1) << bits) - 1);
}

bool Challenger::check_witness(unsigned bits, Fp witness) {
  observe(witness);
  return sample_bits(bits) == 0;
}

Fp Challenger::grind(unsigned bits) {
  if (bits > field::TWO_ADICITY) throw std::invalid_argument("Challenger::grind: at most 24 bits");
  // check_witness(w) is exactly one permutation of the current state with the pending inputs and
  // w written into the rate, its sample being the last rate element: try candidates in batches
  // with the SIMD permutation.
  Fp base[WIDTH];
  std::copy(state_, state_ + WIDTH, base);
  std::copy(input_.begin(), input_.end(), base);
  const size_t slot = input_.size();  // < RATE: a full buffer is always absorbed at once
  const uint32_t mask = (uint32_t(1) << bits) - 1;
  constexpr uint32_t BATCH = 1u << 12;
  std::vector<Fp> states(size_t(BATCH) * WIDTH);
  for (uint64_t start = 0; start < field::P; start += BATCH) {
    const uint32_t count = uint32_t(std::min<uint64_t>(BATCH, field::P - start));
    for (uint32_t i = 0; i < count; ++i) {
      std::copy(base, base + WIDTH, states.data() + size_t(i) * WIDTH);
      states[size_t(i) * WIDTH + slot] = Fp::from_u32(uint32_t(start + i));
    }
    hash::poseidon2_w16_batch(states.data(), count);
    for (uint32_t i = 0; i < count; ++i) {
      if ((states[size_t(i) * WIDTH + RATE - 1].to_u32() & mask) != 0) continue;
      const Fp witness = Fp::from_u32(uint32_t(start + i));
      if (!check_witness(bits, witness)) throw std::logic_error("Challenger::grind: witness does not verify");
      return witness;
    }
  }
  throw std::runtime_error("Challenger::grind: no witness");
}

}  // namespace oneproof::challenger
