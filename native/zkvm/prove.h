// End-to-end zkVM proving. The ELF is run with the tracer and cut into segments (segment_cycles
// each); every segment is proven on its own with the segment chips (segment_chips.h) and the run's
// global proof covers the initial memory image and the ends of each cell's memory chain
// (chips/memory_image.h). The parts form one statement:
//   - one transcript: every part's main-trace commitments, the segments' statements, the exit code
//     and the public values are observed before the LogUp challenges all parts share are drawn;
//   - the segments' private buses are salted with their number, so they balance per segment; the
//     shared buses (BUS_GLOBAL_MEMORY, BUS_PUBLIC_VALUES) balance over all parts together, with the
//     verifier receiving every public-value byte itself;
//   - the statements chain: entry pc -> end pc = next start pc -> ... -> HALT, commits in order.
// The statement proven: (program id, exit code, public values). The program ROM and memory image
// are preprocessed columns, so the verifying keys are derived from the ELF.
#pragma once
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "fri/params.h"
#include "vm/machine.h"
#include "zkvm/proof_format.h"

namespace oneproof::zkvm {

// A run this prover cannot prove (no HALT, more than 2^16 segments, a program too large to key).
class UnprovableRun : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ProveOptions {
  fri::FriParams params = fri::DEFAULT_PARAMS;
  uint64_t max_cycles = uint64_t(1) << 32;
  // Cycles per segment: a power of two in [2^16, 2^21]. 2^20 by default: a segment's memory-access
  // table has a row per register and memory access (about 3 per cycle) and must stay within the
  // key's height limit (2^23 rows, the field's two-adicity less the blowup).
  uint32_t segment_cycles = 1u << 20;
  // Check every table against its constraints and buses before proving (a trace-builder bug then
  // fails here, with the row, rather than as a proof the verifier rejects). Slow: tests only.
  bool check_traces = false;
};

struct ProveResult {
  std::vector<uint8_t> proof;  // serialized ZkvmProof
  uint32_t exit_code = 0;
  std::vector<uint8_t> public_values;
  uint64_t cycles = 0;
  uint32_t segments = 0;
};

// Throws vm::ElfError, vm::ExecutionError, UnprovableRun (std::invalid_argument from key setup for a
// program ROM too large to key).
ProveResult prove(std::span<const uint8_t> elf, std::span<const uint8_t> input, const ProveOptions& options = {});

// For tests of the verifier: proves a given execution record as a cheating prover would, with no
// check that the traces satisfy the chips (the STARK prover's witness check is off and cells that
// do not start from the ELF image are put in the zero table), so that the verifier is the judge.
ProveResult prove_forged(std::span<const uint8_t> elf, const vm::TracedExecution& execution, const ProveOptions& options = {});

struct VerifyResult {
  bool ok = false;
  std::string error;  // why the proof was refused
  bool malformed = false;  // the bytes are not a zkvm proof at all (framing), rather than a wrong one
  uint32_t exit_code = 0;
  std::vector<uint8_t> public_values;
  uint32_t segments = 0;
};

// Never throws for a bad proof (ok = false with a reason); a malformed ELF is a rejection too.
// `params` must be the ones the proof was made with (the verifier does not take them from the proof).
VerifyResult verify(std::span<const uint8_t> elf, std::span<const uint8_t> proof,
                    const fri::FriParams& params = fri::DEFAULT_PARAMS);

}  // namespace oneproof::zkvm
