// Execution records for the prover, cut into segments. Everything a chip needs per cycle: the pc
// transition, the instruction and every register/memory access with the value and timestamp it
// consumed (prev_*) and the value and timestamp it produced, as offline memory checking requires.
//
// Addresses: registers live in memory at addresses 0..31 (x_r at address r); guest memory is
// accessed as aligned 32-bit words at their byte address, which is >= 0x1000 (page 0 is never
// mapped), so the two never collide. Timestamps are local to a segment: the segment's initial
// memory image has timestamp 0 and cycle i (0-based) uses 4(i+1) + slot with the slots below.
#pragma once
#include <cstdint>
#include <vector>

#include "vm/isa.h"

namespace oneproof::vm {

enum AccessSlot : uint32_t { kSlotRs1 = 0, kSlotRs2 = 1, kSlotMem = 2, kSlotRd = 3 };
inline constexpr uint32_t kTimestampsPerCycle = 4;
inline constexpr uint32_t cycle_timestamp(uint32_t cycle_in_segment) { return kTimestampsPerCycle * (cycle_in_segment + 1); }

// One access: consumes (addr, prev_value, prev_ts) and produces (addr, value, ts); prev_ts < ts.
// A read (is_write false) has value == prev_value.
struct Access {
  uint32_t addr = 0;
  uint32_t value = 0;
  uint32_t prev_value = 0;
  uint32_t prev_ts = 0;
  uint32_t ts = 0;
  bool is_write = false;
};

// Which of a cycle's four access slots are in use.
enum AccessFlags : uint8_t { kHasRs1 = 1, kHasRs2 = 2, kHasMem = 4, kHasRd = 8 };

struct CycleRecord {
  uint32_t pc = 0;
  uint32_t next_pc = 0;
  uint32_t insn = 0;  // the raw instruction word (the program ROM holds it at pc)
  Op op = Op::kIllegal;
  uint8_t flags = 0;  // AccessFlags
  Access rs1, rs2, mem, rd;
};

// An ecall's effects beyond the cycle record: rs1 holds the t0 read (syscall number), rs2 the a0
// read and rd the a0 write (when the call returns a value). Reads of a1/a2 and every memory word
// the call touches are here, each word once, at timestamp cycle_timestamp + kSlotMem.
struct SyscallEvent {
  uint32_t cycle = 0;   // index into Segment::cycles
  uint32_t number = 0;  // OP_SYS_*
  std::vector<Access> accesses;
};

struct BoundaryEntry {
  uint32_t addr = 0;
  uint32_t value = 0;
  uint32_t ts = 0;  // 0 for the initial image; the last access's timestamp for the final one
};

// A contiguous run of cycles proven on its own. `initial` lists, sorted by address, the value of
// every address the segment touches as it was when the segment began; `final` the same addresses
// with their values and timestamps at the end. Consecutive segments chain: the next one's start_pc
// is this one's end_pc and its initial values are the latest final values.
struct SegmentRecord {
  uint32_t index = 0;
  uint64_t start_cycle = 0;
  uint32_t start_pc = 0;
  uint32_t end_pc = 0;  // the pc after the last cycle
  bool halted = false;  // the last cycle is a HALT
  std::vector<CycleRecord> cycles;
  std::vector<SyscallEvent> syscalls;
  std::vector<BoundaryEntry> initial, final;
};

}  // namespace oneproof::vm
