// Byte operations table: every pair of bytes (a, b) with a & b, a | b and a ^ b, preprocessed
// (2^16 rows). Chips prove a bitwise result byte by sending (op, a, b, result) on BUS_BYTE_OP; the
// lookup also proves a, b and result are bytes.
#pragma once
#include <vector>

#include "air/air.h"
#include "chips/buses.h"

namespace oneproof::chips {

enum class ByteOp : uint32_t { kAnd = 0, kOr = 1, kXor = 2 };

class ByteOpsAir : public air::Air {
 public:
  static constexpr size_t kRows = 1u << 16;
  enum PreColumn : size_t { kA, kB, kAnd, kOr, kXor, kPreWidth };
  std::string name() const override { return "zkvm/byte-ops"; }
  size_t width() const override { return 3; }  // multiplicities of and, or, xor
  size_t preprocessed_width() const override { return kPreWidth; }
  field::Matrix preprocessed_trace() const override;
  void eval(air::AirBuilder& b) const override;
};

// Counts the byte-op lookups the CPU trace makes, then becomes ByteOpsAir's main trace.
class ByteOpCounts {
 public:
  ByteOpCounts() : counts_(3 * ByteOpsAir::kRows, 0) {}
  void add(ByteOp op, uint32_t a, uint32_t b) { ++counts_.at(size_t(op) * ByteOpsAir::kRows + (a << 8 | b)); }
  field::Matrix trace() const;

 private:
  std::vector<uint32_t> counts_;
};

}  // namespace oneproof::chips
