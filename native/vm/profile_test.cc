// Cycle profiles: a guest whose instruction counts are known by construction is attributed
// exactly to its functions, the histogram sums to the cycle count, names are demangled and
// grouped, and malformed symbol tables are refused.
#include <cstring>
#include <numeric>
#include <string>

#include "common/test.h"
#include "vm/elf.h"
#include "vm/machine.h"
#include "vm/profile.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof::vm;
using namespace oneproof::vm::testing;

namespace {

struct SymbolSpec {
  std::string name;
  uint32_t addr, size;
  uint8_t type = 2;  // STT_FUNC
};

void put32(std::vector<uint8_t>& b, size_t off, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[off + i] = uint8_t(v >> (8 * i));
}
void put16(std::vector<uint8_t>& b, size_t off, uint32_t v) { b[off] = uint8_t(v); b[off + 1] = uint8_t(v >> 8); }

// Appends .symtab, .strtab and .shstrtab (and the section header table) to an ELF from write_elf.
std::vector<uint8_t> with_symbols(std::vector<uint8_t> elf, const std::vector<SymbolSpec>& symbols) {
  std::string strtab(1, '\0');
  std::vector<uint8_t> symtab(16, 0);  // symbol 0 is the null symbol
  for (const SymbolSpec& s : symbols) {
    const size_t at = symtab.size();
    symtab.resize(at + 16, 0);
    put32(symtab, at, uint32_t(strtab.size()));
    put32(symtab, at + 4, s.addr);
    put32(symtab, at + 8, s.size);
    symtab[at + 12] = uint8_t(0x10 | s.type);  // STB_GLOBAL
    put16(symtab, at + 14, 1);
    strtab += s.name;
    strtab += '\0';
  }
  const std::string shstrtab = std::string("\0.symtab\0.strtab\0.shstrtab\0", 27);
  auto append = [&](const void* p, size_t n) {
    const size_t at = elf.size();
    elf.insert(elf.end(), static_cast<const uint8_t*>(p), static_cast<const uint8_t*>(p) + n);
    return uint32_t(at);
  };
  const uint32_t symtab_off = append(symtab.data(), symtab.size());
  const uint32_t strtab_off = append(strtab.data(), strtab.size());
  const uint32_t shstrtab_off = append(shstrtab.data(), shstrtab.size());
  while (elf.size() % 4) elf.push_back(0);
  const uint32_t shoff = uint32_t(elf.size());
  elf.resize(elf.size() + 4 * 40, 0);
  auto header = [&](int i, uint32_t name, uint32_t type, uint32_t off, uint32_t size, uint32_t link, uint32_t entsize) {
    const size_t h = shoff + size_t(i) * 40;
    put32(elf, h, name);
    put32(elf, h + 4, type);
    put32(elf, h + 16, off);
    put32(elf, h + 20, size);
    put32(elf, h + 24, link);
    put32(elf, h + 36, entsize);
  };
  header(1, 1, 2, symtab_off, uint32_t(symtab.size()), 2, 16);       // .symtab -> .strtab
  header(2, 9, 3, strtab_off, uint32_t(strtab.size()), 0, 0);        // .strtab
  header(3, 17, 3, shstrtab_off, uint32_t(shstrtab.size()), 0, 0);   // .shstrtab
  put32(elf, 32, shoff);
  put16(elf, 46, 40);
  put16(elf, 48, 4);
  put16(elf, 50, 3);
  return elf;
}

constexpr uint32_t kCalls = 1000;
const char* kHotMangled = "_ZN8oneproof5guest6crypto9keccak256EPKhj";
const char* kHotDemangled = "oneproof::guest::crypto::keccak256(unsigned char const*, unsigned int)";

// [0] jal main
// hot (keccak-named, 5 instructions): saves ra, calls helper, returns
// helper (memcpy, 2 instructions)
// cold (3 instructions): calls save through t0 (as __riscv_save_N millicode is), tail-calls helper
// save (2 instructions): returns with jr t0
// main: calls hot kCalls times, cold once, halts.
struct Guest {
  std::vector<uint32_t> code;
  uint32_t hot = 1, helper = 6, cold = 8, save = 11, main = 13;
};
Guest guest() {
  Guest g;
  Assembler a;
  a.jal(0, int32_t(4 * g.main));
  a.addi(6, reg::ra, 0);  // hot
  a.addi(5, 5, 1);
  a.jal(reg::ra, int32_t(4 * g.helper) - int32_t(4 * a.here()));
  a.addi(reg::ra, 6, 0);
  a.jalr(0, reg::ra, 0);
  a.addi(7, 7, 3);  // helper
  a.jalr(0, reg::ra, 0);
  a.jal(5, int32_t(4 * g.save) - int32_t(4 * a.here()));  // cold
  a.addi(7, 7, 1);
  a.jal(0, int32_t(4 * g.helper) - int32_t(4 * a.here()));
  a.addi(28, 28, 1);  // save
  a.jalr(0, 5, 0);
  a.li(9, kCalls);  // main
  const uint32_t loop = a.here();
  a.jal(reg::ra, int32_t(4 * g.hot) - int32_t(4 * a.here()));
  a.addi(9, 9, -1);
  a.bne(9, 0, int32_t(4 * loop) - int32_t(4 * a.here()));
  a.jal(reg::ra, int32_t(4 * g.cold) - int32_t(4 * a.here()));
  a.li(reg::a0, 0);
  a.halt();
  g.code = a.words;
  return g;
}

std::vector<uint8_t> guest_elf(const Guest& g) {
  const uint32_t main_size = uint32_t(4 * (g.code.size() - g.main));
  // The entry jump at [0] lies in no symbol: its one cycle is unattributed.
  return with_symbols(simple_elf(g.code), {{kHotMangled, kTextBase + 4 * g.hot, 20},
                                           {"memcpy", kTextBase + 4 * g.helper, 8},
                                           {"cold_fn", kTextBase + 4 * g.cold, 12},
                                           {"__riscv_save_0", kTextBase + 4 * g.save, 8},
                                           {"main", kTextBase + 4 * g.main, main_size},
                                           {"data_object", kDataBase, 64, 1}});  // STT_OBJECT: ignored
}

uint64_t histogram_sum(const PcHistogram& h) {
  uint64_t n = 0;
  for (const auto& r : h.ranges) n = std::accumulate(r.counts.begin(), r.counts.end(), n);
  return n;
}

}  // namespace

OP_TEST(counting_run_matches_plain_run_and_sums_to_cycles) {
  const Guest g = guest();
  const std::vector<uint8_t> elf = guest_elf(g);
  const Program program = load_elf(elf);
  const ExecutionResult plain = execute(program, {});
  PcHistogram h;
  const ExecutionResult counted = execute_counting(program, {}, {}, h);
  CHECK_EQ(counted.cycles, plain.cycles);
  CHECK_EQ(counted.exit_code, plain.exit_code);
  CHECK_EQ(histogram_sum(h), counted.cycles);
  REQUIRE(h.ranges.size() == 1);
  CHECK_EQ(h.ranges[0].base, kTextBase);
  CHECK_EQ(h.ranges[0].counts[0], 1u);                      // the entry jump
  CHECK_EQ(h.ranges[0].counts[g.hot], uint64_t(kCalls));        // first instruction of hot
  CHECK_EQ(h.ranges[0].counts[g.helper], uint64_t(kCalls + 1));
  CHECK_EQ(h.ranges[0].counts[g.cold], 1u);
}

OP_TEST(profile_attributes_cycles_to_the_expected_functions) {
  const Guest g = guest();
  const CycleProfile p = profile_execution(guest_elf(g), {});
  REQUIRE(p.functions.size() == 5);
  CHECK_EQ(p.functions[0].name, std::string(kHotDemangled));
  CHECK_EQ(p.functions[0].cycles, uint64_t(5 * kCalls));
  CHECK(p.functions[0].group == CostGroup::Keccak);
  auto self = [&](const std::string& name) {
    for (const auto& f : p.functions) if (f.name == name) return f.cycles;
    return uint64_t(0);
  };
  CHECK_EQ(self("memcpy"), uint64_t(2 * (kCalls + 1)));  // from hot kCalls times, once from cold's tail call
  CHECK_EQ(self("cold_fn"), 3u);
  CHECK_EQ(self("__riscv_save_0"), 2u);
  CHECK_EQ(p.unattributed, 1u);
  uint64_t sum = p.unattributed;
  for (const auto& f : p.functions) sum += f.cycles;
  CHECK_EQ(sum, p.result.cycles);
  // Self: only hot's own instructions are keccak. Call stack: memcpy called from hot is keccak too,
  // memcpy reached from cold (other) by a tail call is not.
  CHECK_EQ(p.self_group_cycles[size_t(CostGroup::Keccak)], uint64_t(5 * kCalls));
  CHECK_EQ(p.group_cycles[size_t(CostGroup::Keccak)], uint64_t(7 * kCalls));
  CHECK_EQ(p.group_cycles[size_t(CostGroup::Other)], p.result.cycles - 7 * kCalls);
  CHECK_EQ(std::accumulate(p.group_cycles.begin(), p.group_cycles.end(), uint64_t(0)), p.result.cycles);
  CHECK_EQ(std::accumulate(p.self_group_cycles.begin(), p.self_group_cycles.end(), uint64_t(0)), p.result.cycles);
}

OP_TEST(call_labels_follow_calls_returns_and_tail_calls) {
  const Guest g = guest();
  const Program program = load_elf(simple_elf(g.code));
  // Label hot as 3 and cold as 5; helper and save inherit from their caller.
  CallLabels calls;
  calls.entry_label = [&](uint32_t pc) {
    if (pc == kTextBase + 4 * g.hot) return 3;
    if (pc == kTextBase + 4 * g.cold) return 5;
    if (pc == kTextBase + 4 * g.helper || pc == kTextBase + 4 * g.save || pc == kTextBase + 4 * g.main) return 0;
    return -1;
  };
  PcHistogram h;
  const ExecutionResult r = execute_counting(program, {}, {}, h, &calls);
  CHECK_EQ(calls.cycles[3], uint64_t(7 * kCalls));  // hot and the helper it calls
  // cold and the save it calls through t0 (and returns from with jr t0); a tail call replaces
  // cold's frame, so the helper it jumps to inherits from cold's caller (main).
  CHECK_EQ(calls.cycles[5], 5u);
  CHECK_EQ(calls.cycles[0], r.cycles - 7 * kCalls - 5);
}

OP_TEST(stripped_elf_profiles_everything_as_unattributed) {
  const Guest g = guest();
  const CycleProfile p = profile_execution(simple_elf(g.code), {});
  CHECK(p.functions.empty());
  CHECK_EQ(p.unattributed, p.result.cycles);
  CHECK_EQ(p.group_cycles[size_t(CostGroup::Other)], p.result.cycles);
  CHECK_EQ(p.self_group_cycles[size_t(CostGroup::Other)], p.result.cycles);
}

OP_TEST(demangles_and_groups_validator_names) {
  CHECK_EQ(demangle(kHotMangled), std::string(kHotDemangled));
  CHECK_EQ(demangle("memcpy"), std::string("memcpy"));
  CHECK_EQ(demangle("_Zbroken"), std::string("_Zbroken"));
  CHECK(cost_group("oneproof::guest::crypto::Keccak256::update(unsigned char const*, unsigned int)") == CostGroup::Keccak);
  CHECK(cost_group("op_keccak_permute") == CostGroup::Keccak);
  CHECK(cost_group("oneproof::guest::crypto::recover_public_key(...)") == CostGroup::Signature);
  CHECK(cost_group("oneproof::guest::crypto::Fp<oneproof::guest::crypto::secp256k1::FieldSpec>::mul()") == CostGroup::Signature);
  CHECK(cost_group("oneproof::guest::precompiles::ecrecover(unsigned char const*, unsigned int, unsigned char*)") == CostGroup::Signature);
  CHECK(cost_group("oneproof::guest::mpt::Trie::get(...)") == CostGroup::Trie);
  CHECK(cost_group("oneproof::guest::state::WitnessBackend::read_account(...)") == CostGroup::Trie);
  CHECK(cost_group("memcpy") == CostGroup::Other);
  // Parameter types do not make a function part of a group; template arguments of its class do.
  CHECK(cost_group("oneproof::guest::block::execute(oneproof::guest::mpt::NodeStore const&, int)") == CostGroup::Other);
  CHECK(cost_group("oneproof::guest::validator::validate(oneproof::guest::crypto::Keccak256&) const") == CostGroup::Other);
  CHECK(cost_group("oneproof::guest::mpt::(anonymous namespace)::insert(oneproof::guest::mpt::NodeStore const&)") == CostGroup::Trie);
  CHECK(cost_group("g1_map()::$_1::operator()() const") == CostGroup::Other);
  CHECK(cost_group("oneproof::guest::evm::Interpreter::run()") == CostGroup::Other);
}

OP_TEST(malformed_symbol_tables_are_refused) {
  const Guest g = guest();
  const std::vector<uint8_t> good = guest_elf(g);
  const uint32_t shoff = uint32_t(good[32]) | uint32_t(good[33]) << 8 | uint32_t(good[34]) << 16 | uint32_t(good[35]) << 24;
  auto refused = [](const std::vector<uint8_t>& elf) {
    try {
      function_symbols(elf);
    } catch (const ElfError&) {
      return true;
    }
    return false;
  };
  CHECK(!refused(good));
  std::vector<uint8_t> bad = good;
  put32(bad, 32, uint32_t(bad.size()));  // section headers past the end
  CHECK(refused(bad));
  bad = good;
  put32(bad, shoff + 40 + 20, 0x7fffffff);  // .symtab larger than the file
  CHECK(refused(bad));
  bad = good;
  put32(bad, shoff + 40 + 24, 9);  // .symtab links to a section that does not exist
  CHECK(refused(bad));
  bad = good;
  put32(bad, shoff + 2 * 40 + 20, 2);  // .strtab cut short: names fall outside it
  CHECK(refused(bad));
  bad = good;
  put32(bad, shoff + 40 + 36, 12);  // wrong symbol entry size
  CHECK(refused(bad));
  CHECK(refused(std::vector<uint8_t>(good.begin(), good.begin() + 40)));
}
