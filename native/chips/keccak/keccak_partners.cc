// Bus partners of the keccak chip for tests and benchmarks (keccak_partners.h).
#include "chips/keccak/keccak_partners.h"

#include <algorithm>
#include <bit>
#include "chips/keccak/keccak_buses.h"
#include "chips/keccak/keccak_layout.h"

namespace oneproof::chips::keccak {

using field::Fp;

void KeccakCallPartnerAir::eval(air::AirBuilder& b) const {
  b.assert_bool(b.local(kIsReal), "is_real boolean");
  b.send(BUS_KECCAK_CALL, {b.local(kPtrLo), b.local(kPtrHi), b.local(kTs)}, b.local(kIsReal), "ecall KECCAK_PERMUTE");
}

void KeccakMemoryPartnerAir::eval(air::AirBuilder& b) const {
  b.assert_bool(b.local(kIsReal), "is_real boolean");
  b.receive(BUS_KECCAK_MEM,
            {b.local(kAddr), b.local(kTs), b.local(kPrevLo), b.local(kPrevHi), b.local(kLo), b.local(kHi)}, b.local(kIsReal),
            "state word access");
}

PartnerTraces partner_traces(std::span<const KeccakEvent> events) {
  const size_t call_rows = std::max<size_t>(4, std::bit_ceil(events.size()));
  const size_t mem_rows = std::max<size_t>(4, std::bit_ceil(events.size() * kWords));
  PartnerTraces t{field::Matrix(KeccakCallPartnerAir::kWidth, call_rows), field::Matrix(KeccakMemoryPartnerAir::kWidth, mem_rows)};
  for (size_t i = 0; i < events.size(); ++i) {
    const KeccakEvent& e = events[i];
    t.calls.at(i, KeccakCallPartnerAir::kPtrLo) = Fp::from_u32(e.ptr & 0xffff);
    t.calls.at(i, KeccakCallPartnerAir::kPtrHi) = Fp::from_u32(e.ptr >> 16);
    t.calls.at(i, KeccakCallPartnerAir::kTs) = Fp::from_u32(e.ts);
    t.calls.at(i, KeccakCallPartnerAir::kIsReal) = Fp::one();
    for (size_t w = 0; w < kWords; ++w) {
      const uint32_t in = uint32_t(e.input[w / 2] >> (32 * (w % 2))), out = uint32_t(e.output[w / 2] >> (32 * (w % 2)));
      Fp* row = t.memory.row(i * kWords + w);
      row[KeccakMemoryPartnerAir::kAddr] = Fp::from_u32((e.ptr >> 2) + uint32_t(w));
      row[KeccakMemoryPartnerAir::kTs] = Fp::from_u32(e.ts);
      row[KeccakMemoryPartnerAir::kPrevLo] = Fp::from_u32(in & 0xffff);
      row[KeccakMemoryPartnerAir::kPrevHi] = Fp::from_u32(in >> 16);
      row[KeccakMemoryPartnerAir::kLo] = Fp::from_u32(out & 0xffff);
      row[KeccakMemoryPartnerAir::kHi] = Fp::from_u32(out >> 16);
      row[KeccakMemoryPartnerAir::kIsReal] = Fp::one();
    }
  }
  return t;
}

}  // namespace oneproof::chips::keccak
