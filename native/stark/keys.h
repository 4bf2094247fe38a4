// Keys of a multi-table STARK. `setup` compiles the tables' AIRs, commits their preprocessed
// columns and derives the verifying key: everything the verifier needs besides the AIR code, whose
// structural digests it pins. The verifier takes every shape from here, never from the proof.
#pragma once
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>
#include "air/symbolic.h"
#include "fri/params.h"
#include "merkle/merkle.h"

namespace oneproof::stark {

using field::Fp;
using field::Fp4;
using hash::Digest;

inline constexpr uint32_t VK_MAGIC = 0x4b56504f;     // "OPVK" little-endian
inline constexpr uint32_t PROOF_MAGIC = 0x4650504f;  // "OPPF"
inline constexpr uint32_t FORMAT_VERSION = 1;
inline constexpr uint32_t MIN_LOG_HEIGHT = 2;        // smallest table: 4 rows

struct TableKey {
  std::string name;
  std::array<Fp, 8> air_digest{};
  uint32_t width = 0, preprocessed_width = 0, num_public_values = 0;
  uint32_t num_interactions = 0;
  uint32_t num_quotient_chunks = 0;       // max constraint degree - 1 (at least 1)
  uint32_t preprocessed_log_height = 0;   // fixed height of a table with preprocessed columns
  Digest preprocessed_commit{};           // root of the preprocessed LDE
  bool operator==(const TableKey&) const = default;
};

struct VerifyingKey {
  fri::FriParams fri;
  uint32_t max_log_height = 22;  // largest trace height the key accepts
  std::vector<TableKey> tables;
  bool operator==(const VerifyingKey&) const = default;
  Digest digest() const;  // hash of the serialized key (observed first in every transcript)
};

struct PreprocessedData {
  field::Matrix trace;
  merkle::MerkleTree lde;  // committed coset LDE
};

struct ProvingKey {
  VerifyingKey vk;
  std::vector<air::CompiledAir> airs;
  std::vector<std::shared_ptr<const PreprocessedData>> preprocessed;  // null for tables without
};

// Throws std::invalid_argument for bad parameters or AIRs (degree, preprocessed shape).
ProvingKey setup(std::span<const air::Air* const> airs, const fri::FriParams& params, uint32_t max_log_height = 22);

// Number of quotient chunks for a compiled AIR.
uint32_t quotient_chunks(const air::CompiledAir& air);

}  // namespace oneproof::stark
