// Duplex challenger and proof-of-work grinding.
#include "challenger/challenger.h"

#include <atomic>
#include <stdexcept>
#include "common/parallel.h"
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
  std::atomic<uint32_t> found{field::P};  // smallest witness found so far; P = none
  const uint32_t batch = 1u << 14;
  for (uint32_t base = 0; found.load() == field::P; base += batch) {
    if (base >= field::P) throw std::runtime_error("Challenger::grind: no witness");
    parallel::parallel_for(base, std::min<uint64_t>(uint64_t(base) + batch, field::P), 256, [&](size_t lo, size_t hi) {
      for (size_t w = lo; w < hi && w < found.load(); ++w) {
        Challenger trial = *this;
        if (trial.check_witness(bits, Fp::from_u32(uint32_t(w)))) {
          uint32_t cur = found.load();
          while (w < cur && !found.compare_exchange_weak(cur, uint32_t(w))) {}
          return;
        }
      }
    });
  }
  const Fp witness = Fp::from_u32(found.load());
  if (!check_witness(bits, witness)) throw std::logic_error("Challenger::grind: witness does not verify");
  return witness;
}

}  // namespace oneproof::challenger
