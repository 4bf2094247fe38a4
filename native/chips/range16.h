// Range16: the preprocessed table 0..2^16-1. Every chip proves a value is 16-bit by sending (v) on
// BUS_RANGE16; this table receives each value with the multiplicity it was sent.
#pragma once
#include <vector>

#include "air/air.h"
#include "chips/buses.h"

namespace oneproof::chips {

class Range16Air : public air::Air {
 public:
  static constexpr size_t kRows = 1u << 16;
  std::string name() const override { return "zkvm/range16"; }
  size_t width() const override { return 1; }  // multiplicity
  size_t preprocessed_width() const override { return 1; }
  field::Matrix preprocessed_trace() const override;
  void eval(air::AirBuilder& b) const override;
};

// Counts the range checks the other chips' traces send, then becomes Range16's main trace.
class RangeCounts {
 public:
  RangeCounts() : counts_(Range16Air::kRows, 0) {}
  void add(uint32_t v) { ++counts_.at(v); }  // at(): a value >= 2^16 is a trace-builder bug
  field::Matrix trace() const;

 private:
  std::vector<uint32_t> counts_;
};

}  // namespace oneproof::chips
