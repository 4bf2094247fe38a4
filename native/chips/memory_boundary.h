// The memory boundary of one segment (DESIGN.md §4): one row per cell (register or memory word)
// the segment touches, addresses strictly increasing (so no cell appears twice).
//
// Locally (BUS_MEMORY, salted per segment) a row produces the cell's state at the segment's start,
// (addr, init, ts 0, w), and consumes its state at the end, (addr, final, final_ts, w): with the
// access rows (memory.h) this is offline memory checking inside the segment; w is the cell's write
// permission, carried unchanged through every access.
// Across the run (BUS_GLOBAL_MEMORY, shared by every proof of the run) the row consumes
// (addr, init, prev_segment, w) and produces (addr, final, segment, w), with prev_segment < segment.
// The run's global proof (memory_image.h) produces every cell's initial value once, as segment 0,
// from the ELF image or as zero, and consumes each cell's last value once; the bus then balances
// only if each segment's initial value of a cell is the final value of the last earlier segment
// that touched it (the tokens of a cell form one chain in increasing segment order).
// Addresses are word indices below 2^30 (addr = lo + 2^16 hi, hi < 2^14), so "strictly increasing"
// cannot wrap around the field.
#pragma once
#include <vector>

#include "air/air.h"
#include "chips/memory_image.h"
#include "chips/range16.h"
#include "vm/trace.h"

namespace oneproof::chips {

class MemoryBoundaryAir : public air::Air {
 public:
  enum Column : size_t {
    kAddrLo, kAddrHi, kInitLo, kInitHi, kFinalLo, kFinalHi, kFinalTs, kIsReal, kHasNext, kGapLo, kGapHi,
    kPrevSegment, kSegmentGap, kWritable, kWidth
  };
  enum Public : size_t { kSegment, kNumPublics };
  std::string name() const override { return "zkvm/memory-boundary-v3"; }
  size_t width() const override { return kWidth; }
  size_t num_public_values() const override { return kNumPublics; }
  void eval(air::AirBuilder& b) const override;
};

// The boundary rows of `segment` (its number is `segment_number`, 1-based); prev_segment[i] is the
// number of the last earlier segment that touched segment.initial[i] (0: none). Adds the range
// checks to `ranges`. Height: a power of two >= 4, padded with inert rows.
field::Matrix boundary_trace(const vm::SegmentRecord& segment, uint32_t segment_number,
                             const std::vector<uint32_t>& prev_segment, const MemoryLayout& layout, RangeCounts& ranges);

}  // namespace oneproof::chips
