#include "chips/bytes.h"

namespace oneproof::chips {

field::Matrix ByteOpsAir::preprocessed_trace() const {
  field::Matrix m(kPreWidth, kRows);
  for (uint32_t a = 0; a < 256; ++a) {
    for (uint32_t b = 0; b < 256; ++b) {
      Fp* r = m.row(a << 8 | b);
      r[kA] = Fp::from_u32(a);
      r[kB] = Fp::from_u32(b);
      r[kAnd] = Fp::from_u32(a & b);
      r[kOr] = Fp::from_u32(a | b);
      r[kXor] = Fp::from_u32(a ^ b);
    }
  }
  return m;
}

void ByteOpsAir::eval(air::AirBuilder& b) const {
  const air::Expr x = b.pre_local(kA), y = b.pre_local(kB);
  b.receive(BUS_BYTE_OP, {b.constant(uint32_t(ByteOp::kAnd)), x, y, b.pre_local(kAnd)}, b.local(0), "and table");
  b.receive(BUS_BYTE_OP, {b.constant(uint32_t(ByteOp::kOr)), x, y, b.pre_local(kOr)}, b.local(1), "or table");
  b.receive(BUS_BYTE_OP, {b.constant(uint32_t(ByteOp::kXor)), x, y, b.pre_local(kXor)}, b.local(2), "xor table");
}

field::Matrix ByteOpCounts::trace() const {
  field::Matrix m(3, ByteOpsAir::kRows);
  for (size_t op = 0; op < 3; ++op)
    for (size_t i = 0; i < ByteOpsAir::kRows; ++i) m.at(i, op) = Fp::from_u32(counts_[op * ByteOpsAir::kRows + i]);
  return m;
}

}  // namespace oneproof::chips
