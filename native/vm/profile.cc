#include "vm/profile.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>

#include "vm/elf.h"

namespace oneproof::vm {
namespace {

constexpr uint32_t kShtSymtab = 2;
constexpr uint8_t kSttFunc = 2;
constexpr uint32_t kSectionHeaderSize = 40, kSymbolSize = 16;

uint32_t le32(std::span<const uint8_t> b, size_t off) {
  return uint32_t(b[off]) | uint32_t(b[off + 1]) << 8 | uint32_t(b[off + 2]) << 16 | uint32_t(b[off + 3]) << 24;
}
uint32_t le16(std::span<const uint8_t> b, size_t off) { return uint32_t(b[off]) | uint32_t(b[off + 1]) << 8; }

struct Section {
  uint32_t type, offset, size, link, entsize;
};

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// The name without its trailing parameter list (and qualifiers): groups must follow what a
// function is, not the types it takes (execute(mpt::NodeStore const&) is not trie code).
std::string_view without_parameters(std::string_view n) {
  const size_t close = n.rfind(')');
  if (close == std::string_view::npos) return n;
  int depth = 0;
  for (size_t i = close + 1; i-- > 0;) {
    if (n[i] == ')') ++depth;
    else if (n[i] == '(' && --depth == 0) return n.substr(0, i);
  }
  return n;
}

}  // namespace

std::string demangle(const std::string& name) {
  if (name.compare(0, 2, "_Z") != 0) return name;
  int status = 0;
  char* out = abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status);
  if (status != 0 || !out) return name;
  std::string s(out);
  std::free(out);
  return s;
}

std::vector<FunctionSymbol> function_symbols(std::span<const uint8_t> elf) {
  if (elf.size() < 52 || std::memcmp(elf.data(), "\x7f" "ELF", 4) != 0) throw ElfError("not an ELF file");
  const uint32_t shoff = le32(elf, 32), shentsize = le16(elf, 46), shnum = le16(elf, 48);
  if (shnum == 0) return {};
  if (shentsize != kSectionHeaderSize) throw ElfError("section header size " + std::to_string(shentsize) + ", expected 40");
  if (uint64_t(shoff) + uint64_t(shnum) * kSectionHeaderSize > elf.size()) throw ElfError("section headers run past the end of the file");
  std::vector<Section> sections(shnum);
  for (uint32_t i = 0; i < shnum; ++i) {
    const size_t h = shoff + size_t(i) * kSectionHeaderSize;
    sections[i] = {le32(elf, h + 4), le32(elf, h + 16), le32(elf, h + 20), le32(elf, h + 24), le32(elf, h + 36)};
  }
  std::map<uint32_t, FunctionSymbol> by_addr;  // the first name at an address wins
  for (const Section& s : sections) {
    if (s.type != kShtSymtab) continue;
    if (s.entsize != kSymbolSize || s.size % kSymbolSize != 0 || uint64_t(s.offset) + s.size > elf.size())
      throw ElfError("malformed .symtab section");
    if (s.link >= shnum) throw ElfError(".symtab links to a missing string table");
    const Section& strtab = sections[s.link];
    if (uint64_t(strtab.offset) + strtab.size > elf.size()) throw ElfError("string table runs past the end of the file");
    const char* strings = reinterpret_cast<const char*>(elf.data() + strtab.offset);
    for (uint32_t off = 0; off < s.size; off += kSymbolSize) {
      const size_t e = size_t(s.offset) + off;
      const uint32_t name = le32(elf, e), value = le32(elf, e + 4), size = le32(elf, e + 8);
      if ((elf[e + 12] & 0xf) != kSttFunc || size == 0) continue;
      if (name >= strtab.size) throw ElfError("symbol name outside the string table");
      const void* end = std::memchr(strings + name, 0, strtab.size - name);
      if (!end) throw ElfError("unterminated symbol name");
      by_addr.try_emplace(value, FunctionSymbol{value, size, demangle(std::string(strings + name, static_cast<const char*>(end)))});
    }
  }
  std::vector<FunctionSymbol> out;
  out.reserve(by_addr.size());
  for (auto& [addr, sym] : by_addr) out.push_back(std::move(sym));
  return out;
}

const char* cost_group_name(CostGroup g) {
  switch (g) {
    case CostGroup::Keccak: return "keccak";
    case CostGroup::Signature: return "signature";
    case CostGroup::Trie: return "trie";
    case CostGroup::Other: break;
  }
  return "other";
}

CostGroup cost_group(std::string_view full_name) {
  const std::string_view n = without_parameters(full_name);
  // Signature recovery first: its field and curve code is templated on secp256k1 types.
  if (contains(n, "secp256k1") || contains(n, "recover_public_key") || contains(n, "recover_address") ||
      contains(n, "recover_sender") || contains(n, "recover_authorities") || contains(n, "ecrecover"))
    return CostGroup::Signature;
  if (contains(n, "keccak") || contains(n, "Keccak")) return CostGroup::Keccak;
  if (contains(n, "mpt::") || contains(n, "WitnessBackend") || contains(n, "NodeStore")) return CostGroup::Trie;
  return CostGroup::Other;
}

CycleProfile attribute_cycles(const PcHistogram& histogram, const std::vector<FunctionSymbol>& symbols) {
  CycleProfile p;
  std::vector<uint64_t> per_symbol(symbols.size(), 0);
  for (const PcHistogram::Range& r : histogram.ranges) {
    for (size_t i = 0; i < r.counts.size(); ++i) {
      const uint64_t n = r.counts[i];
      if (n == 0) continue;
      const uint32_t pc = r.base + uint32_t(4 * i);
      // The symbol starting closest below pc, if pc lies inside it.
      auto it = std::upper_bound(symbols.begin(), symbols.end(), pc, [](uint32_t a, const FunctionSymbol& s) { return a < s.addr; });
      if (it != symbols.begin() && pc - (it - 1)->addr < (it - 1)->size) per_symbol[size_t(it - 1 - symbols.begin())] += n;
      else p.unattributed += n;
    }
  }
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (per_symbol[i] == 0) continue;
    const CostGroup g = cost_group(symbols[i].name);
    p.functions.push_back({symbols[i].name, g, per_symbol[i]});
    p.self_group_cycles[size_t(g)] += per_symbol[i];
  }
  p.self_group_cycles[size_t(CostGroup::Other)] += p.unattributed;
  std::sort(p.functions.begin(), p.functions.end(), [](const FunctionCycles& a, const FunctionCycles& b) {
    return a.cycles != b.cycles ? a.cycles > b.cycles : a.name < b.name;
  });
  return p;
}

CycleProfile profile_execution(std::span<const uint8_t> elf, std::span<const uint8_t> input, const RunOptions& options) {
  const Program program = load_elf(elf);
  const std::vector<FunctionSymbol> symbols = function_symbols(elf);
  // Call labels: 0 for Other (a frame takes its caller's group), 1 + group for the named ones.
  std::vector<int> labels(symbols.size());
  for (size_t i = 0; i < symbols.size(); ++i) {
    const CostGroup g = cost_group(symbols[i].name);
    labels[i] = g == CostGroup::Other ? 0 : 1 + int(g);
  }
  CallLabels calls;
  calls.entry_label = [&symbols, &labels](uint32_t pc) {
    auto it = std::lower_bound(symbols.begin(), symbols.end(), pc, [](const FunctionSymbol& s, uint32_t a) { return s.addr < a; });
    if (it == symbols.end() || it->addr != pc) return -1;
    return labels[size_t(it - symbols.begin())];
  };
  PcHistogram histogram;
  ExecutionResult result = execute_counting(program, input, options, histogram, &calls);
  CycleProfile p = attribute_cycles(histogram, symbols);
  p.result = std::move(result);
  for (size_t label = 0; label < kMaxCallLabels; ++label) {
    const CostGroup g = label == 0 || label > kCostGroups ? CostGroup::Other : CostGroup(label - 1);
    p.group_cycles[size_t(g)] += calls.cycles[label];
  }
  return p;
}

}  // namespace oneproof::vm
