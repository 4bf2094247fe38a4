// The order in which prover and verifier feed the Fiat–Shamir transcript (one place, so the two
// cannot disagree):
//   1. PROOF_MAGIC, the verifying key's digest (FRI parameters, table shapes, AIR digests,
//      preprocessed commitments), the number of tables, each table's log height and public values;
//   2. each table's main-trace commitment                    -> LogUp challenges gamma, beta
//      (or, for one part of a multi-part statement, the shared gamma, beta and bus salt, observed)
//   3. each LogUp commitment and cumulative sum              -> constraint-folding alpha
//   4. each quotient commitment                              -> out-of-domain point zeta
//   5. every opened value (observe_openings)                 -> DEEP batching alpha
//   6. FRI (its commitments, final polynomial, grinding)     -> query indices
#pragma once
#include <span>
#include <vector>
#include "challenger/challenger.h"
#include "stark/constraints.h"
#include "stark/proof.h"

namespace oneproof::stark {

void observe_instance(challenger::Challenger& ch, const VerifyingKey& vk, std::span<const uint32_t> log_heights,
                      std::span<const std::vector<Fp>> publics);
void observe_shared_lookups(challenger::Challenger& ch, const LookupChallenges& lookups);
void observe_openings(challenger::Challenger& ch, const std::vector<TableProof>& tables);

}  // namespace oneproof::stark
