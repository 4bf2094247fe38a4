#include "chips/memory.h"

#include <bit>
#include <stdexcept>

namespace oneproof::chips {
namespace {
using air::Expr;

size_t padded_height(size_t rows) { return std::max<size_t>(4, std::bit_ceil(std::max<size_t>(rows, 1))); }

template <class F>
void for_each_access(const vm::SegmentRecord& s, F&& f) {
  for (const vm::CycleRecord& c : s.cycles) {
    if (c.flags & vm::kHasRs1) f(c.rs1);
    if (c.flags & vm::kHasRs2) f(c.rs2);
    if (c.flags & vm::kHasMem) f(c.mem);
    if (c.flags & vm::kHasRd) f(c.rd);
  }
  for (const vm::SyscallEvent& e : s.syscalls)
    for (const vm::Access& a : e.accesses) f(a);
}
}  // namespace

void MemoryAccessAir::eval(air::AirBuilder& b) const {
  const Expr addr = b.local(kAddr), prev_lo = b.local(kPrevLo), prev_hi = b.local(kPrevHi), prev_ts = b.local(kPrevTs);
  const Expr lo = b.local(kLo), hi = b.local(kHi), ts = b.local(kTs);
  const Expr diff_lo = b.local(kDiffLo), diff_hi = b.local(kDiffHi), is_real = b.local(kIsReal);
  b.assert_bool(is_real, "is_real is boolean");
  if (bound_) {
    const Expr is_write = b.local(kIsWrite);
    b.assert_bool(is_write, "is_write is boolean");
    b.when(is_real).when(1 - is_write).assert_eq(lo, prev_lo, "a read keeps the value (lo)");
    b.when(is_real).when(1 - is_write).assert_eq(hi, prev_hi, "a read keeps the value (hi)");
    b.receive(BUS_ACCESS, {addr, ts, lo, hi, is_write}, is_real, "the access a chip requested");
  }
  // ts > prev_ts: ts - prev_ts - 1 = diff_lo + 2^16 diff_hi with diff_lo < 2^16, diff_hi < 2^8.
  b.when(is_real).assert_eq(ts - prev_ts - 1, diff_lo + diff_hi * 65536, "timestamp increases");
  b.receive(BUS_MEMORY, {addr, prev_lo, prev_hi, prev_ts}, is_real, "consume previous state");
  b.send(BUS_MEMORY, {addr, lo, hi, ts}, is_real, "produce new state");
  b.send(BUS_RANGE16, {lo}, is_real, "value lo limb");
  b.send(BUS_RANGE16, {hi}, is_real, "value hi limb");
  b.send(BUS_RANGE16, {diff_lo}, is_real, "ts gap lo");
  b.send(BUS_RANGE16, {diff_hi}, is_real, "ts gap hi");
  b.send(BUS_RANGE16, {diff_hi * 256}, is_real, "ts gap hi < 2^8");
}

void MemoryBoundaryAir::eval(air::AirBuilder& b) const {
  const Expr addr = b.local(kAddr), is_real = b.local(kIsReal), has_next = b.local(kHasNext);
  const Expr gap_lo = b.local(kGapLo), gap_hi = b.local(kGapHi);
  b.assert_bool(is_real, "is_real is boolean");
  b.assert_bool(has_next, "has_next is boolean");
  // Real rows form a prefix, and has_next says whether the next row is real.
  b.when_transition().assert_zero(b.next(kIsReal) * (1 - is_real), "real rows are a prefix");
  b.when_transition().assert_eq(has_next, b.next(kIsReal), "has_next = next is_real");
  b.when_last_row().assert_zero(has_next, "last row has no successor");
  // Strictly increasing addresses: next - addr - 1 = gap_lo + 2^16 gap_hi, gap < 2^30.
  b.when(has_next).assert_eq(b.next(kAddr) - addr - 1, gap_lo + gap_hi * 65536, "addresses increase");
  // x0 is zero: is_x0 = [addr == 0] (addr * addr_inv = 1 - is_x0, addr * is_x0 = 0).
  const Expr is_x0 = b.local(kIsX0);
  b.assert_bool(is_x0, "is_x0 is boolean");
  b.assert_zero(addr * is_x0, "is_x0 => addr = 0");
  b.assert_eq(addr * b.local(kAddrInv), 1 - is_x0, "addr = 0 => is_x0");
  b.when(is_x0).assert_zero(b.local(kInitLo), "x0 starts at 0 (lo)");
  b.when(is_x0).assert_zero(b.local(kInitHi), "x0 starts at 0 (hi)");
  b.send(BUS_MEMORY, {addr, b.local(kInitLo), b.local(kInitHi), b.constant(0u)}, is_real, "initial state");
  b.receive(BUS_MEMORY, {addr, b.local(kFinalLo), b.local(kFinalHi), b.local(kFinalTs)}, is_real, "final state");
  b.send(BUS_RANGE16, {b.local(kInitLo)}, is_real, "initial lo limb");
  b.send(BUS_RANGE16, {b.local(kInitHi)}, is_real, "initial hi limb");
  b.send(BUS_RANGE16, {gap_lo}, has_next, "address gap lo");
  b.send(BUS_RANGE16, {gap_hi}, has_next, "address gap hi");
  b.send(BUS_RANGE16, {gap_hi * 4}, has_next, "address gap hi < 2^14");
}

MemoryTraces memory_traces(const vm::SegmentRecord& s, RangeCounts& ranges) {
  size_t accesses = 0;
  for_each_access(s, [&](const vm::Access&) { ++accesses; });
  MemoryTraces t{field::Matrix(MemoryAccessAir::kWidth, padded_height(accesses)),
                 field::Matrix(MemoryBoundaryAir::kWidth, padded_height(s.initial.size()))};

  size_t row = 0;
  for_each_access(s, [&](const vm::Access& a) {
    using C = MemoryAccessAir;
    if (a.ts <= a.prev_ts) throw std::invalid_argument("memory_traces: access timestamps do not increase");
    const uint32_t diff = a.ts - a.prev_ts - 1;
    if (diff >= (1u << 24)) throw std::invalid_argument("memory_traces: timestamp gap exceeds 2^24");
    Fp* r = t.access.row(row++);
    r[C::kAddr] = Fp::from_u32(word_index(a.addr));
    r[C::kPrevLo] = lo16(a.prev_value);
    r[C::kPrevHi] = hi16(a.prev_value);
    r[C::kPrevTs] = Fp::from_u32(a.prev_ts);
    r[C::kLo] = lo16(a.value);
    r[C::kHi] = hi16(a.value);
    r[C::kTs] = Fp::from_u32(a.ts);
    r[C::kDiffLo] = Fp::from_u32(diff & 0xffff);
    r[C::kDiffHi] = Fp::from_u32(diff >> 16);
    r[C::kIsReal] = Fp::one();
    r[C::kIsWrite] = Fp::from_u32(a.is_write ? 1 : 0);
    ranges.add(a.value & 0xffff);
    ranges.add(a.value >> 16);
    ranges.add(diff & 0xffff);
    ranges.add(diff >> 16);
    ranges.add((diff >> 16) * 256);
  });

  for (size_t r = s.initial.size(); r < t.boundary.height; ++r) t.boundary.at(r, MemoryBoundaryAir::kIsX0) = Fp::one();  // addr 0
  if (s.initial.size() != s.final.size()) throw std::invalid_argument("memory_traces: initial and final images differ in size");
  for (size_t i = 0; i < s.initial.size(); ++i) {
    using C = MemoryBoundaryAir;
    const vm::BoundaryEntry &init = s.initial[i], &fin = s.final[i];
    if (init.addr != fin.addr) throw std::invalid_argument("memory_traces: initial and final images list different cells");
    Fp* r = t.boundary.row(i);
    r[C::kAddr] = Fp::from_u32(word_index(init.addr));
    r[C::kInitLo] = lo16(init.value);
    r[C::kInitHi] = hi16(init.value);
    r[C::kFinalLo] = lo16(fin.value);
    r[C::kFinalHi] = hi16(fin.value);
    r[C::kFinalTs] = Fp::from_u32(fin.ts);
    r[C::kIsReal] = Fp::one();
    if (init.addr == 0) r[C::kIsX0] = Fp::one();
    else r[C::kAddrInv] = Fp::from_u32(word_index(init.addr)).inverse();
    ranges.add(init.value & 0xffff);
    ranges.add(init.value >> 16);
    if (i + 1 < s.initial.size()) {
      const uint32_t a = word_index(init.addr), next = word_index(s.initial[i + 1].addr);
      if (next <= a) throw std::invalid_argument("memory_traces: boundary addresses are not increasing");
      const uint32_t gap = next - a - 1;
      r[C::kHasNext] = Fp::one();
      r[C::kGapLo] = Fp::from_u32(gap & 0xffff);
      r[C::kGapHi] = Fp::from_u32(gap >> 16);
      ranges.add(gap & 0xffff);
      ranges.add(gap >> 16);
      ranges.add((gap >> 16) * 4);
    }
  }
  return t;
}

}  // namespace oneproof::chips
