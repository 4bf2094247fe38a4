// The chip set that proves one segment of an execution (one STARK proof per segment), and the
// segment's statement: what its public values say about the run.
//
// Tables, in order: cpu (its publics: start pc, end pc, halted, exit code), program ROM, memory
// access, memory boundary (links the segment's memory to the run's other proofs over
// BUS_GLOBAL_MEMORY), range16, byte ops, syscall I/O (READ / COMMIT words; its publics: the
// commit_start / commit_end byte range, whose bytes it sends on BUS_PUBLIC_VALUES), keccak-f[1600]
// (KECCAK_PERMUTE). Every segment of a program uses the same key.
#pragma once
#include <cstdint>
#include <vector>

#include "chips/bytes.h"
#include "chips/cpu.h"
#include "chips/memory.h"
#include "chips/memory_boundary.h"
#include "chips/program.h"
#include "chips/range16.h"
#include "chips/syscall_io.h"
#include "chips/keccak/keccak_air.h"
#include "stark/prover.h"
#include "vm/elf.h"
#include "vm/trace.h"

namespace oneproof::zkvm {

// What a segment proof states. The verifier chains statements: segment k + 1 starts where k ended
// (pc, committed bytes), only the last one halts, and its exit code is the run's.
struct SegmentStatement {
  uint32_t number = 1;  // 1-based: BUS_GLOBAL_MEMORY's segment 0 is the initial memory image
  uint32_t start_pc = 0, end_pc = 0;
  bool halted = false;
  uint32_t exit_code = 0;  // 0 unless halted
  uint32_t commit_start = 0, commit_end = 0;  // the public-value bytes [start, end) this segment commits
  bool operator==(const SegmentStatement&) const = default;
};

class SegmentChips {
 public:
  explicit SegmentChips(const vm::Program& program) : layout_(chips::memory_layout(program)), rom_(program) {}
  std::vector<const air::Air*> airs() const;

  // Per table, the public values a statement fixes (the verifier rebuilds them the same way).
  std::vector<std::vector<field::Fp>> publics(const SegmentStatement& statement) const;

  // The segment's tables, in airs() order. `prev_segment[i]` is the number of the last earlier
  // segment that touched the cell segment.initial[i] (0 if none). Throws std::invalid_argument for
  // a segment the chips do not cover.
  std::vector<stark::TableWitness> tables(const vm::SegmentRecord& segment, const SegmentStatement& statement,
                                          const std::vector<uint32_t>& prev_segment) const;

 private:
  chips::MemoryLayout layout_;
  chips::ProgramAir rom_;
  chips::CpuAir cpu_;
  chips::MemoryAccessAir access_{true};
  chips::MemoryBoundaryAir boundary_;
  chips::Range16Air range_;
  chips::ByteOpsAir byte_ops_;
  chips::SyscallIoAir syscall_io_;
  chips::keccak::KeccakAir keccak_;
};

}  // namespace oneproof::zkvm
