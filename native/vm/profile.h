// Cycle profiles of a guest run: which functions the cycles were spent in (self cycles: each
// executed instruction counts for the ELF FUNC symbol that contains it), and the share of the
// validator's cost groups (keccak, signature recovery, trie, other), counted two ways:
//   group_cycles       by call stack: a cycle belongs to the innermost caller (or the function
//                      itself) that is in a named group, so malloc or memcpy called from trie code
//                      is trie work, keccak called from trie code is keccak;
//   self_group_cycles  by the function the instruction is in (helpers count as other).
// The KECCAK_PERMUTE syscall is one cycle here: its permutation is proven by the keccak chip.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vm/machine.h"

namespace oneproof::vm {

// A function symbol of the ELF's .symtab, its name demangled.
struct FunctionSymbol {
  uint32_t addr = 0;
  uint32_t size = 0;
  std::string name;
};

// The STT_FUNC symbols with a non-zero size, sorted by address (aliases at one address keep the
// first name). Empty for an ELF without .symtab (stripped); ElfError for malformed section tables.
std::vector<FunctionSymbol> function_symbols(std::span<const uint8_t> elf);

// The demangled form of an Itanium-ABI name; the name itself when it is not mangled.
std::string demangle(const std::string& name);

enum class CostGroup : uint8_t { Keccak, Signature, Trie, Other };
inline constexpr size_t kCostGroups = 4;
const char* cost_group_name(CostGroup g);
// The group of a (demangled) function name, its parameter list ignored: keccak hashing; secp256k1 /
// sender and authority recovery / ecrecover; the Merkle-Patricia trie and the witness state
// backend; the rest.
CostGroup cost_group(std::string_view demangled_name);

struct FunctionCycles {
  std::string name;
  CostGroup group = CostGroup::Other;
  uint64_t cycles = 0;
};

struct CycleProfile {
  ExecutionResult result;
  std::vector<FunctionCycles> functions;           // functions that ran, most cycles first
  std::array<uint64_t, kCostGroups> group_cycles{};       // by call stack, indexed by CostGroup; sums to result.cycles
  std::array<uint64_t, kCostGroups> self_group_cycles{};  // by containing function; sums to result.cycles
  uint64_t unattributed = 0;                             // cycles at pcs outside every symbol (self: in Other)
};

// Runs the guest (as execute()) counting executed pcs, and attributes them to the ELF's functions.
// Throws ElfError / ExecutionError as execute() does.
CycleProfile profile_execution(std::span<const uint8_t> elf, std::span<const uint8_t> input, const RunOptions& options = {});

// Attributes a pc histogram to symbols: functions, self_group_cycles, unattributed (exposed for tests).
CycleProfile attribute_cycles(const PcHistogram& histogram, const std::vector<FunctionSymbol>& symbols);

}  // namespace oneproof::vm
