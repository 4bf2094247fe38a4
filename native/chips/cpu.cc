#include "chips/cpu.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

#include "chips/program.h"
#include "vm/isa.h"

namespace oneproof::chips {
namespace {
using air::Expr;
using vm::Op;

struct Selector {
  CpuAir::Column column;
  Op op;
};
constexpr Selector kSelectors[] = {
    {CpuAir::kIsAdd, Op::kAdd}, {CpuAir::kIsSub, Op::kSub}, {CpuAir::kIsAddi, Op::kAddi}, {CpuAir::kIsLui, Op::kLui},
    {CpuAir::kIsJal, Op::kJal}, {CpuAir::kIsBne, Op::kBne}, {CpuAir::kIsHalt, Op::kEcall},
};
}  // namespace

void CpuAir::eval(air::AirBuilder& b) const {
  auto col = [&](Column c) { return b.local(c); };
  const Expr is_real = col(kIsReal), next_real = b.next(kIsReal);
  const Expr pc = col(kPc), next_pc = col(kNextPc), ts = col(kTs);
  const Expr is_add = col(kIsAdd), is_sub = col(kIsSub), is_addi = col(kIsAddi), is_lui = col(kIsLui);
  const Expr is_jal = col(kIsJal), is_bne = col(kIsBne), is_halt = col(kIsHalt);
  const Expr a_lo = col(kALo), a_hi = col(kAHi), b_lo = col(kBLo), b_hi = col(kBHi), c_lo = col(kCLo), c_hi = col(kCHi);
  const Expr carry0 = col(kCarry0), carry1 = col(kCarry1), taken = col(kTaken);

  // Exactly one selector on real rows, none on padding; the opcode is the selected one's.
  b.assert_bool(is_real, "is_real is boolean");
  Expr sum = b.constant(0u), opcode = b.constant(0u);
  for (const Selector& s : kSelectors) {
    b.assert_bool(col(s.column), "selector is boolean");
    sum = sum + col(s.column);
    opcode = opcode + col(s.column) * uint32_t(s.op);
  }
  b.assert_eq(sum, is_real, "one selector per real row");
  b.assert_eq(col(kOpcode), opcode, "opcode matches the selector");

  // pc / timestamp chain, pinned at the first row; real rows are a prefix ending in HALT.
  b.when_first_row().assert_eq(is_real, 1u, "the segment has a first cycle");
  b.when_first_row().assert_eq(pc, b.public_value(kStartPc), "first pc is the public start pc");
  b.when_first_row().assert_eq(ts, 4u, "first timestamp is 4");
  b.when_transition().assert_zero(next_real * (1 - is_real), "real rows are a prefix");
  b.when_transition().when(next_real).assert_eq(b.next(kPc), next_pc, "pc chain");
  b.when_transition().when(next_real).assert_eq(b.next(kTs), ts + 4, "timestamp chain");
  b.when_transition().assert_zero((is_real - next_real) * (1 - is_halt), "the last real row halts");
  b.when_last_row().assert_zero(is_real * (1 - is_halt), "the last real row halts");
  b.when_transition().assert_zero(is_halt * next_real, "nothing runs after HALT");

  // Fetch from the program ROM.
  b.send(BUS_PROGRAM, {pc, col(kOpcode), col(kRd), col(kRs1), col(kRs2), col(kImmLo), col(kImmHi), col(kImm)}, is_real, "fetch");

  // Register accesses: x0 is never written (rd_nonzero = [rd != 0]).
  const Expr rd = col(kRd), rd_nonzero = col(kRdNonzero);
  b.assert_bool(rd_nonzero, "rd_nonzero is boolean");
  b.assert_zero(rd * (1 - rd_nonzero), "rd != 0 => rd_nonzero");
  b.assert_eq(rd_nonzero, rd * col(kRdInv), "rd == 0 => !rd_nonzero");
  const Expr reads_rs1 = is_add + is_sub + is_addi + is_bne + is_halt;
  const Expr reads_rs2 = is_add + is_sub + is_bne + is_halt;
  const Expr writes_rd = is_add + is_sub + is_addi + is_lui + is_jal;
  b.send(BUS_ACCESS, {col(kRs1), ts, a_lo, a_hi, b.constant(0u)}, reads_rs1, "read rs1");
  b.send(BUS_ACCESS, {col(kRs2), ts + 1, b_lo, b_hi, b.constant(0u)}, reads_rs2, "read rs2");
  b.send(BUS_ACCESS, {rd, ts + 3, c_lo, c_hi, b.constant(1u)}, writes_rd * rd_nonzero, "write rd");

  // ADD / ADDI: a + b = c + carry1 * 2^32 limb by limb; SUB: c + b = a likewise. ADDI's b is imm.
  b.assert_bool(carry0, "carry0 is boolean");
  b.assert_bool(carry1, "carry1 is boolean");
  b.when(is_addi).assert_eq(b_lo, col(kImmLo), "addi: b = imm (lo)");
  b.when(is_addi).assert_eq(b_hi, col(kImmHi), "addi: b = imm (hi)");
  b.when(is_add + is_addi).assert_eq(a_lo + b_lo, c_lo + carry0 * 65536, "add lo");
  b.when(is_add + is_addi).assert_eq(a_hi + b_hi + carry0, c_hi + carry1 * 65536, "add hi");
  b.when(is_sub).assert_eq(c_lo + b_lo, a_lo + carry0 * 65536, "sub lo");
  b.when(is_sub).assert_eq(c_hi + b_hi + carry0, a_hi + carry1 * 65536, "sub hi");
  // LUI: c = imm.
  b.when(is_lui).assert_eq(c_lo, col(kImmLo), "lui lo");
  b.when(is_lui).assert_eq(c_hi, col(kImmHi), "lui hi");
  // JAL: c = pc + 4 (c < 2^30 so the limbs cannot alias mod p), next_pc = pc + imm.
  b.when(is_jal).assert_eq(c_lo + c_hi * 65536, pc + 4, "jal link");
  b.send(BUS_RANGE16, {c_hi * 4}, is_jal, "jal link < 2^30");
  b.when(is_jal).assert_eq(next_pc, pc + col(kImm), "jal target");
  // BNE: taken = [a != b]; not taken forces equal limbs, taken needs an inverse of a difference.
  b.assert_bool(taken, "taken is boolean");
  b.assert_zero(taken * (1 - is_bne), "only branches are taken");
  b.when(is_bne).when(1 - taken).assert_eq(a_lo, b_lo, "not taken: equal lo");
  b.when(is_bne).when(1 - taken).assert_eq(a_hi, b_hi, "not taken: equal hi");
  b.when(taken).assert_eq((a_lo - b_lo) * col(kInvLo) + (a_hi - b_hi) * col(kInvHi), 1u, "taken: a != b");
  b.when(is_bne).assert_eq(next_pc, pc + 4 + taken * (col(kImm) - 4), "branch target");
  // Straight-line instructions continue at pc + 4.
  b.when(is_add + is_sub + is_addi + is_lui).assert_eq(next_pc, pc + 4, "next pc");
  // HALT: t0 (rs1) is the HALT call 0, a0 (rs2) is the public exit code, and the pc stays.
  b.when(is_halt).assert_zero(a_lo, "halt: t0 = 0 (lo)");
  b.when(is_halt).assert_zero(a_hi, "halt: t0 = 0 (hi)");
  b.when(is_halt).assert_eq(b_lo, b.public_value(kExitLo), "halt: exit code lo");
  b.when(is_halt).assert_eq(b_hi, b.public_value(kExitHi), "halt: exit code hi");
  b.when(is_halt).assert_eq(next_pc, pc, "halt: pc stays");
}

CpuTrace cpu_trace(const vm::SegmentRecord& s, uint32_t exit_code, RangeCounts& ranges) {
  if (!s.halted) throw std::invalid_argument("cpu chip: only segments that end in HALT are supported yet");
  const size_t height = std::max<size_t>(4, std::bit_ceil(s.cycles.size()));
  CpuTrace t{field::Matrix(CpuAir::kWidth, height), {Fp::from_u32(s.start_pc), lo16(exit_code), hi16(exit_code)}};
  for (size_t i = 0; i < s.cycles.size(); ++i) {
    const vm::CycleRecord& c = s.cycles[i];
    if (c.pc >= kMaxProvablePc) throw std::invalid_argument("cpu chip: pc above 2^30");
    const auto sel = std::find_if(std::begin(kSelectors), std::end(kSelectors), [&](const Selector& x) { return x.op == c.op; });
    if (sel == std::end(kSelectors))
      throw std::invalid_argument(std::string("cpu chip: instruction '") + vm::traits(c.op).name + "' is not supported yet");
    vm::Decoded d = vm::decode(c.insn);
    if (c.op == Op::kEcall) {
      d.rs1 = 5;
      d.rs2 = 10;
      if (c.rs1.value != 0) throw std::invalid_argument("cpu chip: only the HALT ecall is supported yet");
    }
    const uint32_t imm = uint32_t(d.imm);
    const uint32_t a = c.rs1.value;
    const uint32_t b = c.op == Op::kAddi ? imm : c.rs2.value;
    uint32_t result = 0;
    uint32_t carry0 = 0, carry1 = 0;
    switch (c.op) {
      case Op::kAdd:
      case Op::kAddi:
        result = a + b;
        carry0 = ((a & 0xffff) + (b & 0xffff)) >> 16;
        carry1 = ((a >> 16) + (b >> 16) + carry0) >> 16;
        break;
      case Op::kSub:
        result = a - b;
        carry0 = ((result & 0xffff) + (b & 0xffff)) >> 16;
        carry1 = ((result >> 16) + (b >> 16) + carry0) >> 16;
        break;
      case Op::kLui: result = imm; break;
      case Op::kJal: result = c.pc + 4; ranges.add((result >> 16) * 4); break;
      default: break;
    }
    Fp* r = t.main.row(i);
    r[CpuAir::kIsReal] = Fp::one();
    r[CpuAir::kPc] = Fp::from_u32(c.pc);
    r[CpuAir::kNextPc] = Fp::from_u32(c.next_pc);
    r[CpuAir::kTs] = Fp::from_u32(vm::cycle_timestamp(uint32_t(i)));
    r[CpuAir::kOpcode] = Fp::from_u32(uint32_t(c.op));
    r[CpuAir::kRd] = Fp::from_u32(d.rd);
    r[CpuAir::kRs1] = Fp::from_u32(d.rs1);
    r[CpuAir::kRs2] = Fp::from_u32(d.rs2);
    r[CpuAir::kImmLo] = lo16(imm);
    r[CpuAir::kImmHi] = hi16(imm);
    r[CpuAir::kImm] = imm_field(d.imm);
    r[sel->column] = Fp::one();
    r[CpuAir::kALo] = lo16(a);
    r[CpuAir::kAHi] = hi16(a);
    r[CpuAir::kBLo] = lo16(b);
    r[CpuAir::kBHi] = hi16(b);
    r[CpuAir::kCLo] = lo16(result);
    r[CpuAir::kCHi] = hi16(result);
    r[CpuAir::kCarry0] = Fp::from_u32(carry0);
    r[CpuAir::kCarry1] = Fp::from_u32(carry1);
    if (d.rd != 0) {
      r[CpuAir::kRdNonzero] = Fp::one();
      r[CpuAir::kRdInv] = Fp::from_u32(d.rd).inverse();
    }
    if (c.op == Op::kBne && a != b) {
      r[CpuAir::kTaken] = Fp::one();
      if ((a & 0xffff) != (b & 0xffff)) r[CpuAir::kInvLo] = (lo16(a) - lo16(b)).inverse();
      else r[CpuAir::kInvHi] = (hi16(a) - hi16(b)).inverse();
    }
  }
  return t;
}

}  // namespace oneproof::chips
