// Tracing mode: the records reproduce the run (pc chain, decoded operands, values), every access
// is consistent for offline memory checking (the multiset of produced (addr, value, ts) equals the
// multiset consumed, with ts strictly increasing per address) and consecutive segments chain.
#include <algorithm>
#include <map>
#include <tuple>

#include "common/test.h"
#include "oneproof/syscalls.h"
#include "vm/elf.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof::vm;
using namespace oneproof::vm::testing;

namespace {
// ~40k iterations of a loop with loads, stores, mul, a branch; then READ, KECCAK and COMMIT.
std::vector<uint32_t> busy_program(uint32_t iterations) {
  Assembler a;
  a.li(1, kDataBase);
  a.li(2, iterations);
  a.li(3, 0);
  const uint32_t loop = a.here();
  a.lw(4, 1, 0);
  a.add(4, 4, 2);
  a.mul(6, 4, 4);
  a.sw(6, 1, 0);
  a.sb(2, 1, 7);
  a.add(3, 3, 3);
  a.addi(2, 2, -1);
  a.bne(2, 0, int32_t(4 * loop) - int32_t(4 * a.here()));
  a.li(reg::a0, kDataBase + 64);
  a.li(reg::a1, 6);
  a.syscall(OP_SYS_READ);
  a.li(reg::a0, kDataBase + 64);
  a.syscall(OP_SYS_KECCAK_PERMUTE);
  a.li(reg::a0, kDataBase + 62);
  a.li(reg::a1, 9);
  a.syscall(OP_SYS_COMMIT);
  a.li(reg::a0, 0);
  a.halt();
  return a.words;
}

using Tuple = std::tuple<uint32_t, uint32_t, uint32_t>;  // (addr, value, ts)

void collect(const Access& a, std::vector<Tuple>& produced, std::vector<Tuple>& consumed) {
  produced.emplace_back(a.addr, a.value, a.ts);
  consumed.emplace_back(a.addr, a.prev_value, a.prev_ts);
}

// Offline memory checking of one segment: true when produced and consumed multisets agree and
// every access moves time forward.
bool memory_consistent(const SegmentRecord& s) {
  std::vector<Tuple> produced, consumed;
  for (const BoundaryEntry& e : s.initial) produced.emplace_back(e.addr, e.value, 0);
  for (const BoundaryEntry& e : s.final) consumed.emplace_back(e.addr, e.value, e.ts);
  bool forward = true;
  auto visit = [&](const Access& a) {
    forward = forward && a.prev_ts < a.ts;
    collect(a, produced, consumed);
  };
  for (const CycleRecord& c : s.cycles) {
    if (c.flags & kHasRs1) visit(c.rs1);
    if (c.flags & kHasRs2) visit(c.rs2);
    if (c.flags & kHasMem) visit(c.mem);
    if (c.flags & kHasRd) visit(c.rd);
  }
  for (const SyscallEvent& e : s.syscalls)
    for (const Access& a : e.accesses) visit(a);
  std::sort(produced.begin(), produced.end());
  std::sort(consumed.begin(), consumed.end());
  return forward && produced == consumed;
}

TracedExecution traced_busy_run() {
  const std::vector<uint8_t> input = {1, 2, 3, 4, 5, 6};
  RunOptions opts;
  opts.segment_cycles = 1u << 16;
  return execute_traced(load_elf(simple_elf(busy_program(40000))), input, opts);
}
}  // namespace

OP_TEST(traced_run_matches_plain_run) {
  const std::vector<uint8_t> input = {1, 2, 3, 4, 5, 6};
  const auto plain = execute(load_elf(simple_elf(busy_program(40000))), input);
  const auto traced = traced_busy_run();
  CHECK_EQ(traced.result.cycles, plain.cycles);
  CHECK(traced.result.public_values == plain.public_values);
  CHECK(traced.result.registers == plain.registers);
  REQUIRE(traced.segments.size() == (plain.cycles + (1u << 16) - 1) >> 16);
  uint64_t total = 0;
  for (const auto& s : traced.segments) total += s.cycles.size();
  CHECK_EQ(total, plain.cycles);
  CHECK(traced.segments.back().halted);
  CHECK_EQ(traced.segments.back().syscalls.size(), 4u);  // READ, KECCAK, COMMIT, HALT
}

OP_TEST(records_follow_the_program) {
  const auto t = traced_busy_run();
  uint32_t expected_pc = kTextBase;
  bool ok = true;
  for (const SegmentRecord& s : t.segments) {
    CHECK_EQ(s.start_pc, expected_pc);
    for (size_t i = 0; i < s.cycles.size(); ++i) {
      const CycleRecord& c = s.cycles[i];
      const Decoded d = decode(c.insn);
      ok = ok && c.pc == expected_pc && d.op == c.op;
      const uint32_t ts = cycle_timestamp(uint32_t(i));
      if (c.flags & kHasRs1) ok = ok && c.rs1.ts == ts + kSlotRs1 && c.rs1.value == c.rs1.prev_value;
      if (c.flags & kHasRs2) ok = ok && c.rs2.ts == ts + kSlotRs2 && c.rs2.value == c.rs2.prev_value;
      if (c.flags & kHasMem) ok = ok && c.mem.ts == ts + kSlotMem && c.mem.addr % 4 == 0;
      if (c.flags & kHasRd) ok = ok && c.rd.ts == ts + kSlotRd && c.rd.addr != 0 && c.rd.is_write;
      if (c.flags & kHasRs1) ok = ok && !c.rs1.is_write;
      if (c.flags & kHasRs2) ok = ok && !c.rs2.is_write;
      if (c.flags & kHasMem) ok = ok && c.mem.is_write == (traits(c.op).family == Family::kStore);
      if (traits(c.op).format == Format::kR) {
        ok = ok && c.rs1.addr == d.rs1 && c.rs2.addr == d.rs2 && bool(c.flags & kHasRd) == (d.rd != 0);
      }
      if (c.op == Op::kAdd && (c.flags & kHasRd)) ok = ok && c.rd.value == c.rs1.value + c.rs2.value;
      if (c.op == Op::kMul && (c.flags & kHasRd)) ok = ok && c.rd.value == c.rs1.value * c.rs2.value;
      if (c.op == Op::kLw) ok = ok && c.rd.value == c.mem.value && c.mem.addr == c.rs1.value + uint32_t(d.imm);
      if (c.op == Op::kSb) ok = ok && (c.mem.value & 0xff000000u) == (c.rs2.value << 24) &&
                                 (c.mem.value & 0x00ffffffu) == (c.mem.prev_value & 0x00ffffffu);
      if (c.op == Op::kBne) ok = ok && (c.next_pc == c.pc + 4) == (c.rs1.value == c.rs2.value);
      expected_pc = c.next_pc;
    }
    if (!s.halted) CHECK_EQ(s.end_pc, expected_pc);
  }
  CHECK(ok);
  // The keccak call reads and writes each of its 50 words exactly once.
  const SyscallEvent& keccak = t.segments.back().syscalls[1];
  CHECK_EQ(keccak.number, uint32_t(OP_SYS_KECCAK_PERMUTE));
  size_t memory_words = 0;
  for (const Access& a : keccak.accesses) memory_words += a.addr >= 32;
  CHECK_EQ(memory_words, 50u);
}

OP_TEST(offline_memory_checking_balances) {
  auto t = traced_busy_run();
  for (const SegmentRecord& s : t.segments) CHECK(memory_consistent(s));
  // The check can fail: a forged read value, a forged timestamp or a dropped final entry unbalance it.
  SegmentRecord forged = t.segments[1];
  forged.cycles[100].rs1.prev_value ^= 1;
  forged.cycles[100].rs1.value ^= 1;
  CHECK(!memory_consistent(forged));
  forged = t.segments[1];
  forged.cycles[200].rd.prev_ts = forged.cycles[200].rd.ts;
  CHECK(!memory_consistent(forged));
  forged = t.segments.back();
  forged.final.pop_back();
  CHECK(!memory_consistent(forged));
  forged = t.segments.back();
  forged.syscalls[1].accesses[5].value ^= 0x100;
  CHECK(!memory_consistent(forged));
}

OP_TEST(segments_chain) {
  const auto t = traced_busy_run();
  std::map<uint32_t, uint32_t> latest;  // addr -> value after the previous segments
  for (const SegmentRecord& s : t.segments) {
    for (const BoundaryEntry& e : s.initial) {
      auto it = latest.find(e.addr);
      if (it != latest.end()) CHECK_EQ(e.value, it->second);
      else if (e.addr < 32) CHECK_EQ(e.value, 0u);  // registers start at zero
    }
    for (size_t i = 1; i < s.initial.size(); ++i) CHECK(s.initial[i - 1].addr < s.initial[i].addr);  // distinct
    for (const BoundaryEntry& e : s.final) latest[e.addr] = e.value;
  }
  for (size_t i = 1; i < t.segments.size(); ++i) {
    CHECK_EQ(t.segments[i].start_pc, t.segments[i - 1].end_pc);
    CHECK_EQ(t.segments[i].start_cycle, t.segments[i - 1].start_cycle + t.segments[i - 1].cycles.size());
  }
}

OP_TEST(segment_size_is_validated) {
  const Program p = load_elf(simple_elf(busy_program(1)));
  for (uint32_t bad : {0u, 1u << 15, 1u << 23, (1u << 16) + 1}) {
    RunOptions opts;
    opts.segment_cycles = bad;
    bool threw = false;
    try { execute_traced(p, {}, opts); } catch (const std::invalid_argument&) { threw = true; }
    CHECK(threw);
  }
}
