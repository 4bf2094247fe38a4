// The CPU chip's syscalls and its statement (start / end pc, halted, exit code) with the segment's
// other chips (chip_test_harness.h): honest runs that make every syscall, or that do not halt,
// satisfy every table and balance every bus (the global ones through the test stand-ins, so the
// committed bytes are exactly the run's public values) and prove as a STARK; each forged trace
// exploits one missing constraint and is refused.
#include <algorithm>
#include <string>

#include "air/checker.h"
#include "chip_test_harness.h"
#include "common/test.h"
#include "fri/params.h"
#include "oneproof/syscalls.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/verifier.h"
#include "vm/keccak.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof;
using namespace oneproof::chips;
using harness::check;
using harness::PublicValuesStandInAir;
using harness::starts;
using harness::Witness;
using C = CpuAir;

namespace {

struct SyscallRun {
  harness::SegmentMachine m{harness::syscall_program()};
  vm::TracedExecution t = vm::execute_traced(m.program, harness::syscall_input(), {});
  const vm::SegmentRecord& s() const { return t.segments.at(0); }
  Witness build() const { return harness::build(m, s(), t.result.exit_code, t.result.public_values); }
};

// The CPU row of the nth ecall with t0 = number.
size_t ecall_row(const vm::SegmentRecord& s, uint32_t number, size_t nth = 0) {
  for (size_t i = 0; i < s.cycles.size(); ++i)
    if (s.cycles[i].op == vm::Op::kEcall && s.cycles[i].rs1.value == number && nth-- == 0) return i;
  return SIZE_MAX;
}

uint32_t row_ts(size_t row) { return vm::cycle_timestamp(uint32_t(row)); }

// A constraint failure of `table` with this label.
bool fails(const std::string& result, const std::string& table, const std::string& label) {
  return starts(result, (table + ":").c_str()) && result.find("'" + label + "'") != std::string::npos;
}

}  // namespace

OP_TEST(honest_syscall_run_balances_every_bus) {
  const SyscallRun r;
  REQUIRE(r.t.segments.size() == 1);
  CHECK_EQ(r.t.result.exit_code, 3u);
  const std::vector<uint8_t> in = harness::syscall_input();
  std::vector<uint8_t> expected(in.begin() + 1, in.begin() + 8);  // COMMIT 7 bytes from +6 (READ put in[0] at +5)
  for (uint8_t b : {uint8_t(0xe0), in[10], in[11], uint8_t(0xb0)}) expected.push_back(b);  // the word at +0x40
  uint64_t state[25] = {};
  state[0] = 0x12345678;
  state[24] = uint64_t(0x12345678) << 32;
  vm::keccak_f1600(state);
  for (int k = 0; k < 8; ++k) expected.push_back(uint8_t(state[0] >> (8 * k)));
  CHECK(r.t.result.public_values == expected);
  CHECK_EQ(r.t.result.stdout_bytes.size(), size_t(5));

  const Witness w = r.build();
  CHECK_EQ(check(r.m, w), std::string());  // every bus, BUS_PUBLIC_VALUES against the run's public values
  CHECK(w.publics[harness::kIo] == (std::vector<Fp>{Fp::zero(), Fp::from_u32(uint32_t(expected.size()))}));
  for (const auto& c : r.m.compiled) CHECK(c.max_degree <= air::MAX_CONSTRAINT_DEGREE);
  // The committed bytes are exactly the public values: a verifier expecting one byte more, or another
  // byte, finds BUS_PUBLIC_VALUES unbalanced.
  Witness more = r.build();
  more.main[harness::kPublicValues].at(expected.size(), PublicValuesStandInAir::kIndex) = Fp::from_u32(uint32_t(expected.size()));
  more.main[harness::kPublicValues].at(expected.size(), PublicValuesStandInAir::kIsReal) = Fp::one();
  CHECK(starts(check(r.m, more), "bus 1001:"));
  Witness other = r.build();
  other.main[harness::kPublicValues].at(3, PublicValuesStandInAir::kByte) += Fp::one();
  CHECK(starts(check(r.m, other), "bus 1001:"));
}

OP_TEST(segments_that_do_not_halt) {
  // 2 * 40000 loop cycles: the first 2^16-cycle segment ends inside the loop, the second commits
  // and halts.
  namespace reg = vm::testing::reg;
  vm::testing::Assembler a;
  a.li(1, 40000);
  a.addi(1, 1, -1);
  a.bne(1, 0, -4);
  a.li(reg::a0, vm::testing::kDataBase);
  a.li(reg::a1, 4);
  a.syscall(OP_SYS_COMMIT);
  a.li(reg::a0, 9);
  a.halt();
  const harness::SegmentMachine m(vm::load_elf(vm::testing::simple_elf(a.words)));
  vm::RunOptions options;
  options.segment_cycles = vm::kMinSegmentCycles;
  const auto t = vm::execute_traced(m.program, {}, options);
  REQUIRE(t.segments.size() == 2);
  const vm::SegmentRecord &s0 = t.segments[0], &s1 = t.segments[1];
  CHECK(!s0.halted && s1.halted && s1.start_pc == s0.end_pc);

  const Witness w0 = harness::build(m, s0, 5, {});  // an exit code for an unhalted segment is dropped
  CHECK(w0.publics[harness::kCpu] == (std::vector<Fp>{Fp::from_u32(s0.start_pc), Fp::from_u32(s0.end_pc), Fp::zero(), Fp::zero(), Fp::zero()}));
  CHECK_EQ(check(m, w0), std::string());
  const Witness w1 = harness::build(m, s1, t.result.exit_code, t.result.public_values);
  CHECK_EQ(check(m, w1), std::string());

  auto forged = [&](const Witness& honest, auto&& edit) {
    Witness w = honest;
    edit(w);
    return check(m, w);
  };
  const std::string cpu = "zkvm/cpu-v14";
  // The unhalted segment claims to halt, or to end elsewhere, or an exit code.
  CHECK(fails(forged(w0, [](Witness& w) { w.publics[harness::kCpu][C::kHalted] = Fp::one(); }), cpu, "a halted segment ends in HALT"));
  CHECK(fails(forged(w0, [](Witness& w) { w.publics[harness::kCpu][C::kEndPc] += Fp::from_u32(4); }), cpu,
              "the last real row ends at end_pc"));
  CHECK(fails(forged(w0, [](Witness& w) { w.publics[harness::kCpu][C::kExitLo] = Fp::one(); }), cpu, "no exit code without HALT (lo)"));
  CHECK(fails(forged(w0, [](Witness& w) { w.publics[harness::kCpu][C::kExitHi] = Fp::one(); }), cpu, "no exit code without HALT (hi)"));
  CHECK(fails(forged(w0, [](Witness& w) { w.publics[harness::kCpu][C::kHalted] = Fp::from_u32(2); }), cpu, "halted is boolean"));
  // The halted segment claims not to halt (so a later segment could go on), or ends before its HALT.
  CHECK(fails(forged(w1, [](Witness& w) {
    w.publics[harness::kCpu][C::kHalted] = Fp::zero();
    w.publics[harness::kCpu][C::kExitLo] = Fp::zero();
  }), cpu, "a segment that does not halt runs no HALT"));
  CHECK(fails(forged(w1, [&](Witness& w) {
    const size_t last = s1.cycles.size() - 1;
    for (size_t c = 0; c < C::kWidth; ++c) w.main[harness::kCpu].at(last, c) = Fp::zero();
    w.main[harness::kCpu].at(last, C::kPow) = Fp::one();
    w.main[harness::kCpu].at(last, C::kKb0) = Fp::one();
    w.publics[harness::kCpu][C::kEndPc] = Fp::from_u32(s1.cycles[last].pc);
  }), cpu, "a halted segment ends in HALT"));
}

OP_TEST(ecall_selectors_and_register_reads) {
  const SyscallRun r;
  const Witness honest = r.build();
  auto forged = [&](auto&& edit) {
    Witness w = honest;
    edit(w);
    harness::settle_lookups(r.m, w);
    return check(r.m, w);
  };
  const std::string cpu = "zkvm/cpu-v14";
  const size_t read = ecall_row(r.s(), OP_SYS_READ), read0 = ecall_row(r.s(), OP_SYS_READ, 1);
  const size_t write = ecall_row(r.s(), OP_SYS_WRITE), input_len = ecall_row(r.s(), OP_SYS_INPUT_LEN);
  const size_t commit = ecall_row(r.s(), OP_SYS_COMMIT);
  REQUIRE(read != SIZE_MAX && read0 != SIZE_MAX && write != SIZE_MAX && input_len != SIZE_MAX && commit != SIZE_MAX);
  auto cpu_at = [](Witness& w, size_t row, C::Column c) -> Fp& { return w.main[harness::kCpu].at(row, c); };

  // A READ proven under COMMIT's selector (t0 = 1 is not COMMIT's number 3).
  CHECK(fails(forged([&](Witness& w) {
    cpu_at(w, read, C::kIsRead) = Fp::zero();
    cpu_at(w, read, C::kIsCommit) = Fp::one();
  }), cpu, "ecall: t0 is the selected call's number"));
  // t0 = 7 (no such call) under each call's own selector: every selector pins its number.
  for (const uint32_t number : {OP_SYS_HALT, OP_SYS_READ, OP_SYS_INPUT_LEN, OP_SYS_COMMIT, OP_SYS_WRITE, OP_SYS_KECCAK_PERMUTE}) {
    const size_t row = ecall_row(r.s(), number);
    REQUIRE(row != SIZE_MAX);
    CHECK(fails(forged([&](Witness& w) { cpu_at(w, row, C::kALo) = Fp::from_u32(7); }), cpu, "ecall: t0 is the selected call's number"));
  }
  // WRITE: its a1 / a2 reads are requested (a forged length or source is not what a1 / a2 hold).
  CHECK(starts(forged([&](Witness& w) { cpu_at(w, write, C::kDLo) += Fp::one(); }), "bus 102:"));
  CHECK(starts(forged([&](Witness& w) { cpu_at(w, write, C::kCLo) += Fp::one(); }), "bus 102:"));
  // WRITE to fd 3: the fd is loaded from memory, so relabelling the data word makes every other
  // table consistent (initial image, LW, a0), and only the fd check refuses it.
  // fd 1 + 2^16 likewise (its low limb is 1).
  for (const uint32_t fd : {3u, 0x10001u}) {
    Witness w = honest;
    size_t lw = write;
    while (lw > 0 && r.s().cycles[lw].op != vm::Op::kLw) --lw;
    REQUIRE(r.s().cycles[lw].op == vm::Op::kLw);
    harness::rewrite_word(w, (harness::kSyscallBuf + 0x70) >> 2, 0, fd);
    cpu_at(w, lw, C::kCLo) = lo16(fd);
    cpu_at(w, lw, C::kCHi) = hi16(fd);
    harness::rewrite_word(w, 10, row_ts(lw) + vm::kSlotRd, fd);
    cpu_at(w, write, C::kBLo) = lo16(fd);
    cpu_at(w, write, C::kBHi) = hi16(fd);
    harness::settle_lookups(r.m, w);
    CHECK(fails(check(r.m, w), cpu, fd == 3 ? "write: fd is 1 or 2" : "write: fd is 1 or 2 (hi)"));
    CHECK_EQ(harness::bus_problem(r.m, w), std::string());
  }
  // t0 = 1 + 2^16 under READ's selector (the low limb matches READ's number).
  CHECK(fails(forged([&](Witness& w) { cpu_at(w, read, C::kAHi) = Fp::one(); }), cpu, "ecall: t0 < 2^16"));
  // An ecall that skips the next instruction (the pc chain moved along with it).
  CHECK(fails(forged([&](Witness& w) {
    cpu_at(w, write, C::kNextPc) += Fp::from_u32(4);
    cpu_at(w, write + 1, C::kPc) += Fp::from_u32(4);
  }), cpu, "ecall: next pc"));
  // INPUT_LEN's a0 write is requested: a forged length is not what a0 holds afterwards.
  CHECK(starts(forged([&](Witness& w) { cpu_at(w, input_len, C::kCLo) += Fp::one(); }), "bus 102:"));
  // READ / COMMIT length flag: n = 0 claimed nonzero, n = 10 claimed zero (so no call is sent).
  CHECK(fails(forged([&](Witness& w) { cpu_at(w, read0, C::kLenNonzero) = Fp::one(); }), cpu, "n != 0"));
  CHECK(fails(forged([&](Witness& w) { cpu_at(w, read, C::kLenNonzero) = Fp::zero(); }), cpu, "n = 0 (lo)"));
  CHECK(fails(forged([&](Witness& w) { cpu_at(w, read0, C::kCHi) = Fp::one(); }), cpu, "n = 0 (hi)"));  // n = 2^16
  // A call sent from a row that is no READ/COMMIT (row 0, lui x6 with c = 0x20000): the I/O chip
  // would write whatever it likes at that row's timestamp.
  CHECK(fails(forged([&](Witness& w) {
    REQUIRE(r.s().cycles[0].op == vm::Op::kLui);
    cpu_at(w, 0, C::kLenNonzero) = Fp::one();
    cpu_at(w, 0, C::kInvHi) = Fp::from_u32(2).inverse();
  }), cpu, "len_nonzero only for READ/COMMIT"));
  // The call sent to the syscall I/O chip carries the registers the CPU read: another pointer is refused.
  CHECK(starts(forged([&](Witness& w) { cpu_at(w, commit, C::kBLo) += Fp::from_u32(4); }), "bus 102:"));
  // A CPU access handed to a syscall chip (is_syscall on the row of WRITE's a2 read): nobody requests it.
  CHECK(starts(forged([&](Witness& w) {
    using A = MemoryAccessAir;
    const size_t row = harness::find_row(w, harness::kAccess, {A::kAddr, A::kTs, A::kIsReal}, {12, row_ts(write) + vm::kSlotMem, 1});
    REQUIRE(row != SIZE_MAX);
    w.main[harness::kAccess].at(row, A::kIsSyscall) = Fp::one();
  }), "bus 102:"));
  CHECK(fails(forged([&](Witness& w) { cpu_at(w, read, C::kLenNonzero) = Fp::from_u32(2); }), cpu, "len_nonzero is boolean"));
  CHECK(fails(forged([&](Witness& w) { w.main[harness::kAccess].at(0, MemoryAccessAir::kIsSyscall) = Fp::from_u32(2); }),
              "zkvm/memory-access-bound-v3", "is_syscall is boolean"));
  // A padding access row flagged as a syscall's.
  CHECK(fails(forged([&](Witness& w) {
    field::Matrix& acc = w.main[harness::kAccess];
    acc.at(acc.height - 1, MemoryAccessAir::kIsSyscall) = Fp::one();
  }), "zkvm/memory-access-bound-v3", "only real rows serve a syscall chip"));
}

OP_TEST(keccak_calls_are_bound_to_the_keccak_chip) {
  const SyscallRun r;
  const Witness honest = r.build();
  auto forged = [&](auto&& edit) {
    Witness w = honest;
    edit(w);
    harness::settle_lookups(r.m, w);
    return check(r.m, w);
  };
  const size_t keccak = ecall_row(r.s(), OP_SYS_KECCAK_PERMUTE);
  REQUIRE(keccak != SIZE_MAX);
  const uint32_t state = (harness::kSyscallBuf + 0x100) >> 2, ts = row_ts(keccak) + vm::kSlotMem;
  // A state word that is not the permutation's output (word 2, not committed afterwards, so memory
  // and the boundary are consistent with it): the keccak chip sends the true output.
  CHECK(starts(forged([&](Witness& w) { harness::rewrite_word(w, state + 2, ts, 0xdeadbeef); }), "bus 106:"));
  // The permutation left out of the keccak table (its rows padding): the CPU's call and the 50 word
  // accesses go unanswered.
  CHECK(starts(forged([&](Witness& w) {
    for (size_t row = 0; row < keccak::kRounds; ++row) w.main[harness::kKeccak].at(row, keccak::Cols::kReal) = Fp::zero();
  }), "bus 106:"));
  // The CPU's call at another pointer than a0 held (with the permutation's pointer moved along).
  CHECK(starts(forged([&](Witness& w) { w.main[harness::kCpu].at(keccak, C::kBLo) += Fp::from_u32(4); }), "bus 102:"));
}

OP_TEST(stark_proves_a_syscall_segment) {
  const SyscallRun r;
  const stark::ProvingKey pk = stark::setup(r.m.airs, fri::TEST_PARAMS, 17);
  auto prove = [&](const Witness& w, bool check_witness) {
    std::vector<stark::TableWitness> tw;
    for (size_t i = 0; i < w.main.size(); ++i) tw.push_back({w.main[i], w.publics[i]});
    return stark::prove(pk, tw, stark::ProverOptions{check_witness});
  };
  const Witness honest = r.build();
  const stark::StarkProof proof = prove(honest, true);
  CHECK(stark::verify(pk.vk, pk.airs, proof, honest.publics).ok);
  // The same proof under another commit range or a halted flag flipped.
  auto other = honest.publics;
  other[harness::kIo][SyscallIoAir::kCommitEnd] += Fp::one();
  CHECK(!stark::verify(pk.vk, pk.airs, proof, other).ok);
  other = honest.publics;
  other[harness::kCpu][C::kHalted] = Fp::zero();
  CHECK(!stark::verify(pk.vk, pk.airs, proof, other).ok);
  // A forged committed byte (I/O row and stand-in agree, memory does not).
  Witness bad = r.build();
  const size_t row = harness::find_row(bad, harness::kIo, {SyscallIoAir::kIsCommit, SyscallIoAir::kK3}, {1, 1});
  REQUIRE(row != SIZE_MAX);
  bad.main[harness::kIo].at(row, SyscallIoAir::kM3) += Fp::one();
  CHECK(!stark::verify(pk.vk, pk.airs, prove(bad, false), bad.publics).ok);
}
