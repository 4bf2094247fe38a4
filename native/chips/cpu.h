// The CPU chip, first slice: one row per cycle for the instructions ADD, SUB, ADDI, LUI, JAL, BNE
// and the HALT ecall, with their semantics inline (32-bit values as two 16-bit limbs).
//   - pc / timestamp: row 0 has pc = public start_pc and ts = 4; each following real row has
//     pc = previous next_pc and ts = previous ts + 4; real rows are a prefix and the last one is HALT.
//   - fetch: (pc, opcode, rd, rs1, rs2, imm) is looked up in the program ROM (BUS_PROGRAM).
//   - registers live in memory: rs1 / rs2 reads and the rd write are requested on BUS_ACCESS at
//     ts + 0 / 1 / 3 and proven by MemoryAccessAir(bound_to_requests = true); x0 is never written.
//   - HALT requires t0 = 0 and binds a0 to the public exit code (publics 1, 2: lo and hi limbs).
// Programs using other instructions are refused by the trace builder (std::invalid_argument).
#pragma once
#include "air/air.h"
#include "chips/buses.h"
#include "chips/range16.h"
#include "vm/trace.h"

namespace oneproof::chips {

class CpuAir : public air::Air {
 public:
  enum Column : size_t {
    kIsReal, kPc, kNextPc, kTs, kOpcode, kRd, kRs1, kRs2, kImmLo, kImmHi, kImm,
    kIsAdd, kIsSub, kIsAddi, kIsLui, kIsJal, kIsBne, kIsHalt,
    kALo, kAHi, kBLo, kBHi, kCLo, kCHi, kCarry0, kCarry1,
    kRdNonzero, kRdInv, kTaken, kInvLo, kInvHi, kWidth
  };
  enum Public : size_t { kStartPc, kExitLo, kExitHi, kNumPublics };
  std::string name() const override { return "zkvm/cpu-v0"; }
  size_t width() const override { return kWidth; }
  size_t num_public_values() const override { return kNumPublics; }
  void eval(air::AirBuilder& b) const override;
};

struct CpuTrace {
  field::Matrix main;
  std::vector<Fp> publics;  // start_pc, exit code lo, hi
};

// The CPU rows of a halting segment; adds its range checks to `ranges`.
CpuTrace cpu_trace(const vm::SegmentRecord& segment, uint32_t exit_code, RangeCounts& ranges);

}  // namespace oneproof::chips
