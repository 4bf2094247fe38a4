// Offline memory checking chips on real execution records: an honest segment satisfies every
// constraint and balances every bus (and proves and verifies as a STARK); each forged trace —
// a wrong read, a non-increasing timestamp, a cell initialised twice, non-inert padding,
// out-of-range limbs, a forged final value — is rejected.
#include <algorithm>

#include "air/checker.h"
#include "air/symbolic.h"
#include "chips/memory.h"
#include "chips/memory_image.h"
#include "chips/range16.h"
#include "common/test.h"
#include "fri/params.h"
#include "oneproof/syscalls.h"
#include "stark/keys.h"
#include "stark/prover.h"
#include "stark/verifier.h"
#include "vm/elf.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof;
using namespace oneproof::chips;
using vm::testing::Assembler;
using field::Matrix;

namespace {
// Loads, stores (all widths), rs1 == rs2, x0 writes, a READ and a KECCAK_PERMUTE.
std::vector<uint8_t> sample_elf() {
  namespace reg = vm::testing::reg;
  Assembler a;
  a.li(1, vm::testing::kDataBase);
  a.li(2, 0x12345678);
  a.sw(2, 1, 0);
  a.sb(2, 1, 5);
  a.sh(2, 1, 10);
  a.lw(3, 1, 0);
  a.lb(4, 1, 5);
  a.add(5, 3, 3);
  a.addi(0, 5, 1);
  a.add(7, 0, 5);  // reads x0
  for (int i = 0; i < 20; ++i) a.addi(6, 6, i);
  a.li(reg::a0, vm::testing::kDataBase + 300);
  a.li(reg::a1, 3);
  a.syscall(OP_SYS_READ);
  a.li(reg::a0, vm::testing::kDataBase + 512);
  a.syscall(OP_SYS_KECCAK_PERMUTE);
  a.li(reg::a0, 0);
  a.halt();
  return vm::testing::simple_elf(a.words);
}

vm::SegmentRecord sample_segment() {
  const std::vector<uint8_t> input = {7, 8, 9};
  auto t = vm::execute_traced(vm::load_elf(sample_elf()), input, {});
  return std::move(t.segments.at(0));
}

struct Tables {
  Range16Air range;
  MemoryAccessAir access;
  MemoryBoundaryAir boundary;
  air::CompiledAir c_range = air::compile(range), c_access = air::compile(access), c_boundary = air::compile(boundary);
  Matrix range_pre = range.preprocessed_trace();
};

struct Witness {
  Matrix range, access, boundary;
};

Witness build(const vm::SegmentRecord& s) {
  RangeCounts counts;
  MemoryTraces m = memory_traces(s, memory_layout(vm::load_elf(sample_elf())), counts);
  return {counts.trace(), std::move(m.access), std::move(m.boundary)};
}

// "" when every constraint holds and every bus balances; otherwise the first problem.
std::string check(const Tables& t, const Witness& w) {
  if (auto v = air::check_constraints(t.c_access, w.access, nullptr, {})) return "access: " + v->message;
  const Fp segment[] = {Fp::one()};
  if (auto v = air::check_constraints(t.c_boundary, w.boundary, nullptr, segment)) return "boundary: " + v->message;
  if (auto v = air::check_constraints(t.c_range, w.range, &t.range_pre, {})) return "range: " + v->message;
  const air::TableTrace tables[] = {{&t.c_range, &w.range, &t.range_pre, {}},
                                    {&t.c_access, &w.access, nullptr, {}},
                                    {&t.c_boundary, &w.boundary, nullptr, segment}};
  if (auto b = air::check_buses(tables, /*local_only=*/true)) return "bus " + std::to_string(b->bus) + ": " + b->message;
  return "";
}

size_t real_rows(const Matrix& m, size_t is_real_col) {
  size_t n = 0;
  for (size_t r = 0; r < m.height; ++r) n += m.at(r, is_real_col) == Fp::one();
  return n;
}

// Index of the first load cycle (its mem access is a read).
size_t first_load(const vm::SegmentRecord& s) {
  for (size_t i = 0; i < s.cycles.size(); ++i)
    if (vm::traits(s.cycles[i].op).family == vm::Family::kLoad) return i;
  return SIZE_MAX;
}
}  // namespace

OP_TEST(honest_segment_balances) {
  const Tables t;
  const auto s = sample_segment();
  const Witness w = build(s);
  CHECK_EQ(check(t, w), std::string());
  CHECK(real_rows(w.access, MemoryAccessAir::kIsReal) > s.cycles.size());  // registers + memory + syscalls
  CHECK_EQ(real_rows(w.boundary, MemoryBoundaryAir::kIsReal), s.initial.size());
  CHECK(t.c_access.max_degree <= air::MAX_CONSTRAINT_DEGREE);
  CHECK(t.c_boundary.max_degree <= air::MAX_CONSTRAINT_DEGREE);
}

OP_TEST(forged_read_value_is_rejected) {
  const Tables t;
  auto s = sample_segment();
  const size_t i = first_load(s);
  REQUIRE(i != SIZE_MAX);
  s.cycles[i].mem.prev_value ^= 0x10;  // the load "reads" a value never written there
  s.cycles[i].mem.value ^= 0x10;
  CHECK(check(t, build(s)).find("bus 101") == 0);
  auto r = sample_segment();
  r.cycles[3].rs1.prev_value += 1;  // a register read that disagrees with the last write
  r.cycles[3].rs1.value += 1;
  CHECK(check(t, build(r)).find("bus 101") == 0);
}

OP_TEST(non_increasing_timestamp_is_rejected) {
  const Tables t;
  Witness w = build(sample_segment());
  using C = MemoryAccessAir;
  // Claim an access happened at its predecessor's time: ts - prev_ts - 1 = -1 = p - 1 needs a gap
  // limb >= 2^8, which the range table refuses.
  Fp* row = w.access.row(5);
  row[C::kTs] = row[C::kPrevTs];
  const uint32_t p_minus_1 = field::P - 1;
  row[C::kDiffLo] = Fp::from_u32(p_minus_1 & 0xffff);
  row[C::kDiffHi] = Fp::from_u32(p_minus_1 >> 16);
  CHECK(check(t, w).find("bus") == 0);
  // Leaving the gap columns alone breaks the decomposition constraint instead.
  Witness v = build(sample_segment());
  v.access.at(5, C::kTs) = v.access.at(5, C::kPrevTs);
  CHECK(check(t, v).find("access: ") == 0);
}

OP_TEST(cell_initialised_twice_is_rejected) {
  const Tables t;
  Witness w = build(sample_segment());
  using C = MemoryBoundaryAir;
  // Row 1 repeats row 0's address (the gap would be -1): the address-order check fails.
  w.boundary.at(1, C::kAddrLo) = w.boundary.at(0, C::kAddrLo);
  w.boundary.at(1, C::kAddrHi) = w.boundary.at(0, C::kAddrHi);
  const std::string why = check(t, w);
  CHECK(!why.empty());
}

OP_TEST(padding_rows_are_inert) {
  const Tables t;
  using C = MemoryAccessAir;
  Witness w = build(sample_segment());
  const size_t pad = w.access.height - 1;
  REQUIRE(w.access.at(pad, C::kIsReal) == Fp::zero());
  // A padding row may hold any junk while is_real = 0 ...
  w.access.at(pad, C::kAddr) = Fp::from_u32(77);
  w.access.at(pad, C::kTs) = Fp::from_u32(3);
  CHECK_EQ(check(t, w), std::string());
  // ... but is_real must be boolean, and a real row switched off leaves the bus unbalanced.
  w.access.at(pad, C::kIsReal) = Fp::from_u32(2);
  CHECK(check(t, w).find("access: ") == 0);
  Witness v = build(sample_segment());
  v.access.at(0, C::kIsReal) = Fp::zero();
  CHECK(check(t, v).find("bus") == 0);
  // Boundary: real rows must come first.
  Witness b = build(sample_segment());
  const size_t last_real = real_rows(b.boundary, MemoryBoundaryAir::kIsReal) - 1;
  b.boundary.at(last_real, MemoryBoundaryAir::kIsReal) = Fp::zero();
  b.boundary.at(last_real - 1, MemoryBoundaryAir::kHasNext) = Fp::zero();
  b.boundary.at(last_real + 1, MemoryBoundaryAir::kIsReal) = Fp::one();
  CHECK(check(t, b).find("boundary: ") == 0);
}

OP_TEST(non_canonical_limbs_are_rejected) {
  const Tables t;
  using C = MemoryAccessAir;
  Witness w = build(sample_segment());
  // lo = 2^16, hi - 1: the same field value lo + 2^16 hi, but lo is not a 16-bit limb.
  Fp* row = w.access.row(2);
  row[C::kLo] = row[C::kLo] + Fp::from_u32(65536);
  row[C::kHi] = row[C::kHi] - Fp::one();
  CHECK(!check(t, w).empty());
}

OP_TEST(forged_final_value_is_rejected) {
  const Tables t;
  auto s = sample_segment();
  s.final[3].value ^= 1;
  CHECK(check(t, build(s)).find("bus 101") == 0);
  auto u = sample_segment();
  u.initial[2].value ^= 1;  // an initial image that disagrees with the first read
  u.final[2].value = u.final[2].value;
  CHECK(!check(t, build(u)).empty());
}

OP_TEST(stark_proves_and_rejects_forged_memory) {
  // The segment's tables with the run's global memory tables (one proof, so the shared buses
  // balance inside it): BUS_GLOBAL_MEMORY ties the boundary to the image, zero and sink tables.
  const Tables t;
  const vm::Program program = vm::load_elf(sample_elf());
  MemoryImageAir image(program);
  ZeroMemoryAir zero;
  MemorySinkAir sink;
  const air::Air* airs[] = {&t.range, &t.access, &t.boundary, &image, &zero, &sink};
  const stark::ProvingKey pk = stark::setup(airs, fri::TEST_PARAMS, 17);
  const std::vector<std::vector<Fp>> publics = {{}, {}, {Fp::one()}, {}, ZeroMemoryAir::publics(image.layout()), {}};
  auto prove = [&](const vm::SegmentRecord& s, bool check_witness) {
    RangeCounts ranges;
    Matrix access = access_trace(s, image.layout(), ranges);
    Matrix boundary = boundary_trace(s, 1, std::vector<uint32_t>(s.initial.size(), 0), image.layout(), ranges);
    GlobalMemoryTraces g = global_memory_traces(image.layout(), {s}, ranges, check_witness);
    std::vector<stark::TableWitness> tw = {{ranges.trace(), {}}, {std::move(access), {}}, {std::move(boundary), publics[2]},
                                           {std::move(g.image), {}}, {std::move(g.zero), publics[4]}, {std::move(g.sink), {}}};
    return stark::prove(pk, tw, stark::ProverOptions{check_witness});
  };
  CHECK(stark::verify(pk.vk, pk.airs, prove(sample_segment(), true), publics).ok);
  auto s = sample_segment();
  const size_t i = first_load(s);
  s.cycles[i].mem.prev_value ^= 0x10;
  s.cycles[i].mem.value ^= 0x10;
  CHECK(!stark::verify(pk.vk, pk.airs, prove(s, false), publics).ok);
  // x0 forged to start at 5 (every access of it agreeing): the zero table only produces zeros.
  auto x = sample_segment();
  REQUIRE(x.initial.front().addr == 0);
  x.initial.front().value = x.final.front().value = 5;
  for (auto& c : x.cycles)
    for (vm::Access* a : {&c.rs1, &c.rs2})
      if (a->addr == 0 && a->ts) a->value = a->prev_value = 5;
  const auto v = stark::verify(pk.vk, pk.airs, prove(x, false), publics);
  CHECK(!v.ok);
  CHECK(v.error.find("balance") != std::string::npos);
}
