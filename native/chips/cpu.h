// The CPU chip: one row per cycle for the instructions ADD, SUB, ADDI, SLT, SLTU, SLTI,
// SLTIU, AND, OR, XOR, ANDI, ORI, XORI, LUI, AUIPC, JAL, JALR, BEQ, BNE, BLT, BGE, BLTU, BGEU, LB, LBU,
// LH, LHU, LW, SB, SH, SW, MUL, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU, SLL, SLLI, SRL, SRLI, SRA,
// SRAI, FENCE (a no-op) and every ecall of the syscall ABI (guest/sdk/include/oneproof/syscalls.h):
// every RV32IM instruction except EBREAK (bitwise ops byte by byte through the ByteOps table;
// loads and stores naturally aligned at addresses >= 0x10000), with their semantics inline (32-bit values as
// two 16-bit limbs; code and jump targets below 2^30).
//   - statement (publics): start_pc, end_pc, halted, exit code (lo, hi limbs; 0 unless halted).
//   - pc / timestamp: row 0 is real, has pc = start_pc and ts = 4; each following real row has
//     pc = previous next_pc and ts = previous ts + 4; real rows are a prefix and the last one's
//     next_pc is end_pc. halted = 1: the last real row is HALT; halted = 0: no row is HALT.
//   - fetch: (pc, opcode, rd, rs1, rs2, imm) is looked up in the program ROM (BUS_PROGRAM).
//   - registers live in memory: rs1 / rs2 reads and the rd write are requested on BUS_ACCESS at
//     ts + 0 / 1 / 3 and proven by MemoryAccessAir(bound_to_requests = true); x0 is never written.
//   - ecalls (rs1 = t0, rs2 = a0 from the ROM): one selector per call, and t0 must hold the selected
//     call's number, so no other number can be proven.
//       HALT: a0 is the public exit code, the pc stays.
//       INPUT_LEN: writes a0 (x10) at ts + 3 with a free value (the input is private).
//       READ / COMMIT (a0 = ptr, a1 = n): reads a1 at ts + 2 (c limbs); when n != 0 sends
//         (is_commit, ts + 2, ptr, n) on BUS_SYSCALL_IO to the syscall I/O chip (syscall_io.h).
//       WRITE (a0 = fd, a1, a2): debug output with no memory effect; reads a1 (c limbs) and a2 (d
//         limbs) at ts + 2 all the same, and fd is 1 or 2.
//       KECCAK_PERMUTE (a0 = ptr): sends (ptr, ts + 2) on BUS_KECCAK_CALL to the keccak chip.
// Programs using other instructions or syscall numbers are refused by the trace builder
// (std::invalid_argument).
#pragma once
#include "air/air.h"
#include "chips/buses.h"
#include "chips/bytes.h"
#include "chips/range16.h"
#include "chips/syscall_buses.h"
#include "vm/trace.h"

namespace oneproof::chips {

class CpuAir : public air::Air {
 public:
  enum Column : size_t {
    kIsReal, kPc, kNextPc, kTs, kOpcode, kRd, kRs1, kRs2, kImmLo, kImmHi, kImm,
    kIsAdd, kIsSub, kIsAddi, kIsLui, kIsJal, kIsBne, kIsHalt,
    kIsBeq, kIsBltu, kIsBgeu, kIsSltu, kIsAuipc, kIsJalr, kIsSlt, kIsSlti, kIsSltiu, kIsBlt, kIsBge,
    kIsAnd, kIsOr, kIsXor, kIsAndi, kIsOri, kIsXori, kIsLw, kIsSw,
    kIsLb, kIsLbu, kIsLh, kIsLhu, kIsSb, kIsSh, kIsMul, kIsSll, kIsSlli, kIsSrl, kIsSrli, kIsSra, kIsSrai, kIsFence, kIsMulh, kIsMulhsu, kIsMulhu, kIsDivu, kIsRemu, kIsDiv, kIsRem,
    kIsInputLen, kIsRead, kIsCommit, kIsWrite, kIsKeccak,  // the ecalls besides HALT (kIsHalt)
    kALo, kAHi, kBLo, kBHi, kCLo, kCHi, kCarry0, kCarry1,
    kRdNonzero, kRdInv, kTaken, kInvLo, kInvHi,
    kNeq,        // BEQ/BNE: [a != b]
    kDLo, kDHi,  // compares: a - b mod 2^32; JALR: rs1 + imm
    kHalf, kBit0,  // JALR: d_lo = 2 half + bit0 (bit 0 is cleared)
    kSignA, kSignB, kRestA, kRestB,  // signed compares: x_hi = sign * 2^15 + rest
    kSignXor, kLt,                   // compares: sign_a xor sign_b, and the result [a < b]
    kA0, kA1, kA2, kA3, kB0, kB1, kB2, kB3, kC0, kC1, kC2, kC3,  // bitwise: bytes of a, b, c
    kWordLo, kDHiInv,  // loads/stores: address d = 4 word_lo + offset + 2^16 d_hi with d_hi != 0
    kO0, kO1, kO2, kO3,  // sub-word loads/stores: one-hot byte offset
    kM0, kM1, kM2, kM3,  // the memory word's bytes before the access
    kN0, kN1, kN2, kN3,  // SB/SH: its bytes after
    kS0, kS1,            // SB/SH: the low bytes of rs2
    kLoadSign, kLoadRest,  // LB/LH: the loaded byte / high byte = sign * 128 + rest
    kT0, kT1, kT2, kT3,    // MUL: a_k & b_k (the lookup that proves a_k, b_k are bytes)
    kK0, kK1, kK2, kK3,    // MUL: column carries
    kSh0, kSh1, kSh2, kSh3, kSh4, kShQ,  // SLL(I): shift bits; SLL: b_lo = sh + 32 q
    kPow, kKb0, kKb1, kKb2, kKb3,        // 2^(sh mod 8) and the one-hot byte shift sh / 8 (1, 1 0 0 0 otherwise)
    kU0, kU1, kU2, kU3,  // right shifts: bytes of a' (a, or ~a for a negative SRA) with its low sh bits
                         // cleared; MULH*: the low bytes of the unsigned 64-bit product
    kH0, kH1, kH2, kH3,  // MULH*: the high bytes of the unsigned product
    kK4, kK5, kK6,       // MULH*: carries of product columns 4..6
    kBeta0, kBeta1,      // MULH*: borrows (0..2) of high - sign corrections
    kBNonzero,           // DIVU/REMU: [b != 0] (kInvLo / kInvHi hold an inverse of a limb)
                         // DIVU/REMU also use kH* for the quotient's bytes and kU* for the remainder's;
                         // DIV/REM the same for |a| / |b| (kA*, kB* hold |a|, |b|)
    kGa0, kGa1, kGb0, kGb1, kGo0, kGo1,  // DIV/REM: carries of the conditional negations a->|a|, b->|b|, |q|/|r|->c
    kNegQ, kNegOut, kSrcLo, kSrcHi,      // DIV/REM: [quotient negative], [c = -src], src = |q| or |r|
    kLenNonzero,  // READ/COMMIT: [n != 0] (kInvLo / kInvHi hold an inverse of a limb of n)
    kWidth
  };
  enum Public : size_t { kStartPc, kEndPc, kHalted, kExitLo, kExitHi, kNumPublics };
  std::string name() const override { return "zkvm/cpu-v14"; }
  size_t width() const override { return kWidth; }
  size_t num_public_values() const override { return kNumPublics; }
  void eval(air::AirBuilder& b) const override;
};

struct CpuTrace {
  field::Matrix main;
  std::vector<Fp> publics;  // in CpuAir::Public order
};

// The CPU rows of a segment (exit_code is used only when it halts; 0 otherwise); adds its range
// checks and byte-op lookups to the counters.
CpuTrace cpu_trace(const vm::SegmentRecord& segment, uint32_t exit_code, RangeCounts& ranges, ByteOpCounts& byte_ops);

}  // namespace oneproof::chips
