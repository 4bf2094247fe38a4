// The run-wide ends of the memory chains (memory_boundary.h): the tables of a run's global proof.
//
// MemoryImageAir: the ELF's initial memory image as preprocessed columns (so part of the verifying
//   key derived from the ELF): one row per word of [image_lo, image_hi), the word-index span of the
//   loadable segments' file bytes (zeros where no byte is loaded). A boolean main column says
//   whether the run touches the word; if so the row produces (addr, value, 0) on BUS_GLOBAL_MEMORY,
//   once at most.
// ZeroMemoryAir: one row per touched cell outside the image (registers, bss, heap, stack),
//   addresses strictly increasing below 2^30 and outside [image_lo, image_hi) (publics), each
//   producing (addr, 0, 0, 0): such cells start as zero, and only once.
// MemorySinkAir: one row per touched cell, consuming the (addr, value, segment) the last segment
//   that touched it left behind. Without it the chains could not balance; it constrains nothing else.
#pragma once
#include <cstdint>
#include <vector>

#include "air/air.h"
#include "chips/range16.h"
#include "vm/elf.h"
#include "vm/trace.h"

namespace oneproof::chips {

// The program's initial memory image as words, with its word-index span [lo, lo + words.size()).
struct MemoryImage {
  uint32_t lo = 0;
  std::vector<uint32_t> words;
  uint32_t hi() const { return lo + uint32_t(words.size()); }
};
// Throws std::invalid_argument for an image spanning more than 2^22 words.
MemoryImage memory_image(const vm::Program& program);

class MemoryImageAir : public air::Air {
 public:
  enum PreColumn : size_t { kAddr, kLo, kHi, kIsReal, kPreWidth };
  enum Column : size_t { kTouched, kWidth };
  explicit MemoryImageAir(const vm::Program& program) : image_(memory_image(program)) {}
  std::string name() const override { return "zkvm/memory-image"; }
  size_t width() const override { return kWidth; }
  size_t preprocessed_width() const override { return kPreWidth; }
  field::Matrix preprocessed_trace() const override;
  void eval(air::AirBuilder& b) const override;
  const MemoryImage& image() const { return image_; }

 private:
  MemoryImage image_;
};

class ZeroMemoryAir : public air::Air {
 public:
  enum Column : size_t { kAddrLo, kAddrHi, kIsReal, kHasNext, kGapLo, kGapHi, kAbove, kDistLo, kDistHi, kWidth };
  enum Public : size_t { kImageLo, kImageHi, kNumPublics };
  std::string name() const override { return "zkvm/memory-zero"; }
  size_t width() const override { return kWidth; }
  size_t num_public_values() const override { return kNumPublics; }
  void eval(air::AirBuilder& b) const override;
};

class MemorySinkAir : public air::Air {
 public:
  enum Column : size_t { kAddr, kLo, kHi, kSegment, kIsReal, kWidth };
  std::string name() const override { return "zkvm/memory-sink"; }
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
GlobalMemoryTraces global_memory_traces(const MemoryImage& image, const std::vector<vm::SegmentRecord>& segments,
                                        RangeCounts& ranges, bool strict = true);

// For segment k (0-based) of a run: per cell of segments[k].initial, the number of the last earlier
// segment that touched it (0: none).
std::vector<std::vector<uint32_t>> previous_segments(const std::vector<vm::SegmentRecord>& segments);

}  // namespace oneproof::chips
