// End-to-end zkVM proving for single-segment runs: the ELF is run with the tracer, its one segment
// becomes the chip tables (cpu, program ROM, memory access + boundary, range16, byte ops), and the
// tables are proven with the multi-table STARK. The statement: the program ROM (a preprocessed
// column, so part of the verifying key derived from the ELF), the entry pc and the exit code
// (public values of the cpu table).
//
// Public values: the cpu chip does not prove COMMIT yet, so the proof binds none: a guest that
// commits anything is refused, and verify rejects a proof claiming any.
// Not yet bound (chips/memory.h): the initial data-memory image of the boundary table is not tied to
// the ELF's data segments, so a guest's result is only as trustworthy as its code's independence
// from initialised data. Multi-segment runs are refused.
#pragma once
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "fri/params.h"
#include "zkvm/proof_format.h"

namespace oneproof::zkvm {

// A run this prover cannot prove (too long, no HALT, unsupported syscall or COMMIT).
class UnprovableRun : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ProveOptions {
  fri::FriParams params = fri::DEFAULT_PARAMS;
  uint64_t max_cycles = uint64_t(1) << 22;
  uint32_t segment_cycles = 1u << 22;  // a power of two in [2^16, 2^22]; longer runs are refused
};

struct ProveResult {
  std::vector<uint8_t> proof;  // serialized ZkvmProof
  uint32_t exit_code = 0;
  std::vector<uint8_t> public_values;
  uint64_t cycles = 0;
};

// Throws vm::ElfError, vm::ExecutionError, UnprovableRun (std::invalid_argument from key setup for a
// program ROM too large to key).
ProveResult prove(std::span<const uint8_t> elf, std::span<const uint8_t> input, const ProveOptions& options = {});

struct VerifyResult {
  bool ok = false;
  std::string error;  // why the proof was refused
  bool malformed = false;  // the bytes are not a zkvm proof at all (framing), rather than a wrong one
  uint32_t exit_code = 0;
  std::vector<uint8_t> public_values;
};

// Never throws for a bad proof (ok = false with a reason); a malformed ELF is a rejection too.
// `params` must be the ones the proof was made with (the verifier does not take them from the proof).
VerifyResult verify(std::span<const uint8_t> elf, std::span<const uint8_t> proof,
                    const fri::FriParams& params = fri::DEFAULT_PARAMS);

}  // namespace oneproof::zkvm
