#include "zkvm/segment_chips.h"

#include <stdexcept>

#include "chips/keccak/keccak_trace.h"

namespace oneproof::zkvm {
using field::Fp;

std::vector<const air::Air*> SegmentChips::airs() const {
  return {&cpu_, &rom_, &access_, &boundary_, &range_, &byte_ops_, &syscall_io_, &keccak_};
}

std::vector<std::vector<Fp>> SegmentChips::publics(const SegmentStatement& st) const {
  std::vector<Fp> cpu(chips::CpuAir::kNumPublics);
  cpu[chips::CpuAir::kStartPc] = Fp::from_u32(st.start_pc);
  cpu[chips::CpuAir::kEndPc] = Fp::from_u32(st.end_pc);
  cpu[chips::CpuAir::kHalted] = Fp::from_u32(st.halted ? 1 : 0);
  cpu[chips::CpuAir::kExitLo] = Fp::from_u32(st.exit_code & 0xffff);
  cpu[chips::CpuAir::kExitHi] = Fp::from_u32(st.exit_code >> 16);
  std::vector<Fp> boundary(chips::MemoryBoundaryAir::kNumPublics);
  boundary[chips::MemoryBoundaryAir::kSegment] = Fp::from_u32(st.number);
  std::vector<Fp> io(chips::SyscallIoAir::kNumPublics);
  io[chips::SyscallIoAir::kCommitStart] = Fp::from_u32(st.commit_start);
  io[chips::SyscallIoAir::kCommitEnd] = Fp::from_u32(st.commit_end);
  return {cpu, {}, {}, boundary, {}, {}, io, {}};
}

std::vector<stark::TableWitness> SegmentChips::tables(const vm::SegmentRecord& s, const SegmentStatement& st,
                                                      const std::vector<uint32_t>& prev_segment) const {
  chips::RangeCounts ranges;
  chips::ByteOpCounts byte_ops;
  chips::CpuTrace cpu = chips::cpu_trace(s, st.exit_code, ranges, byte_ops);
  field::Matrix access = chips::access_trace(s, layout_, ranges);
  field::Matrix boundary = chips::boundary_trace(s, st.number, prev_segment, layout_, ranges);
  chips::SyscallIoTrace io = chips::syscall_io_trace(s, st.commit_start, ranges, byte_ops);
  if (io.commit_end != st.commit_end) throw std::invalid_argument("segment chips: the segment commits other bytes than its statement says");
  field::Matrix keccak = chips::keccak::keccak_trace(chips::keccak::keccak_events(s), ranges);
  auto pub = publics(st);
  if (cpu.publics != pub[0]) throw std::invalid_argument("segment chips: the segment's pc chain or halt differs from its statement");
  std::vector<stark::TableWitness> t;
  t.push_back({std::move(cpu.main), std::move(pub[0])});
  t.push_back({rom_.multiplicities(s), {}});
  t.push_back({std::move(access), {}});
  t.push_back({std::move(boundary), std::move(pub[3])});
  t.push_back({ranges.trace(), {}});
  t.push_back({byte_ops.trace(), {}});
  t.push_back({std::move(io.main), std::move(pub[6])});
  t.push_back({std::move(keccak), {}});
  return t;
}

}  // namespace oneproof::zkvm
