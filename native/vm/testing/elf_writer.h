// Writes minimal ELF32 RISC-V executables for tests and benchmarks (no sections, just PT_LOADs).
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

namespace oneproof::vm::testing {

struct ElfSegmentSpec {
  uint32_t vaddr;
  std::vector<uint8_t> bytes;
  uint32_t mem_size;  // >= bytes.size()
  uint32_t flags;     // PF_X = 1, PF_W = 2, PF_R = 4
};

inline constexpr uint32_t kPfX = 1, kPfW = 2, kPfR = 4;

inline std::vector<uint8_t> code_bytes(const std::vector<uint32_t>& words) {
  std::vector<uint8_t> out(words.size() * 4);
  std::memcpy(out.data(), words.data(), out.size());  // the host is little-endian like the guest
  return out;
}

inline std::vector<uint8_t> write_elf(uint32_t entry, const std::vector<ElfSegmentSpec>& segments, uint32_t e_flags = 0) {
  std::vector<uint8_t> out(52 + 32 * segments.size());
  auto put16 = [&](size_t off, uint32_t v) { out[off] = uint8_t(v); out[off + 1] = uint8_t(v >> 8); };
  auto put32 = [&](size_t off, uint32_t v) { for (int i = 0; i < 4; ++i) out[off + i] = uint8_t(v >> (8 * i)); };
  const uint8_t ident[8] = {0x7f, 'E', 'L', 'F', 1, 1, 1, 0};
  std::memcpy(out.data(), ident, 8);
  put16(16, 2);    // ET_EXEC
  put16(18, 243);  // EM_RISCV
  put32(20, 1);
  put32(24, entry);
  put32(28, 52);  // program headers right after the ELF header
  put32(32, 0);
  put32(36, e_flags);
  put16(40, 52);
  put16(42, 32);
  put16(44, uint32_t(segments.size()));
  put16(46, 40);
  for (size_t i = 0; i < segments.size(); ++i) {
    const ElfSegmentSpec& s = segments[i];
    // File offset congruent to vaddr modulo the page size, as mmap-based loaders (qemu-user) need.
    while (!s.bytes.empty() && out.size() % 4096 != s.vaddr % 4096) out.push_back(0);
    uint32_t offset = uint32_t(out.size());
    if (s.bytes.empty()) {  // qemu-user wants even empty segments to start inside the file
      offset = uint32_t(4096 * ((out.size() - 1) / 4096) + s.vaddr % 4096);
      if (offset > out.size()) offset = offset >= 4096 ? offset - 4096 : 0;
    }
    out.insert(out.end(), s.bytes.begin(), s.bytes.end());
    const size_t ph = 52 + 32 * i;
    put32(ph, 1);  // PT_LOAD
    put32(ph + 4, offset);
    put32(ph + 8, s.vaddr);
    put32(ph + 12, s.vaddr);
    put32(ph + 16, uint32_t(s.bytes.size()));
    put32(ph + 20, s.mem_size);
    put32(ph + 24, s.flags);
    put32(ph + 28, 4096);
  }
  return out;
}

// The usual layout: code at 0x10000 (R+X), a zeroed read-write area at 0x20000.
inline constexpr uint32_t kTextBase = 0x10000, kDataBase = 0x20000;
inline std::vector<uint8_t> simple_elf(const std::vector<uint32_t>& code, uint32_t data_size = 0x1000,
                                       std::vector<uint8_t> data = {}) {
  std::vector<ElfSegmentSpec> segs = {{kTextBase, code_bytes(code), uint32_t(code.size() * 4), kPfR | kPfX}};
  if (data_size) segs.push_back({kDataBase, std::move(data), data_size, kPfR | kPfW});
  return write_elf(kTextBase, segs);
}

}  // namespace oneproof::vm::testing
