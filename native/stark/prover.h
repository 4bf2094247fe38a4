// The multi-table STARK prover.
//
// For tables t with traces of heights n_t = 2^log_n_t (LDE: n_t * blowup points of the coset
// shift * <omega>, natural order; one Merkle tree per matrix):
//   1. commit each main trace's LDE;                         sample LogUp gamma, beta
//   2. build and commit each LogUp trace (logup.h), send its cumulative sum; sample alpha
//   3. Q_t = C_t / Z_H on the LDE (quotient.h), split into chunks, commit;   sample zeta
//   4. open every committed column at zeta (and zeta * g_t for traces);       sample DEEP alpha
//   5. one FRI proof for all DEEP quotients, batched across heights (fri.h); open every matrix
//      at each query index (reduced to its height).
// The transcript order is in transcript.h.
#pragma once
#include <vector>
#include "stark/constraints.h"
#include "stark/proof.h"

namespace oneproof::stark {

struct TableWitness {
  field::Matrix main;
  std::vector<Fp> publics;
};

struct ProverOptions {
  // Check constraints and bus balance before proving (and refuse). Tests switch it off to show
  // that the verifier rejects proofs of bad traces.
  bool check_witness = true;
  // For a proof that is one part of a larger statement: LogUp challenges drawn by the caller after
  // it saw every part's main-trace commitments (commit_main_traces), with this part's bus salt.
  // The shared buses then need not balance within this proof; the caller checks their sum across
  // the parts (VerifyResult::bus_sum).
  const LookupChallenges* shared_lookups = nullptr;
};

// The main-trace commitments prove() will make for these tables, in table order (phase one of a
// multi-part proof). Throws like prove() on shape errors.
std::vector<Digest> commit_main_traces(const ProvingKey& pk, const std::vector<TableWitness>& tables);

// Throws std::invalid_argument on shape errors or (with check_witness) an unsatisfied trace.
StarkProof prove(const ProvingKey& pk, const std::vector<TableWitness>& tables, const ProverOptions& options = {});

}  // namespace oneproof::stark
