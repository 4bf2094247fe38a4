// The byte-range lookup example (range_lookup.h).
#include "air/examples/range_lookup.h"

namespace oneproof::air::examples {

field::Matrix ByteRangeAir::preprocessed_trace() const {
  field::Matrix m(1, 256);
  for (uint32_t i = 0; i < 256; ++i) m.at(i, 0) = Fp::from_u32(i);
  return m;
}

void ByteRangeAir::eval(AirBuilder& b) const { b.receive(BUS_BYTE, {b.pre_local(0)}, b.local(0), "byte table"); }

void U16UserAir::eval(AirBuilder& b) const {
  Expr v = b.local(0), lo = b.local(1), hi = b.local(2);
  b.assert_eq(v, lo + hi * 256, "v = lo + 256 hi");
  b.send(BUS_BYTE, {lo}, 1, "lo is a byte");
  b.send(BUS_BYTE, {hi}, 1, "hi is a byte");
}

RangeLookupTraces range_lookup_traces(unsigned log_rows, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const size_t n = size_t(1) << log_rows;
  RangeLookupTraces t{field::Matrix(1, 256), field::Matrix(3, n)};
  std::vector<uint32_t> counts(256, 0);
  for (size_t r = 0; r < n; ++r) {
    const uint32_t v = uint32_t(rng() & 0xffff), lo = v & 0xff, hi = v >> 8;
    t.user.at(r, 0) = Fp::from_u32(v);
    t.user.at(r, 1) = Fp::from_u32(lo);
    t.user.at(r, 2) = Fp::from_u32(hi);
    ++counts[lo];
    ++counts[hi];
  }
  for (size_t i = 0; i < 256; ++i) t.bytes.at(i, 0) = Fp::from_u32(counts[i]);
  return t;
}

}  // namespace oneproof::air::examples
