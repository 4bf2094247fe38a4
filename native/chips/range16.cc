#include "chips/range16.h"

namespace oneproof::chips {

field::Matrix Range16Air::preprocessed_trace() const {
  field::Matrix m(1, kRows);
  for (uint32_t v = 0; v < kRows; ++v) m.at(v, 0) = Fp::from_u32(v);
  return m;
}

void Range16Air::eval(air::AirBuilder& b) const { b.receive(BUS_RANGE16, {b.pre_local(0)}, b.local(0), "range16 table"); }

field::Matrix RangeCounts::trace() const {
  field::Matrix m(1, Range16Air::kRows);
  for (uint32_t v = 0; v < Range16Air::kRows; ++v) m.at(v, 0) = Fp::from_u32(counts_[v]);
  return m;
}

}  // namespace oneproof::chips
