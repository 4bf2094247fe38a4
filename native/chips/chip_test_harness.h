// Test harness for the chips of one segment: the same tables as zkvm::SegmentChips (cpu, program
// ROM, bound memory access, boundary, range16, byte ops, syscall I/O, keccak) plus two test-only
// stand-ins for what the run's global proof and the verifier do with the global buses, so that a
// single segment's tables can balance every bus on their own (and be proven as one STARK):
//   - GlobalMemoryStandInAir: per touched cell, sends (addr, init, 0) and receives (addr, final, 1)
//     on BUS_GLOBAL_MEMORY (what the global memory table does for a run of one segment);
//   - PublicValuesStandInAir: receives (index, byte) on BUS_PUBLIC_VALUES (what the verifier does).
// Both are free tables without constraints: they only make the global buses checkable in tests.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "air/air.h"
#include "air/symbolic.h"
#include "chips/bytes.h"
#include "chips/cpu.h"
#include "chips/keccak/keccak_air.h"
#include "chips/memory.h"
#include "chips/program.h"
#include "chips/range16.h"
#include "chips/syscall_io.h"
#include "vm/elf.h"
#include "vm/machine.h"

namespace oneproof::chips::harness {

class GlobalMemoryStandInAir : public air::Air {
 public:
  enum Column : size_t { kAddr, kInitLo, kInitHi, kFinalLo, kFinalHi, kIsReal, kWritable, kWidth };
  std::string name() const override { return "test/global-memory-stand-in"; }
  size_t width() const override { return kWidth; }
  void eval(air::AirBuilder& b) const override;
};

class PublicValuesStandInAir : public air::Air {
 public:
  enum Column : size_t { kIndex, kByte, kIsReal, kWidth };
  std::string name() const override { return "test/public-values-stand-in"; }
  size_t width() const override { return kWidth; }
  void eval(air::AirBuilder& b) const override;
};

// A program that makes every syscall (its layout is documented in chip_test_harness.cc), the input
// it reads and the buffer base its calls use.
inline constexpr uint32_t kSyscallBuf = 0x20000;
vm::Program syscall_program();
std::vector<uint8_t> syscall_input();

// Table order (as SegmentChips, then the stand-ins).
enum Table : size_t { kCpu, kRom, kAccess, kBoundary, kRange, kByteOps, kIo, kKeccak, kGlobalMemory, kPublicValues, kTables };

struct SegmentMachine {
  explicit SegmentMachine(vm::Program p);
  vm::Program program;
  MemoryLayout layout;
  ProgramAir rom;
  CpuAir cpu;
  MemoryAccessAir access{true};
  MemoryBoundaryAir boundary;
  Range16Air range;
  ByteOpsAir byte_ops;
  SyscallIoAir io;
  keccak::KeccakAir keccak;
  GlobalMemoryStandInAir global_memory;
  PublicValuesStandInAir public_values;
  std::vector<const air::Air*> airs;  // in Table order
  std::vector<air::CompiledAir> compiled;
  std::vector<field::Matrix> pre;
};

struct Witness {
  std::vector<field::Matrix> main;       // in Table order
  std::vector<std::vector<Fp>> publics;  // likewise
};

// The honest tables of `segment` as the run's only segment (number 1; commits start at 0); the
// stand-ins hold its boundary cells and `public_values`.
Witness build(const SegmentMachine& m, const vm::SegmentRecord& segment, uint32_t exit_code,
              std::span<const uint8_t> public_values);

// "" when every table satisfies its constraints and every bus balances (the global ones too unless
// local_only); otherwise "<table name>: <constraint>" or "bus <id>: ...".
std::string check(const SegmentMachine& m, const Witness& w, bool local_only = false);

// Only the buses: "" when every bus balances, otherwise the first imbalance (as check()).
std::string bus_problem(const SegmentMachine& m, const Witness& w, bool local_only = false);

bool starts(const std::string& s, const char* prefix);

// After a forgery edits lookup values (range-checked values, bytes), sets the Range16 and ByteOps
// multiplicities so those lookups balance again when the looked-up row exists (a value < 2^16, a
// byte op with its true result); other imbalances are left as they are. So a test can show that a
// forged trace fails exactly one constraint, everything else being consistent.
void settle_lookups(const SegmentMachine& m, Witness& w);

// Makes the memory word `addr` (a word index) hold `value` from its access at `ts` on (ts = 0: from
// the segment's start, in the boundary and global stand-in), in the access table (that row's new value, then every following read of the cell, up to the next write or the
// segment's final value in the boundary and global stand-in). The chips that requested those reads
// (CPU, syscall I/O) are the test's to adjust.
void rewrite_word(Witness& w, uint32_t addr, uint32_t ts, uint32_t value);

// The first row of table `t` whose columns `cols` hold `values`; SIZE_MAX if none.
size_t find_row(const Witness& w, Table t, std::initializer_list<size_t> cols, std::initializer_list<uint32_t> values);

}  // namespace oneproof::chips::harness
