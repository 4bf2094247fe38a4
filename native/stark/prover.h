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
};

// Throws std::invalid_argument on shape errors or (with check_witness) an unsatisfied trace.
StarkProof prove(const ProvingKey& pk, const std::vector<TableWitness>& tables, const ProverOptions& options = {});

}  // namespace oneproof::stark
