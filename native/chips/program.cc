#include "chips/program.h"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <unordered_map>

namespace oneproof::chips {

std::vector<RomEntry> rom_entries(const vm::Program& program) {
  std::vector<RomEntry> rom;
  for (const vm::Segment& s : program.segments) {
    if (!s.executable) continue;
    if (uint64_t(s.vaddr) + s.mem_size > kMaxProvablePc)
      throw std::invalid_argument("program ROM: code above 2^30 cannot be proven");
    for (uint32_t off = 0; off + 4 <= s.mem_size; off += 4) {
      uint32_t word = 0;
      for (uint32_t k = 0; k < 4; ++k)
        if (off + k < s.data.size()) word |= uint32_t(s.data[off + k]) << (8 * k);
      vm::Decoded d = vm::decode(word);
      if (d.op == vm::Op::kEcall) {
        d.rs1 = 5;   // t0: the call number
        d.rs2 = 10;  // a0: the first argument
      }
      rom.push_back({s.vaddr + off, d});
    }
  }
  return rom;
}

field::Matrix ProgramAir::preprocessed_trace() const {
  const size_t height = std::max<size_t>(4, std::bit_ceil(std::max<size_t>(entries_.size(), 1)));
  field::Matrix m(kPreWidth, height);
  for (size_t r = 0; r < height; ++r) m.at(r, kOpcode) = Fp::from_u32(uint32_t(vm::Op::kIllegal));
  for (size_t r = 0; r < entries_.size(); ++r) {
    const RomEntry& e = entries_[r];
    m.at(r, kPc) = Fp::from_u32(e.pc);
    m.at(r, kOpcode) = Fp::from_u32(uint32_t(e.decoded.op));
    m.at(r, kRd) = Fp::from_u32(e.decoded.rd);
    m.at(r, kRs1) = Fp::from_u32(e.decoded.rs1);
    m.at(r, kRs2) = Fp::from_u32(e.decoded.rs2);
    m.at(r, kImmLo) = lo16(uint32_t(e.decoded.imm));
    m.at(r, kImmHi) = hi16(uint32_t(e.decoded.imm));
    m.at(r, kImm) = imm_field(e.decoded.imm);
  }
  return m;
}

void ProgramAir::eval(air::AirBuilder& b) const {
  std::vector<air::Expr> row;
  for (size_t c = 0; c < kPreWidth; ++c) row.push_back(b.pre_local(c));
  b.receive(BUS_PROGRAM, row, b.local(0), "program ROM");
}

field::Matrix ProgramAir::multiplicities(const vm::SegmentRecord& segment) const {
  std::unordered_map<uint32_t, size_t> row_of;
  for (size_t r = 0; r < entries_.size(); ++r) row_of.emplace(entries_[r].pc, r);
  std::vector<uint32_t> counts(entries_.size(), 0);
  for (const vm::CycleRecord& c : segment.cycles) {
    auto it = row_of.find(c.pc);
    if (it == row_of.end()) throw std::invalid_argument("program ROM: the trace executes a pc outside the program");
    ++counts[it->second];
  }
  const size_t height = std::max<size_t>(4, std::bit_ceil(std::max<size_t>(entries_.size(), 1)));
  field::Matrix m(1, height);
  for (size_t r = 0; r < counts.size(); ++r) m.at(r, 0) = Fp::from_u32(counts[r]);
  return m;
}

}  // namespace oneproof::chips
