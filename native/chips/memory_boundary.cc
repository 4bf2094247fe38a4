#include "chips/memory_boundary.h"

#include <bit>
#include <stdexcept>

#include "chips/buses.h"

namespace oneproof::chips {
namespace {
using air::Expr;
constexpr uint32_t kMaxWordIndex = 1u << 30;
constexpr uint32_t kMaxSegments = 1u << 16;  // segment - prev_segment - 1 is range-checked to 16 bits
}  // namespace

void MemoryBoundaryAir::eval(air::AirBuilder& b) const {
  const Expr addr_lo = b.local(kAddrLo), addr_hi = b.local(kAddrHi);
  const Expr addr = addr_lo + addr_hi * 65536;
  const Expr is_real = b.local(kIsReal), has_next = b.local(kHasNext);
  const Expr gap_lo = b.local(kGapLo), gap_hi = b.local(kGapHi);
  const Expr init_lo = b.local(kInitLo), init_hi = b.local(kInitHi);
  const Expr final_lo = b.local(kFinalLo), final_hi = b.local(kFinalHi), final_ts = b.local(kFinalTs);
  const Expr segment = b.public_value(kSegment), prev_segment = b.local(kPrevSegment);
  b.assert_bool(is_real, "is_real is boolean");
  b.assert_bool(has_next, "has_next is boolean");
  // Real rows form a prefix, and has_next says whether the next row is real.
  b.when_transition().assert_zero(b.next(kIsReal) * (1 - is_real), "real rows are a prefix");
  b.when_transition().assert_eq(has_next, b.next(kIsReal), "has_next = next is_real");
  b.when_last_row().assert_zero(has_next, "last row has no successor");
  // Strictly increasing addresses: next - addr - 1 = gap_lo + 2^16 gap_hi, gap < 2^30.
  const Expr next_addr = b.next(kAddrLo) + b.next(kAddrHi) * 65536;
  b.when(has_next).assert_eq(next_addr - addr - 1, gap_lo + gap_hi * 65536, "addresses increase");
  // The cell's previous owner is an earlier segment: segment - prev - 1 in [0, 2^16).
  b.when(is_real).assert_eq(segment - prev_segment - 1, b.local(kSegmentGap), "previous segment is earlier");

  const Expr w = b.local(kWritable);
  b.send(BUS_MEMORY, {addr, init_lo, init_hi, b.constant(0u), w}, is_real, "initial state");
  b.receive(BUS_MEMORY, {addr, final_lo, final_hi, final_ts, w}, is_real, "final state");
  b.receive(BUS_GLOBAL_MEMORY, {addr, init_lo, init_hi, prev_segment, w}, is_real, "value the cell was left with");
  b.send(BUS_GLOBAL_MEMORY, {addr, final_lo, final_hi, segment, w}, is_real, "value this segment leaves");

  b.send(BUS_RANGE16, {addr_lo}, is_real, "address lo limb");
  b.send(BUS_RANGE16, {addr_hi}, is_real, "address hi limb");
  b.send(BUS_RANGE16, {addr_hi * 4}, is_real, "address < 2^30 (with the hi limb < 2^16)");
  b.send(BUS_RANGE16, {init_lo}, is_real, "initial lo limb");
  b.send(BUS_RANGE16, {init_hi}, is_real, "initial hi limb");
  b.send(BUS_RANGE16, {b.local(kSegmentGap)}, is_real, "segment gap");
  b.send(BUS_RANGE16, {gap_lo}, has_next, "address gap lo");
  b.send(BUS_RANGE16, {gap_hi}, has_next, "address gap hi");
  b.send(BUS_RANGE16, {gap_hi * 4}, has_next, "address gap < 2^30");
}

field::Matrix boundary_trace(const vm::SegmentRecord& s, uint32_t segment_number, const std::vector<uint32_t>& prev_segment,
                             const MemoryLayout& layout, RangeCounts& ranges) {
  using C = MemoryBoundaryAir;
  if (s.initial.size() != s.final.size()) throw std::invalid_argument("boundary_trace: initial and final images differ in size");
  if (prev_segment.size() != s.initial.size()) throw std::invalid_argument("boundary_trace: one previous segment per cell expected");
  if (segment_number == 0 || segment_number >= kMaxSegments) throw std::invalid_argument("boundary_trace: segment number out of range");
  field::Matrix t(C::kWidth, std::max<size_t>(4, std::bit_ceil(std::max<size_t>(s.initial.size(), 1))));
  for (size_t i = 0; i < s.initial.size(); ++i) {
    const vm::BoundaryEntry &init = s.initial[i], &fin = s.final[i];
    if (init.addr != fin.addr) throw std::invalid_argument("boundary_trace: initial and final images list different cells");
    if (prev_segment[i] >= segment_number) throw std::invalid_argument("boundary_trace: previous segment is not earlier");
    const uint32_t a = word_index(init.addr);
    if (a >= kMaxWordIndex) throw std::invalid_argument("boundary_trace: address out of range");
    Fp* r = t.row(i);
    r[C::kAddrLo] = Fp::from_u32(a & 0xffff);
    r[C::kAddrHi] = Fp::from_u32(a >> 16);
    r[C::kInitLo] = lo16(init.value);
    r[C::kInitHi] = hi16(init.value);
    r[C::kFinalLo] = lo16(fin.value);
    r[C::kFinalHi] = hi16(fin.value);
    r[C::kFinalTs] = Fp::from_u32(fin.ts);
    r[C::kIsReal] = Fp::one();
    r[C::kPrevSegment] = Fp::from_u32(prev_segment[i]);
    const uint32_t seg_gap = segment_number - prev_segment[i] - 1;
    r[C::kSegmentGap] = Fp::from_u32(seg_gap);
    r[C::kWritable] = Fp::from_u32(layout.writable(a) ? 1 : 0);
    ranges.add(a & 0xffff);
    ranges.add(a >> 16);
    ranges.add((a >> 16) * 4);
    ranges.add(init.value & 0xffff);
    ranges.add(init.value >> 16);
    ranges.add(seg_gap);
    if (i + 1 < s.initial.size()) {
      const uint32_t next = word_index(s.initial[i + 1].addr);
      if (next <= a) throw std::invalid_argument("boundary_trace: boundary addresses are not increasing");
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
