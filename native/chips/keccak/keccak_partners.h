// Stand-ins for the CPU and memory chips' side of the keccak buses (keccak_buses.h), so the chip's
// own tests and bench can prove it alone; the segment chip set (zkvm/segment_chips.h) connects the
// real CPU and memory access chips instead and does not use these. They are real
// tables with real constraints (boolean row flags) and honest traces: each call row sends what the
// CPU's ECALL would send, each memory row receives what the memory chip's access row would.
#pragma once
#include <span>
#include "air/air.h"
#include "chips/keccak/keccak_trace.h"

namespace oneproof::chips::keccak {

// Columns: ptr_lo, ptr_hi, ts, is_real. Sends (ptr_lo, ptr_hi, ts) on BUS_KECCAK_CALL.
class KeccakCallPartnerAir : public air::Air {
 public:
  enum Column : size_t { kPtrLo, kPtrHi, kTs, kIsReal, kWidth };
  std::string name() const override { return "test/keccak-call-partner"; }
  size_t width() const override { return kWidth; }
  void eval(air::AirBuilder& b) const override;
};

// Columns: addr, ts, prev_lo, prev_hi, lo, hi, is_real. Receives them on BUS_KECCAK_MEM.
class KeccakMemoryPartnerAir : public air::Air {
 public:
  enum Column : size_t { kAddr, kTs, kPrevLo, kPrevHi, kLo, kHi, kIsReal, kWidth };
  std::string name() const override { return "test/keccak-memory-partner"; }
  size_t width() const override { return kWidth; }
  void eval(air::AirBuilder& b) const override;
};

struct PartnerTraces {
  field::Matrix calls;   // KeccakCallPartnerAir, one row per event
  field::Matrix memory;  // KeccakMemoryPartnerAir, 50 rows per event (word w of event e at 50e + w)
};
PartnerTraces partner_traces(std::span<const KeccakEvent> events);

}  // namespace oneproof::chips::keccak
