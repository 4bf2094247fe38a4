// The run-wide ends of the memory chains (memory_boundary.h): the tables of a run's global proof.
//
// Every token carries the cell's write permission w, fixed where the cell starts and kept by every
// access (memory.h refuses a write, or a syscall's change, to a cell with w = 0).
// MemoryImageAir: the ELF's initial memory image as preprocessed columns (so part of the verifying
//   key derived from the ELF): one row per word of [image_lo, image_hi), the word-index span of the
//   loadable segments' file bytes (zeros where no byte is loaded), with its permission. A boolean
//   main column says whether the run touches the word; if so the row produces (addr, value, 0, w)
//   on BUS_GLOBAL_MEMORY, once at most.
// ZeroMemoryAir: one row per touched cell outside the image, addresses strictly increasing below
//   2^30 and each inside one of three ranges (publics: MemoryLayout::zero_ranges — the registers and
//   the writable span outside the image), producing (addr, 0, 0, 0, 1): such cells start as zero,
//   writable, and only once. A cell in no range (unmapped memory) cannot start at all.
// MemorySinkAir: one row per touched cell, consuming the (addr, value, segment, w) the last segment
//   that touched it left behind. Without it the chains could not balance; it constrains nothing else.
#pragma once
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "air/air.h"
#include "chips/range16.h"
#include "vm/elf.h"
#include "vm/trace.h"

namespace oneproof::chips {

// The program's initial memory image as words, with its word-index span [lo, lo + words.size()),
// and which of them lie in a writable segment.
struct MemoryImage {
  uint32_t lo = 0;
  std::vector<uint32_t> words;
  std::vector<uint8_t> writable;
  uint32_t hi() const { return lo + uint32_t(words.size()); }
};

// What the ELF says about memory, per word index (registers are words 0..31): the initial image,
// which cells may be written, and where cells that start at zero may lie.
//   - a cell in the image is writable iff its word lies in a writable segment;
//   - every other cell starts at zero and must be a register or lie in the span of the writable
//     segments [rw_lo, rw_hi) (bss, heap, stack): its zero_ranges() are the registers and that span
//     minus the image. Such cells are writable.
struct MemoryLayout {
  MemoryImage image;
  uint32_t rw_lo = 0, rw_hi = 0;  // empty when the program has no writable segment
  bool writable(uint32_t word) const {
    if (word >= image.lo && word < image.hi()) return image.writable[word - image.lo] != 0;
    return true;  // a zero cell (the zero table refuses cells outside zero_ranges())
  }
  // Three half-open word ranges: registers, writable span below the image, writable span above it.
  std::array<std::pair<uint32_t, uint32_t>, 3> zero_ranges() const;
};

// Throws std::invalid_argument for an image spanning more than 2^22 words.
MemoryLayout memory_layout(const vm::Program& program);

class MemoryImageAir : public air::Air {
 public:
  enum PreColumn : size_t { kAddr, kLo, kHi, kIsReal, kWritable, kPreWidth };
  enum Column : size_t { kTouched, kWidth };
  explicit MemoryImageAir(const vm::Program& program) : layout_(memory_layout(program)) {}
  std::string name() const override { return "zkvm/memory-image-v2"; }
  size_t width() const override { return kWidth; }
  size_t preprocessed_width() const override { return kPreWidth; }
  field::Matrix preprocessed_trace() const override;
  void eval(air::AirBuilder& b) const override;
  const MemoryImage& image() const { return layout_.image; }
  const MemoryLayout& layout() const { return layout_; }

 private:
  MemoryLayout layout_;
};

class ZeroMemoryAir : public air::Air {
 public:
  enum Column : size_t {
    kAddrLo, kAddrHi, kIsReal, kHasNext, kGapLo, kGapHi,
    kIn0, kIn1, kIn2,                        // one-hot: which zero range holds the cell
    kFromLo, kFromHi, kToLo, kToHi,          // addr - start and end - 1 - addr, both in [0, 2^30)
    kWidth
  };
  enum Public : size_t { kStart0, kEnd0, kStart1, kEnd1, kStart2, kEnd2, kNumPublics };
  // The publics of a layout: its zero_ranges() in order.
  static std::vector<Fp> publics(const MemoryLayout& layout);
  std::string name() const override { return "zkvm/memory-zero-v2"; }
  size_t width() const override { return kWidth; }
  size_t num_public_values() const override { return kNumPublics; }
  void eval(air::AirBuilder& b) const override;
};

class MemorySinkAir : public air::Air {
 public:
  enum Column : size_t { kAddr, kLo, kHi, kSegment, kIsReal, kWritable, kWidth };
  std::string name() const override { return "zkvm/memory-sink-v2"; }
  size_t width() const override { return kWidth; }
  void eval(air::AirBuilder& b) const override;
};

struct GlobalMemoryTraces {
  field::Matrix image;  // MemoryImageAir main (touched flags)
  field::Matrix zero;   // ZeroMemoryAir
  field::Matrix sink;   // MemorySinkAir
};

// From the segments of a run, in order (segment k has number k + 1): where each touched cell starts
// and where it ends. Throws std::invalid_argument when a segment's initial value of a cell is not
// what the image or the previous segment left (a tracer bug). With `strict` false (tests of the
// verifier), such cells are listed anyway: a cell that does not start from the image goes to the
// zero table, as a cheating prover would put it.
GlobalMemoryTraces global_memory_traces(const MemoryLayout& layout, const std::vector<vm::SegmentRecord>& segments,
                                        RangeCounts& ranges, bool strict = true);

// For segment k (0-based) of a run: per cell of segments[k].initial, the number of the last earlier
// segment that touched it (0: none).
std::vector<std::vector<uint32_t>> previous_segments(const std::vector<vm::SegmentRecord>& segments);

}  // namespace oneproof::chips
