// Offline memory checking for one segment (DESIGN.md §4), registers included.
//
// MemoryAccessAir: one row per access of the segment's execution record. Each access consumes the
// cell's previous state (addr, prev value, prev_ts, w) from BUS_MEMORY and produces the new one
// (addr, value, ts, w), with ts - prev_ts - 1 in [0, 2^24) (so timestamps strictly increase per
// cell). w is the cell's write permission (fixed where the cell starts, memory_image.h): with
// w = 0 the CPU may not write the cell and a syscall chip may not change it.
// MemoryBoundaryAir (memory_boundary.h): one row per touched cell, produces (addr, initial value, 0)
// and consumes (addr, final value, final ts), and links the segment to the rest of the run.
// BUS_MEMORY balances exactly when every read returns the value last written to that cell.
//
// With `bound_to_requests`, every access row is requested by exactly one chip: either it receives
// its (addr, ts, value, is_write) from BUS_ACCESS, where the CPU chip sends the accesses its
// instructions make, and a read (is_write = 0) must leave the value unchanged; or (is_syscall = 1)
// it receives (addr, ts, prev_lo, prev_hi, lo, hi) from BUS_SYSCALL_MEM, where a syscall chip
// (keccak, syscall I/O) states both the value it found and the value it leaves. Without it (memory
// checking on its own) nothing ties an access to an instruction.
#pragma once
#include "air/air.h"
#include "chips/memory_boundary.h"
#include "chips/memory_image.h"
#include "chips/range16.h"
#include "vm/trace.h"

namespace oneproof::chips {

class MemoryAccessAir : public air::Air {
 public:
  enum Column : size_t { kAddr, kPrevLo, kPrevHi, kPrevTs, kLo, kHi, kTs, kDiffLo, kDiffHi, kIsReal, kIsWrite, kIsSyscall, kWritable, kWidth };
  explicit MemoryAccessAir(bool bound_to_requests = false) : bound_(bound_to_requests) {}
  std::string name() const override { return bound_ ? "zkvm/memory-access-bound-v3" : "zkvm/memory-access-v2"; }
  size_t width() const override { return kWidth; }
  void eval(air::AirBuilder& b) const override;

 private:
  bool bound_;
};

// The access rows of the segment (cycle records and syscall events), with their range checks. The
// memory words of syscall events are flagged is_syscall (their chips request them); the register
// reads of syscall events are the CPU's.
// `layout` gives each cell's write permission (chips/memory_image.h).
field::Matrix access_trace(const vm::SegmentRecord& segment, const MemoryLayout& layout, RangeCounts& ranges);

struct MemoryTraces {
  field::Matrix access;    // MemoryAccessAir
  field::Matrix boundary;  // MemoryBoundaryAir
};

// Every access of the segment (cycle records and syscall events) and its boundary entries (as the
// run's only segment: number 1, every cell from the initial image); the range checks they need are
// added to `ranges`. Heights are powers of two (>= 4), padded with
// inert rows (is_real = 0).
MemoryTraces memory_traces(const vm::SegmentRecord& segment, const MemoryLayout& layout, RangeCounts& ranges);

}  // namespace oneproof::chips
