// The multi-table STARK verifier. All shapes (table count, widths, heights' range, opened-value
// counts, query counts, path lengths) come from the verifying key and the AIRs, whose structural
// digests must match the key; the proof is only read. Any inconsistency is a rejection with a
// reason, never an exception escaping or a crash.
#pragma once
#include <span>
#include <string>
#include <vector>
#include "stark/constraints.h"
#include "stark/proof.h"

namespace oneproof::stark {

struct VerifyResult {
  bool ok = false;
  std::string error;  // why the proof was refused
  Fp4 bus_sum;        // with shared lookups: the sum of the tables' cumulative sums (for the caller)
};

struct VerifyOptions {
  // A part of a larger statement (prover.h ProverOptions::shared_lookups): use these challenges,
  // and leave the check that the buses balance to the caller, who adds up bus_sum of every part.
  const LookupChallenges* shared_lookups = nullptr;
};

// airs: the compiled AIRs of the key's tables, in order. publics: per table.
VerifyResult verify(const VerifyingKey& vk, std::span<const air::CompiledAir> airs, const StarkProof& proof,
                    std::span<const std::vector<Fp>> publics, const VerifyOptions& options = {});

// Bytes in, verdict out: decodes the proof (FormatError is a rejection too) and verifies it.
VerifyResult verify_bytes(const VerifyingKey& vk, std::span<const air::CompiledAir> airs, std::span<const uint8_t> proof_bytes,
                          std::span<const std::vector<Fp>> publics, const VerifyOptions& options = {});

}  // namespace oneproof::stark
