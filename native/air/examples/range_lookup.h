// Example of a cross-table LogUp lookup: 16-bit range checks through a byte table.
//
// ByteRangeAir (256 rows): preprocessed column `byte` = 0..255, main column `count`;
//   receives (byte) on BUS_BYTE with multiplicity `count`.
// U16UserAir (any height): columns v, lo, hi; constraint v = lo + 256 * hi; sends (lo) and (hi) on
//   BUS_BYTE with multiplicity 1 each. So every v is proven to be < 2^16.
#pragma once
#include <random>
#include <string>
#include <vector>
#include "air/air.h"

namespace oneproof::air::examples {

inline constexpr uint32_t BUS_BYTE = 1;

class ByteRangeAir : public Air {
 public:
  std::string name() const override { return "example/byte-range"; }
  size_t width() const override { return 1; }
  size_t preprocessed_width() const override { return 1; }
  field::Matrix preprocessed_trace() const override;
  void eval(AirBuilder& b) const override;
};

class U16UserAir : public Air {
 public:
  std::string name() const override { return "example/u16-user"; }
  size_t width() const override { return 3; }
  void eval(AirBuilder& b) const override;
};

struct RangeLookupTraces {
  field::Matrix bytes;  // ByteRangeAir main trace (the counts)
  field::Matrix user;   // U16UserAir trace
};
// 2^log_rows random 16-bit values and the matching byte counts.
RangeLookupTraces range_lookup_traces(unsigned log_rows, uint64_t seed);

}  // namespace oneproof::air::examples
