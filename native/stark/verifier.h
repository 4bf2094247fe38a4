// The multi-table STARK verifier. All shapes (table count, widths, heights' range, opened-value
// counts, query counts, path lengths) come from the verifying key and the AIRs, whose structural
// digests must match the key; the proof is only read. Any inconsistency is a rejection with a
// reason, never an exception escaping or a crash.
#pragma once
#include <span>
#include <string>
#include <vector>
#include "stark/proof.h"

namespace oneproof::stark {

struct VerifyResult {
  bool ok = false;
  std::string error;  // why the proof was refused
};

// airs: the compiled AIRs of the key's tables, in order. publics: per table.
VerifyResult verify(const VerifyingKey& vk, std::span<const air::CompiledAir> airs, const StarkProof& proof,
                    std::span<const std::vector<Fp>> publics);

// Bytes in, verdict out: decodes the proof (FormatError is a rejection too) and verifies it.
VerifyResult verify_bytes(const VerifyingKey& vk, std::span<const air::CompiledAir> airs, std::span<const uint8_t> proof_bytes,
                          std::span<const std::vector<Fp>> publics);

}  // namespace oneproof::stark
