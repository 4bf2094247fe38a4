// The syscall I/O chip: proves the memory side of READ (private input into guest memory) and
// COMMIT (guest memory into the public values), one row per memory word a call touches, the rows of
// a call consecutive and the calls in execution order.
//
// A call arrives from the CPU's ECALL row on BUS_SYSCALL_IO as (is_commit, ts, ptr, n) with n != 0
// (ts: the call's memory timestamp; ptr, n: the a0 and a1 values the CPU read). Its first row
// receives it; every row of the call has the same is_commit and ts, the word index goes up by one per
// row, and the call's last row is flagged `last`. Per row:
//   - mask k0..k3 (booleans, contiguous): which bytes of the word lie in [ptr, ptr + n). The first
//     row's mask starts at ptr & 3 (one-hot o0..o3, ptr_lo = 4 q + offset, word index = q + 2^14 ptr_hi,
//     q < 2^14, ptr_hi != 0 so the buffer is at or above 0x10000 and never in the registers); rows
//     after the first start at byte 0, rows before the last end at byte 3; `rem` counts the call's
//     bytes from this word on: n on the first row, minus the row's mask count per row, exactly the
//     mask count on the last row (n < 2^30 is range-checked, so this cannot wrap the field). The
//     words therefore cover exactly [ptr, ptr + n).
//   - bytes m0..m3 (the word before) and v0..v3 (after), bytes by a ByteOps AND lookup each; the word
//     is requested from the memory access chip on BUS_SYSCALL_MEM as (addr, ts, m, v) in limbs.
//     READ: v_j = m_j outside the mask (inside it the input bytes are free: the input is private).
//     COMMIT: v = m, and each masked byte m_j is sent on BUS_PUBLIC_VALUES as (pub_idx + j', m_j)
//     with j' its rank among the word's masked bytes.
//   - pub_idx: the public-value index of the row's first committed byte; it starts at the public
//     commit_start on row 0, grows by the committed bytes of each row, and ends at commit_end.
// Calls are in execution order: between consecutive calls ts grows (ts' - ts - 1 < 2^24). Real rows
// are a prefix; padding rows carry no flags and send nothing.
#pragma once
#include <cstdint>
#include <vector>

#include "air/air.h"
#include "chips/buses.h"
#include "chips/bytes.h"
#include "chips/range16.h"
#include "chips/syscall_buses.h"
#include "vm/trace.h"

namespace oneproof::chips {

class SyscallIoAir : public air::Air {
 public:
  enum Column : size_t {
    kIsReal, kIsCommit, kFirst, kLast, kTs, kPtrLo, kPtrHi, kPtrHiInv, kNLo, kNHi, kQ,
    kO0, kO1, kO2, kO3,  // first row: one-hot ptr & 3
    kAddr, kRem,
    kK0, kK1, kK2, kK3,  // mask: byte j in [ptr, ptr + n)
    kM0, kM1, kM2, kM3,  // the word's bytes before the call
    kV0, kV1, kV2, kV3,  // and after it
    kT0, kT1, kT2, kT3,  // m_j & v_j (the lookup that proves both are bytes)
    kPubIdx, kHasNextCall, kTsGapLo, kTsGapHi,
    kWidth
  };
  enum Public : size_t { kCommitStart, kCommitEnd, kNumPublics };
  std::string name() const override { return "zkvm/syscall-io"; }
  size_t width() const override { return kWidth; }
  size_t num_public_values() const override { return kNumPublics; }
  void eval(air::AirBuilder& b) const override;
};

struct SyscallIoTrace {
  field::Matrix main;
  std::vector<Fp> publics;  // commit_start, commit_end
  uint32_t commit_end = 0;
};

// The READ / COMMIT words of `segment`, whose first committed byte is public value `commit_start`;
// adds the range checks and byte lookups to the counters. Height: a power of two >= 4. Throws
// std::invalid_argument for a call the chip cannot prove (a buffer below 0x10000, n >= 2^30) or a
// malformed record.
SyscallIoTrace syscall_io_trace(const vm::SegmentRecord& segment, uint32_t commit_start, RangeCounts& ranges,
                                ByteOpCounts& byte_ops);

}  // namespace oneproof::chips
