// Byte format of a zkVM proof: "OPZK" magic, format version, program id (sha256 of the ELF bytes),
// exit code, public values bytes, then the segments (each its statement and its STARK proof bytes,
// stark/serialize.h) and the run's global proof (the memory image and the ends of every memory
// cell's chain, chips/memory_image.h). Decoding checks the framing only; zkvm::verify checks the
// contents.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "zkvm/segment_chips.h"

namespace oneproof::zkvm {

inline constexpr uint32_t ZKVM_PROOF_MAGIC = 0x4b5a504f;  // "OPZK" little-endian
inline constexpr uint32_t ZKVM_PROOF_VERSION = 2;
inline constexpr uint32_t MAX_SEGMENTS = 1u << 16;  // memory_boundary.h: segment numbers are 16-bit

using ProgramId = std::array<uint8_t, 32>;

struct SegmentProof {
  SegmentStatement statement;  // `number` is implied by the position (1-based)
  std::vector<uint8_t> stark_proof;
};

struct ZkvmProof {
  ProgramId program_id{};
  uint32_t exit_code = 0;
  std::vector<uint8_t> public_values;
  std::vector<SegmentProof> segments;
  std::vector<uint8_t> global_proof;
};

ProgramId program_id(std::span<const uint8_t> elf);
std::vector<uint8_t> serialize(const ZkvmProof& proof);
ZkvmProof deserialize(std::span<const uint8_t> bytes);  // throws stark::FormatError

}  // namespace oneproof::zkvm
