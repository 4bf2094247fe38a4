// The CPU chip's RV32IM instructions with the segment's other chips (chip_test_harness.h): an
// honest run satisfies all constraints, balances all buses and proves; each forged trace is
// rejected. The syscalls are in cpu_syscall_test.cc and syscall_io_test.cc.
#include "air/checker.h"
#include "air/symbolic.h"
#include "chips/bytes.h"
#include "chips/cpu.h"
#include "chips/memory.h"
#include "chips/program.h"
#include "chips/range16.h"
#include "chip_test_harness.h"
#include "common/test.h"
#include "fri/params.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/verifier.h"
#include "vm/elf.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof;
using namespace oneproof::chips;
using field::Matrix;
using vm::testing::Assembler;

namespace {
// Sums 10 + 9 + ... + 1 with a BNE loop, a JAL over one instruction, a JAL x0 and an ADDI to x0,
// unsigned compares and branches both ways, AUIPC and a JALR with bit 0 set, then HALT(sum).
vm::Program sample_program() {
  Assembler a;
  a.li(1, 10);
  a.li(2, 0);
  const uint32_t loop = a.here();
  a.add(2, 2, 1);
  a.addi(1, 1, -1);
  a.sub(3, 2, 1);
  a.bne(1, 0, int32_t(4 * loop) - int32_t(4 * a.here()));
  a.jal(4, 8);
  a.addi(5, 0, 99);  // skipped
  a.jal(0, 4);
  a.addi(0, 2, 1);   // a write to x0: dropped
  a.lui(6, 0xfffff);
  a.add(7, 6, 6);    // carries out of both limbs
  a.sub(8, 0, 6);    // borrows
  a.sltu(11, 1, 2);  // 0 < 55: 1
  a.sltu(15, 2, 1);  // 0
  a.auipc(12, 0x12345);
  a.beq(1, 0, 8);    // taken (x1 = 0)
  a.addi(16, 0, 1);  // skipped
  a.beq(2, 0, 8);    // not taken
  a.branch(6, 1, 2, 8);  // bltu 0 < 55: taken
  a.addi(16, 0, 2);      // skipped
  a.branch(7, 1, 2, 8);  // bgeu 0 >= 55: not taken
  a.branch(7, 2, 1, 8);  // bgeu 55 >= 0: taken
  a.addi(16, 0, 3);      // skipped
  a.li(17, 0xfffffff0u);  // -16
  a.slt(18, 17, 2);       // -16 < 55: 1
  a.slt(19, 2, 17);       // 0
  a.slt(0, 17, 2);        // 1, dropped (x0)
  a.slti(20, 17, -20);    // -16 < -20: 0
  a.sltiu(21, 2, -1);     // 55 < 0xffffffff: 1
  a.branch(4, 17, 2, 8);  // blt -16 < 55: taken
  a.addi(16, 0, 5);       // skipped
  a.branch(5, 17, 2, 8);  // bge -16 >= 55: not taken
  a.branch(5, 2, 17, 8);  // bge 55 >= -16: taken
  a.addi(16, 0, 6);       // skipped
  a.xor_(22, 17, 2);      // bitwise ops, register and immediate forms
  a.or_(23, 17, 6);
  a.and_(24, 17, 6);
  a.xori(25, 2, -1);
  a.ori(26, 2, 0x700);
  a.andi(27, 17, 0x0f0);
  a.xor_(0, 2, 17);       // dropped (x0)
  a.li(28, vm::testing::kDataBase);
  a.sw(2, 28, 8);         // stores and loads of words
  a.sw(17, 28, -4 + 16);
  a.lw(29, 28, 8);
  a.lw(30, 28, 12);
  a.sw(30, 28, 8);        // overwrite
  a.lw(0, 28, 8);         // dropped (x0)
  a.add(31, 29, 30);
  a.sb(17, 28, 17);       // byte and half stores at every legal offset
  a.sh(2, 28, 18);
  a.sh(17, 28, 20);
  a.sb(2, 28, 23);
  a.lb(29, 28, 17);       // sign-extends 0xf0
  a.lbu(30, 28, 17);
  a.lh(29, 28, 20);       // 0xfff0: negative
  a.lhu(30, 28, 18);
  a.lb(29, 28, 23);       // 55: positive
  a.lh(0, 28, 20);        // dropped (x0)
  a.mul(29, 17, 2);       // -16 * 55
  a.mul(30, 6, 6);        // wraps
  a.li(29, 0xffffffffu);
  a.mul(30, 29, 29);      // every byte 0xff: the largest carries
  a.slli(30, 17, 0);      // shifts by 0, 7, 8, 13, 31 and by a register (33 & 31 = 1, 0xffffffe4 & 31 = 4)
  a.slli(30, 17, 7);
  a.slli(30, 29, 8);
  a.slli(30, 2, 13);
  a.slli(30, 29, 31);
  a.li(31, 33);
  a.sll(30, 17, 31);
  a.li(31, 0xffffffe4u);
  a.sll(30, 2, 31);
  a.srli(30, 17, 0);      // logical right shifts by 0, 4, 8, 12, 31 and by registers
  a.srli(30, 17, 4);
  a.srli(30, 29, 8);
  a.srli(30, 17, 12);
  a.srli(30, 29, 31);
  a.srl(30, 17, 31);      // x31 = 0xffffffe4: by 4
  a.li(31, 33);
  a.srl(30, 29, 31);      // by 1
  a.srai(30, 17, 0);      // arithmetic shifts of negative and positive values
  a.srai(30, 17, 3);
  a.srai(30, 29, 31);
  a.srai(30, 2, 2);
  a.li(31, 0xfffffff0u);  // -16
  a.li(29, 0x40000000u);
  a.srai(30, 29, 9);
  a.sra(30, 31, 31);      // -16 >> 16 (0xfffffff0 & 31 = 16)
  a.sra(30, 29, 31);
  a.emit(0x0ff0000f);     // fence
  a.li(29, 0x80000000u);  // high products: signs in every combination, extremes
  a.li(31, 0xffffffffu);
  a.mulh(30, 29, 29);
  a.mulh(30, 31, 31);
  a.mulh(30, 29, 2);
  a.mulhsu(30, 31, 31);
  a.mulhsu(30, 29, 31);
  a.mulhsu(30, 2, 29);
  a.mulhu(30, 31, 31);
  a.mulhu(30, 29, 2);
  a.mulh(30, 17, 2);
  a.divu(30, 31, 2);      // unsigned division: ordinary, by zero, by a larger value, max / 1
  a.remu(30, 31, 2);
  a.divu(30, 2, 0);
  a.remu(30, 2, 0);
  a.divu(30, 2, 31);
  a.remu(30, 2, 31);
  a.li(29, 1);
  a.divu(30, 31, 29);
  a.remu(30, 17, 29);
  a.li(29, 0x80000000u);  // signed division: every sign combination, by zero, INT_MIN / -1
  a.li(28, 7);
  a.li(27, 0xfffffff9u);  // -7
  a.li(26, 0xffffff9cu);  // -100
  a.li(25, 100);
  for (uint32_t x : {25u, 26u}) {
    for (uint32_t y : {28u, 27u}) {
      a.div(30, x, y);
      a.rem(30, x, y);
    }
  }
  a.div(30, 26, 0);
  a.rem(30, 26, 0);
  a.div(30, 29, 31);      // INT_MIN / -1
  a.rem(30, 29, 31);
  a.div(30, 29, 28);
  a.rem(30, 29, 27);
  a.auipc(13, 0);
  a.jalr(14, 13, 13);    // (P + 13) & ~1 = P + 12: skips one instruction
  a.addi(16, 0, 4);      // skipped
  a.addi(vm::testing::reg::a0, 2, 0);
  a.li(vm::testing::reg::t0, 0);
  a.ecall();
  return vm::load_elf(vm::testing::simple_elf(a.words));
}

struct Machine : harness::SegmentMachine {
  Machine() : SegmentMachine(sample_program()) {}
};
using harness::Witness;

Witness build(const Machine& m, const vm::TracedExecution& t) {
  return harness::build(m, t.segments.at(0), t.result.exit_code, t.result.public_values);
}

vm::TracedExecution run(const Machine& m) { return vm::execute_traced(m.program, {}, {}); }

std::string check(const Machine& m, const Witness& w) { return harness::check(m, w); }

// The CPU row of the first cycle executing `op`.
size_t row_of(const vm::TracedExecution& t, vm::Op op, size_t nth = 0) {
  const auto& cycles = t.segments[0].cycles;
  for (size_t i = 0; i < cycles.size(); ++i)
    if (cycles[i].op == op && nth-- == 0) return i;
  return SIZE_MAX;
}
using harness::starts;
bool rd_is_zero(const vm::TracedExecution& t, size_t row) { return vm::decode(t.segments[0].cycles[row].insn).rd == 0; }
}  // namespace

OP_TEST(honest_run_satisfies_every_table) {
  const Machine m;
  const auto t = run(m);
  CHECK_EQ(t.result.exit_code, 55u);
  const Witness w = build(m, t);
  CHECK_EQ(check(m, w), std::string());
  for (const auto& c : m.compiled) CHECK(c.max_degree <= air::MAX_CONSTRAINT_DEGREE);
}

OP_TEST(forged_cpu_rows_are_rejected) {
  const Machine m;
  const auto t = run(m);
  using C = CpuAir;
  auto forged = [&](auto&& edit) {
    Witness w = build(m, t);
    edit(w);
    return check(m, w);
  };
  const size_t add = row_of(t, vm::Op::kAdd), bne_last = row_of(t, vm::Op::kBne, 9), addi = row_of(t, vm::Op::kAddi, 2);
  REQUIRE(add != SIZE_MAX && bne_last != SIZE_MAX && addi != SIZE_MAX);
  // A wrong sum.
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(add, C::kCLo) += Fp::one(); }), "zkvm/cpu-v14"));
  // A wrong register read, with the sum adjusted to match: the access chip disagrees.
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(add, C::kALo) += Fp::one();
    w.main[0].at(add, C::kCLo) += Fp::one();
  }), "bus 102:"));
  // The first pc and the exit code are public values.
  CHECK(starts(forged([&](Witness& w) { w.publics[0][C::kStartPc] += Fp::from_u32(4); }), "zkvm/cpu-v14"));
  CHECK(starts(forged([&](Witness& w) { w.publics[0][C::kExitLo] += Fp::one(); }), "zkvm/cpu-v14"));
  // Skipping an instruction breaks the pc chain.
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(add, C::kNextPc) += Fp::from_u32(4); }), "zkvm/cpu-v14"));
  // A branch "taken" although its operands are equal (the loop's last BNE).
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(bne_last, C::kTaken) = Fp::one();
    w.main[0].at(bne_last, C::kInvLo) = Fp::one();
  }), "zkvm/cpu-v14"));
  // Claiming a write to x0.
  size_t x0_write = SIZE_MAX;  // `addi x0, x2, 1`
  for (size_t i = 0; i < t.segments[0].cycles.size() && x0_write == SIZE_MAX; ++i)
    if (t.segments[0].cycles[i].op == vm::Op::kAddi && rd_is_zero(t, i)) x0_write = i;
  REQUIRE(x0_write != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(x0_write, C::kRdNonzero) = Fp::one(); }), "zkvm/cpu-v14"));
  // A different immediate than the ROM's (with b and the sum adjusted; rd = x0 so nothing is
  // written): only the fetch disagrees.
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(x0_write, C::kImmLo) += Fp::one();
    w.main[0].at(x0_write, C::kBLo) += Fp::one();
    w.main[0].at(x0_write, C::kCLo) += Fp::one();
    w.main[0].at(x0_write, C::kImm) += Fp::one();
  }), "bus 103:"));
  // Another register's ADDI with the same forgery also changes the written value.
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(addi, C::kImmLo) += Fp::one();
    w.main[0].at(addi, C::kBLo) += Fp::one();
    w.main[0].at(addi, C::kCLo) += Fp::one();
    w.main[0].at(addi, C::kImm) += Fp::one();
  }), "bus"));
  // Wrong compare results and branch decisions, a JALR that keeps bit 0, a wrong AUIPC.
  const size_t sltu = row_of(t, vm::Op::kSltu), bltu = row_of(t, vm::Op::kBltu), beq_not = row_of(t, vm::Op::kBeq, 1);
  const size_t jalr = row_of(t, vm::Op::kJalr), auipc = row_of(t, vm::Op::kAuipc);
  REQUIRE(sltu != SIZE_MAX && bltu != SIZE_MAX && beq_not != SIZE_MAX && jalr != SIZE_MAX && auipc != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(sltu, C::kCLo) = Fp::zero(); }), "zkvm/cpu-v14"));
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(bltu, C::kTaken) = Fp::zero();
    w.main[0].at(bltu, C::kNextPc) = w.main[0].at(bltu, C::kPc) + Fp::from_u32(4);
  }), "zkvm/cpu-v14"));
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(beq_not, C::kTaken) = Fp::one();
    w.main[0].at(beq_not, C::kNeq) = Fp::zero();
  }), "zkvm/cpu-v14"));
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(jalr, C::kBit0) = Fp::zero();
    w.main[0].at(jalr, C::kNextPc) += Fp::one();
  }), "zkvm/cpu-v14"));
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(auipc, C::kCLo) += Fp::one(); }), "zkvm/cpu-v14"));
  // A wrong XOR byte (rd = x0 so nothing else disagrees): the byte-op lookup fails.
  size_t xor_x0 = SIZE_MAX;
  for (size_t i = 0; i < t.segments[0].cycles.size() && xor_x0 == SIZE_MAX; ++i)
    if (t.segments[0].cycles[i].op == vm::Op::kXor && rd_is_zero(t, i)) xor_x0 = i;
  REQUIRE(xor_x0 != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(xor_x0, C::kC0) += Fp::one();
    w.main[0].at(xor_x0, C::kCLo) += Fp::one();
  }), "bus 104:"));
  // A load that returns another value than memory holds; a misaligned address.
  size_t lw_x0 = SIZE_MAX;
  for (size_t i = 0; i < t.segments[0].cycles.size() && lw_x0 == SIZE_MAX; ++i)
    if (t.segments[0].cycles[i].op == vm::Op::kLw && rd_is_zero(t, i)) lw_x0 = i;
  REQUIRE(lw_x0 != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(lw_x0, C::kCLo) += Fp::one(); }), "bus 102:"));
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(lw_x0, C::kDLo) += Fp::one(); }), "zkvm/cpu-v14"));
  // A sign-extended byte loaded as if it were positive; a store that changes another byte.
  const size_t lb = row_of(t, vm::Op::kLb), sb = row_of(t, vm::Op::kSb);
  REQUIRE(lb != SIZE_MAX && sb != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(lb, C::kLoadSign) = Fp::zero();
    w.main[0].at(lb, C::kLoadRest) += Fp::from_u32(128);
  }), "zkvm/cpu-v14"));
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(sb, C::kN3) += Fp::one(); }), "zkvm/cpu-v14"));
  // A MUL result off by one, with its bytes and carries adjusted to stay consistent locally.
  const size_t mul = row_of(t, vm::Op::kMul);
  REQUIRE(mul != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(mul, C::kC0) += Fp::one();
    w.main[0].at(mul, C::kCLo) += Fp::one();
  }), "zkvm/cpu-v14"));
  // A shift by the wrong amount (bits and pow changed together) or a forged 2^sh byte.
  const size_t slli = row_of(t, vm::Op::kSlli, 1), sll = row_of(t, vm::Op::kSll);
  REQUIRE(slli != SIZE_MAX && sll != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(slli, C::kSh0) = Fp::zero();  // 7 -> 6
    w.main[0].at(slli, C::kPow) = Fp::from_u32(64);
  }), "zkvm/cpu-v14"));
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(sll, C::kB0) += Fp::one(); }), "zkvm/cpu-v14"));
  // SRL: an arithmetic (sign-filling) answer, or low bits that were not shifted out.
  const size_t srli = row_of(t, vm::Op::kSrli, 1);
  REQUIRE(srli != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(srli, C::kC3) += Fp::from_u32(0xf0);  // 0x0fffffff -> 0xffffffff
    w.main[0].at(srli, C::kCHi) += Fp::from_u32(0xf000);
  }), "zkvm/cpu-v14"));
  // MULH: the unsigned high word for negative operands (sign corrections dropped).
  const size_t mulh = row_of(t, vm::Op::kMulh, 1);  // (-1) * (-1)
  REQUIRE(mulh != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(mulh, C::kSignA) = Fp::zero();
    w.main[0].at(mulh, C::kRestA) += Fp::from_u32(32768);
    w.main[0].at(mulh, C::kSignB) = Fp::zero();
    w.main[0].at(mulh, C::kRestB) += Fp::from_u32(32768);
  }), "zkvm/cpu-v14"));
  // DIVU: a quotient one too small with the remainder grown to match (r < b fails); x / 0 != 2^32 - 1.
  const size_t divu = row_of(t, vm::Op::kDivu), divu0 = row_of(t, vm::Op::kDivu, 1);
  REQUIRE(divu != SIZE_MAX && divu0 != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) {
    // 0xffffffff / 55 = 78090314 r 25: claim 78090313 r 80.
    w.main[0].at(divu, C::kH0) -= Fp::one();
    w.main[0].at(divu, C::kCLo) -= Fp::one();
    w.main[0].at(divu, C::kU0) += Fp::from_u32(55);
  }), "zkvm/cpu-v14"));
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(divu0, C::kH0) = Fp::zero();
    w.main[0].at(divu0, C::kCLo) -= Fp::from_u32(255);
  }), "zkvm/cpu-v14"));
  // DIV: the quotient of -100 / 7 not negated (sign fix dropped), and a remainder with b's sign.
  const size_t sdiv = row_of(t, vm::Op::kDiv, 2), srem = row_of(t, vm::Op::kRem, 2);  // -100 / 7, -100 % 7
  REQUIRE(sdiv != SIZE_MAX && srem != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(sdiv, C::kNegOut) = Fp::zero();
    w.main[0].at(sdiv, C::kCLo) = w.main[0].at(sdiv, C::kSrcLo);
    w.main[0].at(sdiv, C::kCHi) = w.main[0].at(sdiv, C::kSrcHi);
  }), "zkvm/cpu-v14"));
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(srem, C::kNegOut) = Fp::zero();
    w.main[0].at(srem, C::kCLo) = w.main[0].at(srem, C::kSrcLo);
    w.main[0].at(srem, C::kCHi) = w.main[0].at(srem, C::kSrcHi);
  }), "zkvm/cpu-v14"));
  // SRA: the logical answer for a negative value (sign flip dropped).
  const size_t srai = row_of(t, vm::Op::kSrai, 1);
  REQUIRE(srai != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(srai, C::kCHi) = w.main[0].at(srai, C::kCHi) - Fp::from_u32(0xe000);  // 0xfffffffe -> 0x1ffffffe
  }), "zkvm/cpu-v14"));
  // Signed compares: the unsigned answer, or a forged sign bit, is refused.
  const size_t slt = row_of(t, vm::Op::kSlt), blt = row_of(t, vm::Op::kBlt);
  REQUIRE(slt != SIZE_MAX && blt != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(slt, C::kLt) = Fp::zero();  // -16 < 55 unsigned would be false
    w.main[0].at(slt, C::kCLo) = Fp::zero();
  }), "zkvm/cpu-v14"));
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(blt, C::kTaken) = Fp::zero();
    w.main[0].at(blt, C::kNextPc) = w.main[0].at(blt, C::kPc) + Fp::from_u32(4);
  }), "zkvm/cpu-v14"));
  // Reading -16 as a positive number (sign 0, rest + 2^15) satisfies every CPU constraint of
  // `slt x0, x17, x2`; only the range check on the rest limb catches it.
  const size_t slt_x0 = row_of(t, vm::Op::kSlt, 2);
  REQUIRE(slt_x0 != SIZE_MAX && rd_is_zero(t, slt_x0));
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(slt_x0, C::kSignA) = Fp::zero();
    w.main[0].at(slt_x0, C::kRestA) += Fp::from_u32(32768);
    w.main[0].at(slt_x0, C::kSignXor) = Fp::zero();
    w.main[0].at(slt_x0, C::kLt) = Fp::zero();
    w.main[0].at(slt_x0, C::kCLo) = Fp::zero();
  }), "bus 100:"));
  // A padding row that claims to execute an instruction.
  CHECK(!forged([&](Witness& w) { w.main[0].at(w.main[0].height - 1, C::kIsAdd) = Fp::one(); }).empty());
  // Dropping the HALT: the last real row must halt.
  CHECK(!forged([&](Witness& w) {
    const size_t last = t.segments[0].cycles.size() - 1;
    w.main[0].at(last, C::kIsHalt) = Fp::zero();
    w.main[0].at(last, C::kIsReal) = Fp::zero();
  }).empty());
}

OP_TEST(unsupported_instructions_are_refused) {
  // The emulator faults on EBREAK and unknown syscall numbers, so such records are doctored.
  const Machine m;
  const auto t = run(m);
  auto refused = [&](auto&& edit, const char* reason) {
    vm::SegmentRecord s = t.segments[0];
    edit(s);
    RangeCounts ranges;
    ByteOpCounts byte_ops;
    try { cpu_trace(s, 0, ranges, byte_ops); } catch (const std::invalid_argument& e) {
      return std::string(e.what()).find(reason) != std::string::npos;
    }
    return false;
  };
  CHECK(refused([](vm::SegmentRecord& s) { s.cycles.back().rs1.value = 7; }, "unknown syscall"));
  CHECK(refused([](vm::SegmentRecord& s) { s.cycles[0].op = vm::Op::kEbreak; }, "not supported"));
}

OP_TEST(stark_proves_the_run_and_rejects_a_forged_one) {
  const Machine m;
  const auto t = run(m);
  const stark::ProvingKey pk = stark::setup(m.airs, fri::TEST_PARAMS, 17);
  auto prove = [&](Witness w, bool check_witness) {
    std::vector<stark::TableWitness> tw;
    for (size_t i = 0; i < w.main.size(); ++i) tw.push_back({std::move(w.main[i]), w.publics[i]});
    return stark::prove(pk, tw, stark::ProverOptions{check_witness});
  };
  const Witness honest = build(m, t);
  CHECK(stark::verify(pk.vk, pk.airs, prove(honest, true), honest.publics).ok);
  // The same proof does not verify under another exit code.
  auto other = honest.publics;
  other[0][CpuAir::kExitLo] += Fp::one();
  CHECK(!stark::verify(pk.vk, pk.airs, prove(honest, true), other).ok);
  Witness bad = build(m, t);
  bad.main[0].at(row_of(t, vm::Op::kAdd), CpuAir::kCLo) += Fp::one();
  CHECK(!stark::verify(pk.vk, pk.airs, prove(bad, false), bad.publics).ok);
}
