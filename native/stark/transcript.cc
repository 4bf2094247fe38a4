// Transcript helpers (transcript.h).
#include "stark/transcript.h"

namespace oneproof::stark {

void observe_instance(challenger::Challenger& ch, const VerifyingKey& vk, std::span<const uint32_t> log_heights,
                      std::span<const std::vector<Fp>> publics) {
  ch.observe_u32(PROOF_MAGIC);
  ch.observe(vk.digest());
  ch.observe_u32(uint32_t(log_heights.size()));
  for (size_t t = 0; t < log_heights.size(); ++t) {
    ch.observe_u32(log_heights[t]);
    ch.observe(std::span<const Fp>(publics[t]));
  }
}

void observe_shared_lookups(challenger::Challenger& ch, const LookupChallenges& lookups) {
  ch.observe(lookups.gamma);
  ch.observe(lookups.beta);
  ch.observe_u32(lookups.bus_salt);
}

void observe_openings(challenger::Challenger& ch, const std::vector<TableProof>& tables) {
  auto put = [&](const MatrixOpenedValues& m) {
    for (const Fp4& v : m.local) ch.observe(v);
    for (const Fp4& v : m.next) ch.observe(v);
  };
  for (const TableProof& t : tables) {
    put(t.preprocessed);
    put(t.main);
    put(t.permutation);
    put(t.quotient);
  }
}

}  // namespace oneproof::stark
