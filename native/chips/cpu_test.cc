// The CPU chip slice (ADD, SUB, ADDI, LUI, JAL, BNE, HALT) with the program ROM, registers in
// memory (bound memory-access chip + boundary) and the range table: an honest run satisfies all
// constraints, balances all buses and proves; each forged trace is rejected.
#include "air/checker.h"
#include "air/symbolic.h"
#include "chips/cpu.h"
#include "chips/memory.h"
#include "chips/program.h"
#include "chips/range16.h"
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
// then HALT(sum).
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
  a.addi(vm::testing::reg::a0, 2, 0);
  a.li(vm::testing::reg::t0, 0);
  a.ecall();
  return vm::load_elf(vm::testing::simple_elf(a.words));
}

struct Machine {
  vm::Program program = sample_program();
  ProgramAir rom{program};
  CpuAir cpu;
  MemoryAccessAir access{true};
  MemoryBoundaryAir boundary;
  Range16Air range;
  std::vector<const air::Air*> airs{&cpu, &rom, &access, &boundary, &range};
  std::vector<air::CompiledAir> compiled;
  std::vector<Matrix> pre;
  Machine() {
    for (const air::Air* a : airs) {
      compiled.push_back(air::compile(*a));
      pre.push_back(a->preprocessed_trace());
    }
  }
};

struct Witness {
  std::vector<Matrix> main;               // in Machine::airs order
  std::vector<std::vector<Fp>> publics;   // likewise
};

Witness build(const Machine& m, const vm::TracedExecution& t) {
  const vm::SegmentRecord& s = t.segments.at(0);
  RangeCounts ranges;
  CpuTrace cpu = cpu_trace(s, t.result.exit_code, ranges);
  MemoryTraces mem = memory_traces(s, ranges);
  Witness w;
  w.main = {std::move(cpu.main), m.rom.multiplicities(s), std::move(mem.access), std::move(mem.boundary), ranges.trace()};
  w.publics = {cpu.publics, {}, {}, {}, {}};
  return w;
}

vm::TracedExecution run(const Machine& m) { return vm::execute_traced(m.program, {}, {}); }

std::string check(const Machine& m, const Witness& w) {
  std::vector<air::TableTrace> tables;
  for (size_t i = 0; i < m.airs.size(); ++i) {
    const Matrix* pre = m.pre[i].height ? &m.pre[i] : nullptr;
    if (auto v = air::check_constraints(m.compiled[i], w.main[i], pre, w.publics[i])) return m.compiled[i].name + ": " + v->message;
    tables.push_back({&m.compiled[i], &w.main[i], pre, w.publics[i]});
  }
  if (auto b = air::check_buses(tables)) return "bus " + std::to_string(b->bus) + ": " + b->message;
  return "";
}

// The CPU row of the first cycle executing `op`.
size_t row_of(const vm::TracedExecution& t, vm::Op op, size_t nth = 0) {
  const auto& cycles = t.segments[0].cycles;
  for (size_t i = 0; i < cycles.size(); ++i)
    if (cycles[i].op == op && nth-- == 0) return i;
  return SIZE_MAX;
}
bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
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
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(add, C::kCLo) += Fp::one(); }), "zkvm/cpu-v0"));
  // A wrong register read, with the sum adjusted to match: the access chip disagrees.
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(add, C::kALo) += Fp::one();
    w.main[0].at(add, C::kCLo) += Fp::one();
  }), "bus 102"));
  // The first pc and the exit code are public values.
  CHECK(starts(forged([&](Witness& w) { w.publics[0][C::kStartPc] += Fp::from_u32(4); }), "zkvm/cpu-v0"));
  CHECK(starts(forged([&](Witness& w) { w.publics[0][C::kExitLo] += Fp::one(); }), "zkvm/cpu-v0"));
  // Skipping an instruction breaks the pc chain.
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(add, C::kNextPc) += Fp::from_u32(4); }), "zkvm/cpu-v0"));
  // A branch "taken" although its operands are equal (the loop's last BNE).
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(bne_last, C::kTaken) = Fp::one();
    w.main[0].at(bne_last, C::kInvLo) = Fp::one();
  }), "zkvm/cpu-v0"));
  // Claiming a write to x0.
  size_t x0_write = SIZE_MAX;  // `addi x0, x2, 1`
  for (size_t i = 0; i < t.segments[0].cycles.size() && x0_write == SIZE_MAX; ++i)
    if (t.segments[0].cycles[i].op == vm::Op::kAddi && rd_is_zero(t, i)) x0_write = i;
  REQUIRE(x0_write != SIZE_MAX);
  CHECK(starts(forged([&](Witness& w) { w.main[0].at(x0_write, C::kRdNonzero) = Fp::one(); }), "zkvm/cpu-v0"));
  // A different immediate than the ROM's (with b and the sum adjusted; rd = x0 so nothing is
  // written): only the fetch disagrees.
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(x0_write, C::kImmLo) += Fp::one();
    w.main[0].at(x0_write, C::kBLo) += Fp::one();
    w.main[0].at(x0_write, C::kCLo) += Fp::one();
    w.main[0].at(x0_write, C::kImm) += Fp::one();
  }), "bus 103"));
  // Another register's ADDI with the same forgery also changes the written value.
  CHECK(starts(forged([&](Witness& w) {
    w.main[0].at(addi, C::kImmLo) += Fp::one();
    w.main[0].at(addi, C::kBLo) += Fp::one();
    w.main[0].at(addi, C::kCLo) += Fp::one();
    w.main[0].at(addi, C::kImm) += Fp::one();
  }), "bus"));
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
  Assembler a;
  a.li(1, 6);
  a.mul(2, 1, 1);
  a.li(vm::testing::reg::a0, 0);
  a.halt();
  const auto t = vm::execute_traced(vm::load_elf(vm::testing::simple_elf(a.words)), {}, {});
  RangeCounts ranges;
  bool threw = false;
  try { cpu_trace(t.segments[0], 0, ranges); } catch (const std::invalid_argument& e) {
    threw = std::string(e.what()).find("'mul' is not supported") != std::string::npos;
  }
  CHECK(threw);
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
