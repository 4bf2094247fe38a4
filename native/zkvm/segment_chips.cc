#include "zkvm/segment_chips.h"

#include <stdexcept>

namespace oneproof::zkvm {
using field::Fp;

std::vector<const air::Air*> SegmentChips::airs() const {
  return {&cpu_, &rom_, &access_, &boundary_, &range_, &byte_ops_};
}

std::vector<std::vector<Fp>> SegmentChips::publics(const SegmentStatement& st) const {
  std::vector<Fp> cpu(chips::CpuAir::kNumPublics);
  cpu[chips::CpuAir::kStartPc] = Fp::from_u32(st.start_pc);
  cpu[chips::CpuAir::kExitLo] = Fp::from_u32(st.exit_code & 0xffff);
  cpu[chips::CpuAir::kExitHi] = Fp::from_u32(st.exit_code >> 16);
  std::vector<Fp> boundary(chips::MemoryBoundaryAir::kNumPublics);
  boundary[chips::MemoryBoundaryAir::kSegment] = Fp::from_u32(st.number);
  return {cpu, {}, {}, boundary, {}, {}};
}

std::vector<stark::TableWitness> SegmentChips::tables(const vm::SegmentRecord& s, const SegmentStatement& st,
                                                      const std::vector<uint32_t>& prev_segment) const {
  chips::RangeCounts ranges;
  chips::ByteOpCounts byte_ops;
  chips::CpuTrace cpu = chips::cpu_trace(s, st.exit_code, ranges, byte_ops);
  field::Matrix access = chips::access_trace(s, ranges);
  field::Matrix boundary = chips::boundary_trace(s, st.number, prev_segment, ranges);
  auto pub = publics(st);
  std::vector<stark::TableWitness> t;
  t.push_back({std::move(cpu.main), std::move(pub[0])});
  t.push_back({rom_.multiplicities(s), {}});
  t.push_back({std::move(access), {}});
  t.push_back({std::move(boundary), std::move(pub[3])});
  t.push_back({ranges.trace(), {}});
  t.push_back({byte_ops.trace(), {}});
  return t;
}

}  // namespace oneproof::zkvm
