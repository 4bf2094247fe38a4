#include "chips/memory_image.h"

#include <algorithm>
#include <bit>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "chips/buses.h"

namespace oneproof::chips {
namespace {
using air::Expr;
constexpr uint32_t kMaxImageWords = 1u << 22;
constexpr uint32_t kMaxWordIndex = 1u << 30;

size_t padded(size_t rows) { return std::max<size_t>(4, std::bit_ceil(std::max<size_t>(rows, 1))); }

// addr = lo + 2^16 hi < 2^30, as range checks on (lo, hi, 4 hi).
void range_checked_word_index(air::AirBuilder& b, const Expr& lo, const Expr& hi, const Expr& when, const char* what) {
  b.send(BUS_RANGE16, {lo}, when, std::string(what) + " lo limb");
  b.send(BUS_RANGE16, {hi}, when, std::string(what) + " hi limb");
  b.send(BUS_RANGE16, {hi * 4}, when, std::string(what) + " < 2^30");
}
void add_word_index_ranges(RangeCounts& ranges, uint32_t v) {
  ranges.add(v & 0xffff);
  ranges.add(v >> 16);
  ranges.add((v >> 16) * 4);
}
}  // namespace

MemoryLayout memory_layout(const vm::Program& program) {
  MemoryLayout layout;
  uint64_t rw_lo = UINT64_MAX, rw_hi = 0;
  for (const vm::Segment& s : program.segments) {
    if (!s.writable || s.mem_size == 0) continue;
    rw_lo = std::min<uint64_t>(rw_lo, s.vaddr / 4);
    rw_hi = std::max<uint64_t>(rw_hi, (uint64_t(s.vaddr) + s.mem_size + 3) / 4);
  }
  if (rw_lo != UINT64_MAX) {
    if (rw_hi > kMaxWordIndex) throw std::invalid_argument("memory layout: writable memory above 2^32 bytes / 2^30 words");
    layout.rw_lo = uint32_t(rw_lo);
    layout.rw_hi = uint32_t(rw_hi);
  }
  uint64_t lo = UINT64_MAX, hi = 0;
  for (const vm::Segment& s : program.segments) {
    if (s.data.empty()) continue;
    lo = std::min<uint64_t>(lo, s.vaddr / 4);
    hi = std::max<uint64_t>(hi, (uint64_t(s.vaddr) + s.data.size() + 3) / 4);
  }
  MemoryImage& img = layout.image;
  if (lo == UINT64_MAX) return layout;  // nothing loaded from the file: every cell starts at zero
  if (hi - lo > kMaxImageWords) throw std::invalid_argument("memory image: the ELF's loaded bytes span more than 2^22 words");
  if (lo < 32) throw std::invalid_argument("memory image: loaded bytes overlap the register cells");
  img.lo = uint32_t(lo);
  img.words.assign(size_t(hi - lo), 0);
  img.writable.assign(size_t(hi - lo), 0);
  for (const vm::Segment& s : program.segments) {
    for (size_t i = 0; i < s.data.size(); ++i) {
      const uint64_t addr = uint64_t(s.vaddr) + i;
      img.words[size_t(addr / 4 - lo)] |= uint32_t(s.data[i]) << (8 * (addr % 4));
    }
    if (!s.writable) continue;
    // A word is writable when it lies in a writable segment (segments do not share words: the
    // loader keeps them on separate pages).
    for (uint64_t w = s.vaddr / 4; w < (uint64_t(s.vaddr) + s.mem_size + 3) / 4; ++w)
      if (w >= lo && w < hi) img.writable[size_t(w - lo)] = 1;
  }
  return layout;
}

std::array<std::pair<uint32_t, uint32_t>, 3> MemoryLayout::zero_ranges() const {
  // The writable span minus the image: the part below it and the part above it (either may be
  // empty, start == end).
  const uint32_t below_end = image.words.empty() ? rw_hi : std::clamp(image.lo, rw_lo, std::max(rw_lo, rw_hi));
  const uint32_t above_start = image.words.empty() ? rw_hi : std::clamp(image.hi(), rw_lo, std::max(rw_lo, rw_hi));
  return {{{0u, 32u}, {rw_lo, below_end}, {above_start, rw_hi}}};
}

std::vector<Fp> ZeroMemoryAir::publics(const MemoryLayout& layout) {
  std::vector<Fp> p;
  for (const auto& [start, end] : layout.zero_ranges()) {
    p.push_back(Fp::from_u32(start));
    p.push_back(Fp::from_u32(end));
  }
  return p;
}

field::Matrix MemoryImageAir::preprocessed_trace() const {
  const MemoryImage& image = layout_.image;
  field::Matrix m(kPreWidth, padded(image.words.size()));
  for (size_t r = 0; r < image.words.size(); ++r) {
    m.at(r, kAddr) = Fp::from_u32(image.lo + uint32_t(r));
    m.at(r, kLo) = lo16(image.words[r]);
    m.at(r, kHi) = hi16(image.words[r]);
    m.at(r, kIsReal) = Fp::one();
    m.at(r, kWritable) = Fp::from_u32(image.writable[r]);
  }
  return m;
}

void MemoryImageAir::eval(air::AirBuilder& b) const {
  const Expr touched = b.local(kTouched);
  b.assert_bool(touched, "touched is boolean (a cell starts once)");
  b.assert_zero(touched * (1 - b.pre_local(kIsReal)), "padding rows are never touched");
  b.send(BUS_GLOBAL_MEMORY, {b.pre_local(kAddr), b.pre_local(kLo), b.pre_local(kHi), b.constant(0u), b.pre_local(kWritable)},
         touched, "initial value and permission from the ELF");
}

void ZeroMemoryAir::eval(air::AirBuilder& b) const {
  const Expr addr_lo = b.local(kAddrLo), addr_hi = b.local(kAddrHi), addr = addr_lo + addr_hi * 65536;
  const Expr is_real = b.local(kIsReal), has_next = b.local(kHasNext);
  const Expr gap_lo = b.local(kGapLo), gap_hi = b.local(kGapHi);
  b.assert_bool(is_real, "is_real is boolean");
  b.assert_bool(has_next, "has_next is boolean");
  b.when_transition().assert_zero(b.next(kIsReal) * (1 - is_real), "real rows are a prefix");
  b.when_transition().assert_eq(has_next, b.next(kIsReal), "has_next = next is_real");
  b.when_last_row().assert_zero(has_next, "last row has no successor");
  const Expr next_addr = b.next(kAddrLo) + b.next(kAddrHi) * 65536;
  b.when(has_next).assert_eq(next_addr - addr - 1, gap_lo + gap_hi * 65536, "addresses increase");
  // The cell lies in the range its one-hot flag names: start <= addr < end, both distances < 2^30.
  const Expr in[] = {b.local(kIn0), b.local(kIn1), b.local(kIn2)};
  Expr start = b.constant(0u), end = b.constant(0u);
  for (size_t k = 0; k < 3; ++k) {
    b.assert_bool(in[k], "range flag is boolean");
    start = start + in[k] * b.public_value(kStart0 + 2 * k);
    end = end + in[k] * b.public_value(kEnd0 + 2 * k);
  }
  b.assert_eq(in[0] + in[1] + in[2], is_real, "a real cell lies in exactly one zero range");
  b.when(is_real).assert_eq(addr - start, b.local(kFromLo) + b.local(kFromHi) * 65536, "cell at or after its range's start");
  b.when(is_real).assert_eq(end - 1 - addr, b.local(kToLo) + b.local(kToHi) * 65536, "cell before its range's end");
  b.send(BUS_GLOBAL_MEMORY, {addr, b.constant(0u), b.constant(0u), b.constant(0u), b.constant(1u)}, is_real,
         "a cell outside the image starts at 0, writable");
  range_checked_word_index(b, addr_lo, addr_hi, is_real, "address");
  range_checked_word_index(b, b.local(kFromLo), b.local(kFromHi), is_real, "distance from the range start");
  range_checked_word_index(b, b.local(kToLo), b.local(kToHi), is_real, "distance to the range end");
  range_checked_word_index(b, gap_lo, gap_hi, has_next, "address gap");
}

void MemorySinkAir::eval(air::AirBuilder& b) const {
  const Expr is_real = b.local(kIsReal);
  b.assert_bool(is_real, "is_real is boolean");
  b.receive(BUS_GLOBAL_MEMORY, {b.local(kAddr), b.local(kLo), b.local(kHi), b.local(kSegment), b.local(kWritable)}, is_real,
            "the value a cell's last segment left");
}

std::vector<std::vector<uint32_t>> previous_segments(const std::vector<vm::SegmentRecord>& segments) {
  std::unordered_map<uint32_t, uint32_t> last;  // word index -> segment number
  std::vector<std::vector<uint32_t>> prev(segments.size());
  for (size_t k = 0; k < segments.size(); ++k) {
    for (const vm::BoundaryEntry& e : segments[k].initial) {
      auto it = last.find(word_index(e.addr));
      prev[k].push_back(it == last.end() ? 0 : it->second);
    }
    for (const vm::BoundaryEntry& e : segments[k].initial) last[word_index(e.addr)] = uint32_t(k + 1);
  }
  return prev;
}

GlobalMemoryTraces global_memory_traces(const MemoryLayout& layout, const std::vector<vm::SegmentRecord>& segments,
                                        RangeCounts& ranges, bool strict) {
  const MemoryImage& image = layout.image;
  const auto zero_ranges = layout.zero_ranges();
  struct Cell { uint32_t initial; uint32_t final; uint32_t segment; };
  std::map<uint32_t, Cell> cells;  // word index -> first initial value, latest final value and owner
  for (size_t k = 0; k < segments.size(); ++k) {
    const vm::SegmentRecord& s = segments[k];
    if (s.initial.size() != s.final.size()) throw std::invalid_argument("global memory: initial and final images differ in size");
    for (size_t i = 0; i < s.initial.size(); ++i) {
      const uint32_t a = word_index(s.initial[i].addr);
      if (a >= kMaxWordIndex) throw std::invalid_argument("global memory: address out of range");
      auto [it, fresh] = cells.try_emplace(a, Cell{s.initial[i].value, 0, 0});
      if (strict && !fresh && it->second.final != s.initial[i].value)
        throw std::invalid_argument("global memory: a segment starts from a value the previous one did not leave");
      it->second.final = s.final[i].value;
      it->second.segment = uint32_t(k + 1);
    }
  }
  GlobalMemoryTraces t{field::Matrix(MemoryImageAir::kWidth, padded(image.words.size())), {}, {}};
  std::vector<std::pair<uint32_t, Cell>> zero;
  for (const auto& [a, c] : cells) {
    const bool in_image = a >= image.lo && a < image.hi();
    if (in_image && (c.initial == image.words[a - image.lo] || strict)) {
      if (c.initial != image.words[a - image.lo]) throw std::invalid_argument("global memory: a cell does not start from the ELF image");
      t.image.at(a - image.lo, MemoryImageAir::kTouched) = Fp::one();
    } else {
      if (strict && c.initial != 0) throw std::invalid_argument("global memory: a cell outside the image does not start at zero");
      zero.push_back({a, c});
    }
  }
  t.zero = field::Matrix(ZeroMemoryAir::kWidth, padded(zero.size()));
  for (size_t i = 0; i < zero.size(); ++i) {
    using C = ZeroMemoryAir;
    const uint32_t a = zero[i].first;
    Fp* r = t.zero.row(i);
    r[C::kAddrLo] = Fp::from_u32(a & 0xffff);
    r[C::kAddrHi] = Fp::from_u32(a >> 16);
    r[C::kIsReal] = Fp::one();
    size_t k = 0;
    while (k < 3 && !(a >= zero_ranges[k].first && a < zero_ranges[k].second)) ++k;
    if (k == 3) {
      if (strict) throw std::invalid_argument("global memory: a cell outside the image and outside mapped writable memory");
      k = 2;  // forged: claimed to lie in the last range (the distances below are then junk)
    }
    r[C::kIn0 + k] = Fp::one();
    const uint32_t from = (a - zero_ranges[k].first) & (kMaxWordIndex - 1), to = (zero_ranges[k].second - 1 - a) & (kMaxWordIndex - 1);
    r[C::kFromLo] = Fp::from_u32(from & 0xffff);
    r[C::kFromHi] = Fp::from_u32(from >> 16);
    r[C::kToLo] = Fp::from_u32(to & 0xffff);
    r[C::kToHi] = Fp::from_u32(to >> 16);
    add_word_index_ranges(ranges, a);
    add_word_index_ranges(ranges, from);
    add_word_index_ranges(ranges, to);
    if (i + 1 < zero.size()) {
      const uint32_t gap = zero[i + 1].first - a - 1;
      r[C::kHasNext] = Fp::one();
      r[C::kGapLo] = Fp::from_u32(gap & 0xffff);
      r[C::kGapHi] = Fp::from_u32(gap >> 16);
      add_word_index_ranges(ranges, gap);
    }
  }
  t.sink = field::Matrix(MemorySinkAir::kWidth, padded(cells.size()));
  size_t row = 0;
  for (const auto& [a, c] : cells) {
    using C = MemorySinkAir;
    Fp* r = t.sink.row(row++);
    r[C::kAddr] = Fp::from_u32(a);
    r[C::kLo] = lo16(c.final);
    r[C::kHi] = hi16(c.final);
    r[C::kSegment] = Fp::from_u32(c.segment);
    r[C::kIsReal] = Fp::one();
    r[C::kWritable] = Fp::from_u32(layout.writable(a) ? 1 : 0);
  }
  return t;
}

}  // namespace oneproof::chips
