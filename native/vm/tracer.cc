#include "vm/tracer.h"

#include <algorithm>

namespace oneproof::vm {

Tracer::Tracer(uint32_t segment_cycles, uint32_t start_pc) : segment_cycles_(segment_cycles), pages_(Memory::kPages) {
  segments_.emplace_back();
  current_ = &segments_.back();
  current_->start_pc = start_pc;
  current_->cycles.reserve(segment_cycles);  // virtual memory only until touched: no regrowth copies
}

Tracer::LastAccess& Tracer::last_access(uint32_t addr) {
  if (addr < 32) return registers_[addr];
  LastAccess*& page = pages_[addr >> Memory::kPageBits];
  if (!page) page = owned_.emplace_back(new LastAccess[1u << (Memory::kPageBits - 2)]()).get();
  return page[Memory::offset(addr) >> 2];
}

CycleRecord& Tracer::begin_cycle(uint32_t pc, uint32_t insn, Op op) {
  CycleRecord& c = current_->cycles.emplace_back();
  c.pc = pc;
  c.insn = insn;
  c.op = op;
  return c;
}

Access Tracer::access(uint32_t addr, uint32_t before, uint32_t after, AccessSlot slot, bool is_write) {
  const uint32_t tag = current_->index + 1;
  LastAccess& last = last_access(addr);
  if (last.segment_tag != tag) {  // first touch in this segment: its value enters the initial image
    last.segment_tag = tag;
    last.ts = 0;
    current_->initial.push_back({addr, before, 0});
  }
  const uint32_t ts = cycle_timestamp(uint32_t(current_->cycles.size() - 1)) + slot;
  Access a{addr, after, before, last.ts, ts, is_write};
  last.ts = ts;
  return a;
}

SyscallEvent& Tracer::begin_syscall(uint32_t number) {
  SyscallEvent& e = current_->syscalls.emplace_back();
  e.cycle = uint32_t(current_->cycles.size() - 1);
  e.number = number;
  return e;
}

void Tracer::finish_segment(uint32_t end_pc, bool halted, const uint32_t* regs, Memory& memory) {
  SegmentRecord& s = *current_;
  s.end_pc = end_pc;
  s.halted = halted;
  std::sort(s.initial.begin(), s.initial.end(), [](const BoundaryEntry& a, const BoundaryEntry& b) { return a.addr < b.addr; });
  s.final.reserve(s.initial.size());
  for (const BoundaryEntry& e : s.initial) {
    const uint32_t value = e.addr < 32 ? regs[e.addr] : memory.word(e.addr);
    s.final.push_back({e.addr, value, last_access(e.addr).ts});
  }
}

void Tracer::end_cycle(uint32_t next_pc, bool halted, const uint32_t* regs, Memory& memory) {
  current_->cycles.back().next_pc = next_pc;
  ++cycles_so_far_;
  if (halted) {
    finish_segment(next_pc, true, regs, memory);
    return;
  }
  if (current_->cycles.size() < segment_cycles_) return;
  finish_segment(next_pc, false, regs, memory);
  const uint32_t index = current_->index + 1;
  segments_.emplace_back();  // may move the vector: re-point current_
  current_ = &segments_.back();
  current_->index = index;
  current_->start_cycle = cycles_so_far_;
  current_->start_pc = next_pc;
  current_->cycles.reserve(segment_cycles_);
}

}  // namespace oneproof::vm
