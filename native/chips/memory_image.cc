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

MemoryImage memory_image(const vm::Program& program) {
  uint64_t lo = UINT64_MAX, hi = 0;
  for (const vm::Segment& s : program.segments) {
    if (s.data.empty()) continue;
    lo = std::min<uint64_t>(lo, s.vaddr / 4);
    hi = std::max<uint64_t>(hi, (uint64_t(s.vaddr) + s.data.size() + 3) / 4);
  }
  MemoryImage img;
  if (lo == UINT64_MAX) return img;  // nothing loaded from the file: every cell starts at zero
  if (hi - lo > kMaxImageWords) throw std::invalid_argument("memory image: the ELF's loaded bytes span more than 2^22 words");
  if (lo < 32) throw std::invalid_argument("memory image: loaded bytes overlap the register cells");
  img.lo = uint32_t(lo);
  img.words.assign(size_t(hi - lo), 0);
  for (const vm::Segment& s : program.segments)
    for (size_t i = 0; i < s.data.size(); ++i) {
      const uint64_t addr = uint64_t(s.vaddr) + i;
      img.words[size_t(addr / 4 - lo)] |= uint32_t(s.data[i]) << (8 * (addr % 4));
    }
  return img;
}

field::Matrix MemoryImageAir::preprocessed_trace() const {
  field::Matrix m(kPreWidth, padded(image_.words.size()));
  for (size_t r = 0; r < image_.words.size(); ++r) {
    m.at(r, kAddr) = Fp::from_u32(image_.lo + uint32_t(r));
    m.at(r, kLo) = lo16(image_.words[r]);
    m.at(r, kHi) = hi16(image_.words[r]);
    m.at(r, kIsReal) = Fp::one();
  }
  return m;
}

void MemoryImageAir::eval(air::AirBuilder& b) const {
  const Expr touched = b.local(kTouched);
  b.assert_bool(touched, "touched is boolean (a cell starts once)");
  b.assert_zero(touched * (1 - b.pre_local(kIsReal)), "padding rows are never touched");
  b.send(BUS_GLOBAL_MEMORY, {b.pre_local(kAddr), b.pre_local(kLo), b.pre_local(kHi), b.constant(0u)}, touched,
         "initial value from the ELF");
}

void ZeroMemoryAir::eval(air::AirBuilder& b) const {
  const Expr addr_lo = b.local(kAddrLo), addr_hi = b.local(kAddrHi), addr = addr_lo + addr_hi * 65536;
  const Expr is_real = b.local(kIsReal), has_next = b.local(kHasNext), above = b.local(kAbove);
  const Expr gap_lo = b.local(kGapLo), gap_hi = b.local(kGapHi);
  const Expr dist = b.local(kDistLo) + b.local(kDistHi) * 65536;
  b.assert_bool(is_real, "is_real is boolean");
  b.assert_bool(has_next, "has_next is boolean");
  b.assert_bool(above, "above is boolean");
  b.when_transition().assert_zero(b.next(kIsReal) * (1 - is_real), "real rows are a prefix");
  b.when_transition().assert_eq(has_next, b.next(kIsReal), "has_next = next is_real");
  b.when_last_row().assert_zero(has_next, "last row has no successor");
  const Expr next_addr = b.next(kAddrLo) + b.next(kAddrHi) * 65536;
  b.when(has_next).assert_eq(next_addr - addr - 1, gap_lo + gap_hi * 65536, "addresses increase");
  // Outside the image: below it (image_lo - 1 - addr = dist) or above it (addr - image_hi = dist),
  // dist in [0, 2^30).
  b.when(is_real).when(1 - above).assert_eq(b.public_value(kImageLo) - 1 - addr, dist, "cell below the image");
  b.when(is_real).when(above).assert_eq(addr - b.public_value(kImageHi), dist, "cell above the image");
  b.send(BUS_GLOBAL_MEMORY, {addr, b.constant(0u), b.constant(0u), b.constant(0u)}, is_real, "a cell outside the image starts at 0");
  range_checked_word_index(b, addr_lo, addr_hi, is_real, "address");
  range_checked_word_index(b, b.local(kDistLo), b.local(kDistHi), is_real, "distance to the image");
  range_checked_word_index(b, gap_lo, gap_hi, has_next, "address gap");
}

void MemorySinkAir::eval(air::AirBuilder& b) const {
  const Expr is_real = b.local(kIsReal);
  b.assert_bool(is_real, "is_real is boolean");
  b.receive(BUS_GLOBAL_MEMORY, {b.local(kAddr), b.local(kLo), b.local(kHi), b.local(kSegment)}, is_real,
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

GlobalMemoryTraces global_memory_traces(const MemoryImage& image, const std::vector<vm::SegmentRecord>& segments,
                                        RangeCounts& ranges, bool strict) {
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
    const bool above = a >= image.hi();
    const uint32_t dist = (above ? a - image.hi() : image.lo - 1 - a) & (kMaxWordIndex - 1);  // forged: junk
    r[C::kAbove] = Fp::from_u32(above ? 1 : 0);
    r[C::kDistLo] = Fp::from_u32(dist & 0xffff);
    r[C::kDistHi] = Fp::from_u32(dist >> 16);
    add_word_index_ranges(ranges, a);
    add_word_index_ranges(ranges, dist);
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
  }
  return t;
}

}  // namespace oneproof::chips
