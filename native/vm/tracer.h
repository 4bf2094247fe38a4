// Builds SegmentRecords while the emulator runs: assigns timestamps, remembers each address's last
// access (value and timestamp) and cuts the run into segments.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "vm/memory.h"
#include "vm/trace.h"

namespace oneproof::vm {

class Tracer {
 public:
  Tracer(uint32_t segment_cycles, uint32_t start_pc);

  CycleRecord& begin_cycle(uint32_t pc, uint32_t insn, Op op);
  // Records an access in the current cycle's slot; `before`/`after` are the values at addr.
  Access access(uint32_t addr, uint32_t before, uint32_t after, AccessSlot slot, bool is_write);
  SyscallEvent& begin_syscall(uint32_t number);
  // Closes the cycle; when the segment is full (and the run goes on) starts the next one.
  void end_cycle(uint32_t next_pc, bool halted, const uint32_t* regs, Memory& memory);

  std::vector<SegmentRecord> take_segments() { return std::move(segments_); }

 private:
  struct LastAccess { uint32_t segment_tag = 0; uint32_t ts = 0; };  // tag = segment index + 1
  LastAccess& last_access(uint32_t addr);
  void finish_segment(uint32_t end_pc, bool halted, const uint32_t* regs, Memory& memory);

  uint32_t segment_cycles_;
  std::vector<SegmentRecord> segments_;
  SegmentRecord* current_ = nullptr;
  uint64_t cycles_so_far_ = 0;
  std::array<LastAccess, 32> registers_{};
  ZeroedArray<LastAccess*> pages_;  // per 4 KiB guest page, per word; allocated on first touch
  std::vector<std::unique_ptr<LastAccess[]>> owned_;
};

}  // namespace oneproof::vm
