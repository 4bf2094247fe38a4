// Challenger: determinism, every observed value changes later samples, grinding.
#include "challenger/challenger.h"
#include "common/test.h"

using namespace oneproof;
using namespace oneproof::challenger;

namespace {
Challenger transcript(size_t n, size_t changed_at) {
  Challenger c;
  for (size_t i = 0; i < n; ++i) c.observe(Fp::from_u32(uint32_t(i == changed_at ? 1000 + i : i)));
  return c;
}
}  // namespace

OP_TEST(samples_are_deterministic) {
  Challenger a = transcript(20, size_t(-1)), b = transcript(20, size_t(-1));
  for (int i = 0; i < 20; ++i) CHECK(a.sample() == b.sample());
}

OP_TEST(every_observed_element_changes_the_next_sample) {
  const Fp4 reference = transcript(20, size_t(-1)).sample_ext();
  for (size_t k = 0; k < 20; ++k) CHECK(!(transcript(20, k).sample_ext() == reference));
}

OP_TEST(observing_after_sampling_changes_later_samples) {
  Challenger a = transcript(3, size_t(-1)), b = transcript(3, size_t(-1));
  a.sample();
  b.sample();
  a.observe(Fp::from_u32(1));
  b.observe(Fp::from_u32(2));
  CHECK(!(a.sample() == b.sample()));
}

OP_TEST(observe_u32_does_not_alias_values_above_p) {
  Challenger a, b;
  a.observe_u32(5);
  b.observe_u32(5 + field::P);
  CHECK(!(a.sample() == b.sample()));
}

OP_TEST(grinding_finds_a_witness_the_verifier_accepts) {
  Challenger prover = transcript(5, size_t(-1));
  Challenger verifier = prover;
  Fp w = prover.grind(10);
  CHECK(verifier.check_witness(10, w));
  CHECK(prover.sample() == verifier.sample());  // both transcripts continue identically
  // Some other witness fails (with overwhelming probability over 8 tries).
  int failures = 0;
  for (uint32_t k = 1; k <= 8; ++k) {
    Challenger v = transcript(5, size_t(-1));
    failures += !v.check_witness(10, w + Fp::from_u32(k));
  }
  CHECK(failures >= 7);
}
