// The run-wide memory tables (memory_image.h) and the boundary's cross-segment links
// (memory_boundary.h): an honest two-segment run balances BUS_GLOBAL_MEMORY; each forged trace —
// a cell started twice, a padding row touched, an image cell claimed to start at zero, a zero cell
// listed twice or above 2^30, a segment linking to itself or skipping the segment that last wrote
// a cell — is refused.
#include "air/checker.h"
#include "air/symbolic.h"
#include "chips/memory.h"
#include "chips/memory_boundary.h"
#include "chips/memory_image.h"
#include "common/test.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof;
using namespace oneproof::chips;
using field::Fp;
using field::Matrix;
using vm::testing::Assembler;

namespace {
// Stores to and loads from initialised data in a loop long enough for two 2^16-cycle segments.
std::vector<uint8_t> two_segment_elf() {
  namespace reg = vm::testing::reg;
  Assembler a;
  a.li(1, vm::testing::kDataBase);
  a.li(3, 25000);
  const uint32_t loop = a.here();
  a.lw(2, 1, 0);
  a.addi(2, 2, 3);
  a.sw(2, 1, 0);
  a.addi(3, 3, -1);
  a.bne(3, 0, int32_t(4 * loop) - int32_t(4 * a.here()));
  a.lw(reg::a0, 1, 0);
  a.halt();
  return vm::testing::simple_elf(a.words, 0x1000, {1, 0, 0, 0});
}

struct Run {
  vm::Program program = vm::load_elf(two_segment_elf());
  std::vector<vm::SegmentRecord> segments;
  Run() {
    vm::RunOptions o;
    o.segment_cycles = 1u << 16;
    segments = vm::execute_traced(program, {}, o).segments;
  }
};

struct Tables {
  MemoryAccessAir access;
  MemoryBoundaryAir boundary;
  MemoryImageAir image;
  ZeroMemoryAir zero;
  MemorySinkAir sink;
  Range16Air range;
  air::CompiledAir c_access = air::compile(access), c_boundary = air::compile(boundary), c_image = air::compile(image),
                   c_zero = air::compile(zero), c_sink = air::compile(sink), c_range = air::compile(range);
  Matrix image_pre = image.preprocessed_trace(), range_pre = range.preprocessed_trace();
  explicit Tables(const vm::Program& p) : image(p) {}
};

struct Witness {
  std::vector<Matrix> access, boundary;
  GlobalMemoryTraces global;
  Matrix range;
  std::vector<std::vector<uint32_t>> prev;
};

Witness build(const Tables& t, const std::vector<vm::SegmentRecord>& segs, std::vector<std::vector<uint32_t>> prev = {}) {
  Witness w;
  RangeCounts ranges;
  w.prev = prev.empty() ? previous_segments(segs) : std::move(prev);
  for (size_t k = 0; k < segs.size(); ++k) {
    w.access.push_back(access_trace(segs[k], t.image.layout(), ranges));
    w.boundary.push_back(boundary_trace(segs[k], uint32_t(k + 1), w.prev[k], t.image.layout(), ranges));
  }
  w.global = global_memory_traces(t.image.layout(), segs, ranges, /*strict=*/false);
  w.range = ranges.trace();
  return w;
}

// "" when every constraint holds and every bus balances (all segments and the global tables in one
// check: the private buses of different segments never share a tuple with a nonzero count here,
// since every segment's memory bus balances on its own in an honest run); else the first problem.
std::string check(const Tables& t, const Witness& w) {
  const std::vector<Fp> image_publics = ZeroMemoryAir::publics(t.image.layout());
  std::vector<Fp> segment_publics;
  for (size_t k = 0; k < w.boundary.size(); ++k) segment_publics.push_back(Fp::from_u32(uint32_t(k + 1)));
  std::vector<air::TableTrace> tables;
  auto add = [&](const air::CompiledAir& c, const Matrix& m, const Matrix* pre, std::span<const Fp> pub) -> std::string {
    if (auto v = air::check_constraints(c, m, pre, pub)) return c.name + ": " + v->message;
    tables.push_back({&c, &m, pre, pub});
    return "";
  };
  for (size_t k = 0; k < w.boundary.size(); ++k) {
    if (auto e = add(t.c_access, w.access[k], nullptr, {}); !e.empty()) return e;
    if (auto e = add(t.c_boundary, w.boundary[k], nullptr, std::span<const Fp>(&segment_publics[k], 1)); !e.empty()) return e;
  }
  if (auto e = add(t.c_image, w.global.image, &t.image_pre, {}); !e.empty()) return e;
  if (auto e = add(t.c_zero, w.global.zero, nullptr, image_publics); !e.empty()) return e;
  if (auto e = add(t.c_sink, w.global.sink, nullptr, {}); !e.empty()) return e;
  if (auto e = add(t.c_range, w.range, &t.range_pre, {}); !e.empty()) return e;
  if (auto b = air::check_buses(tables)) return "bus " + std::to_string(b->bus) + ": " + b->message;
  return "";
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }
}  // namespace

OP_TEST(honest_two_segment_run_links) {
  const Run r;
  REQUIRE(r.segments.size() == 2);
  const Tables t(r.program);
  const Witness w = build(t, r.segments);
  CHECK_EQ(check(t, w), std::string());
  for (const auto* c : {&t.c_boundary, &t.c_image, &t.c_zero, &t.c_sink}) CHECK(c->max_degree <= air::MAX_CONSTRAINT_DEGREE);
  // The data word is touched from the image; registers come from the zero table.
  CHECK_EQ(t.image.image().lo, vm::testing::kTextBase / 4);
}

OP_TEST(image_cells_start_once_and_only_real_ones) {
  const Run r;
  const Tables t(r.program);
  Witness w = build(t, r.segments);
  const size_t data_row = vm::testing::kDataBase / 4 - t.image.image().lo;
  REQUIRE(w.global.image.at(data_row, MemoryImageAir::kTouched) == Fp::one());
  w.global.image.at(data_row, MemoryImageAir::kTouched) = Fp::from_u32(2);  // two chains from one initial value
  CHECK(contains(check(t, w), "touched is boolean"));
  Witness v = build(t, r.segments);
  v.global.image.at(v.global.image.height - 1, MemoryImageAir::kTouched) = Fp::one();
  CHECK(contains(check(t, v), "padding rows are never touched"));
}

OP_TEST(an_image_cell_cannot_start_at_zero) {
  // The data word claimed to start at 0 (the run's reads agree) is listed in the zero table.
  Run r;
  const Tables t(r.program);
  const uint32_t data = vm::testing::kDataBase;
  uint32_t first_value = 0;
  for (auto& e : r.segments[0].initial) if (e.addr == data) first_value = e.value, e.value = 0;
  REQUIRE(first_value == 1);
  for (auto& c : r.segments[0].cycles) {
    if (c.mem.addr != data || !c.mem.ts) continue;
    c.mem.prev_value -= 1;  // the first load reads 0; later values are left as they were
    if (c.op == vm::Op::kLw) c.mem.value -= 1;
    break;
  }
  const std::string why = check(t, build(t, r.segments));
  CHECK(contains(why, "memory-zero") && contains(why, "range"));
}

OP_TEST(zero_cells_are_unique_and_in_range) {
  const Run r;
  const Tables t(r.program);
  using C = ZeroMemoryAir;
  Witness w = build(t, r.segments);
  REQUIRE(w.global.zero.at(1, C::kIsReal) == Fp::one());
  // Row 1 repeats row 0's cell: a second chain starting at zero.
  w.global.zero.at(1, C::kAddrLo) = w.global.zero.at(0, C::kAddrLo);
  w.global.zero.at(1, C::kAddrHi) = w.global.zero.at(0, C::kAddrHi);
  CHECK(!check(t, w).empty());
  // An address limb that is not 16 bits (the same field value, so 2^30 <= addr).
  Witness v = build(t, r.segments);
  v.global.zero.at(0, C::kAddrLo) += Fp::from_u32(65536);
  v.global.zero.at(0, C::kAddrHi) -= Fp::one();
  CHECK(!check(t, v).empty());
}

OP_TEST(segments_link_to_the_last_writer) {
  const Run r;
  const Tables t(r.program);
  // Segment 2 claims the data word comes straight from the image (previous segment 0) instead of
  // from segment 1, which wrote it: the token segment 1 left is never consumed.
  auto prev = previous_segments(r.segments);
  size_t cell = SIZE_MAX;
  for (size_t i = 0; i < r.segments[1].initial.size(); ++i)
    if (r.segments[1].initial[i].addr == vm::testing::kDataBase) cell = i;
  REQUIRE(cell != SIZE_MAX);
  REQUIRE(prev[1][cell] == 1);
  prev[1][cell] = 0;
  CHECK(contains(check(t, build(t, r.segments, prev)), "bus 1000"));
  // A segment that names itself (or a later one) as the previous owner: segment - prev - 1 < 0.
  Witness w = build(t, r.segments);
  w.boundary[1].at(cell, MemoryBoundaryAir::kPrevSegment) = Fp::from_u32(2);
  w.boundary[1].at(cell, MemoryBoundaryAir::kSegmentGap) = Fp::zero() - Fp::one();
  CHECK(!check(t, w).empty());
}
