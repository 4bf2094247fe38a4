// Program ROM: the decoded executable segments as preprocessed columns (fixed in the verifying
// key), one row per instruction. The CPU chip fetches (pc, opcode, rd, rs1, rs2, imm) from it over
// BUS_PROGRAM; the main column counts how often each instruction ran. Padding rows hold the
// opcode kIllegal, which no CPU selector accepts, so they cannot be fetched.
#pragma once
#include <vector>

#include "air/air.h"
#include "chips/buses.h"
#include "vm/elf.h"
#include "vm/isa.h"
#include "vm/trace.h"

namespace oneproof::chips {

// The highest code address the chips accept: pcs must be field elements with room for pc + 4.
inline constexpr uint32_t kMaxProvablePc = 1u << 30;

struct RomEntry {
  uint32_t pc;
  vm::Decoded decoded;  // ecall reads t0 as rs1 and a0 as rs2 (the syscall ABI)
};

// ROM rows of the program's executable segments; throws std::invalid_argument for code at or
// above kMaxProvablePc.
std::vector<RomEntry> rom_entries(const vm::Program& program);

class ProgramAir : public air::Air {
 public:
  enum PreColumn : size_t { kPc, kOpcode, kRd, kRs1, kRs2, kImmLo, kImmHi, kImm, kPreWidth };
  explicit ProgramAir(const vm::Program& program) : entries_(rom_entries(program)) {}
  std::string name() const override { return "zkvm/program"; }
  size_t width() const override { return 1; }  // multiplicity
  size_t preprocessed_width() const override { return kPreWidth; }
  field::Matrix preprocessed_trace() const override;
  void eval(air::AirBuilder& b) const override;

  // How many times each ROM row was executed in the segment.
  field::Matrix multiplicities(const vm::SegmentRecord& segment) const;

 private:
  std::vector<RomEntry> entries_;
};

// The signed immediate as a field element (negative values wrap mod p).
inline Fp imm_field(int32_t imm) { return imm >= 0 ? Fp::from_u32(uint32_t(imm)) : -Fp::from_u32(uint32_t(-int64_t(imm))); }

}  // namespace oneproof::chips
