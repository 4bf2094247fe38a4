// Example AIR for benchmarks: `width` columns, each evolving as x_i' = x_i^2 + x_{i+1 mod width}
// (degree 3 with the transition selector), first row pinned to 0, 1, 2, ... (no public values).
#pragma once
#include <string>
#include "air/air.h"

namespace oneproof::air::examples {

class WideAir : public Air {
 public:
  explicit WideAir(size_t width) : width_(width) {}
  std::string name() const override { return "example/wide-" + std::to_string(width_); }
  size_t width() const override { return width_; }
  void eval(AirBuilder& b) const override;
  field::Matrix trace(unsigned log_rows) const;

 private:
  size_t width_;
};

}  // namespace oneproof::air::examples
