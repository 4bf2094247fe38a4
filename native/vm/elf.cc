#include "vm/elf.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace oneproof::vm {
namespace {

constexpr uint16_t kEtExec = 2;
constexpr uint16_t kEmRiscv = 243;
constexpr uint32_t kPtLoad = 1, kPtDynamic = 2, kPtInterp = 3;
constexpr uint32_t kPfX = 1, kPfW = 2, kPfR = 4;
// e_flags bits that rv32im (ilp32, soft-float) code must not carry.
constexpr uint32_t kEfRiscvRvc = 0x1, kEfRiscvFloatAbi = 0x6, kEfRiscvRve = 0x8;
constexpr size_t kEhdrSize = 52, kPhdrSize = 32;

uint16_t u16(std::span<const uint8_t> b, size_t off) { return uint16_t(b[off] | (b[off + 1] << 8)); }
uint32_t u32(std::span<const uint8_t> b, size_t off) {
  return uint32_t(b[off]) | uint32_t(b[off + 1]) << 8 | uint32_t(b[off + 2]) << 16 | uint32_t(b[off + 3]) << 24;
}

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

void check_header(std::span<const uint8_t> b) {
  if (b.size() < kEhdrSize) throw ElfError("file is " + std::to_string(b.size()) + " bytes, shorter than an ELF32 header");
  if (std::memcmp(b.data(), "\x7f" "ELF", 4) != 0) throw ElfError("not an ELF file (bad magic)");
  if (b[4] != 1) throw ElfError("not ELF32 (EI_CLASS " + std::to_string(b[4]) + "); rv32im guests are 32-bit");
  if (b[5] != 1) throw ElfError("not little-endian (EI_DATA " + std::to_string(b[5]) + ")");
  if (b[6] != 1) throw ElfError("unsupported ELF version " + std::to_string(b[6]));
  if (u16(b, 16) != kEtExec) throw ElfError("not an executable (e_type " + std::to_string(u16(b, 16)) + "); link it statically");
  if (u16(b, 18) != kEmRiscv) throw ElfError("not a RISC-V file (e_machine " + std::to_string(u16(b, 18)) + ")");
  const uint32_t flags = u32(b, 36);
  if (flags & kEfRiscvRvc) throw ElfError("e_flags has RVC: compressed instructions are not rv32im");
  if (flags & kEfRiscvFloatAbi) throw ElfError("e_flags has a floating-point ABI: rv32im guests use ilp32 (soft-float)");
  if (flags & kEfRiscvRve) throw ElfError("e_flags has RVE: rv32e is not supported");
}

}  // namespace

Program load_elf(std::span<const uint8_t> b) {
  check_header(b);
  Program program;
  program.entry = u32(b, 24);
  const uint64_t phoff = u32(b, 28);
  const uint16_t phentsize = u16(b, 42), phnum = u16(b, 44);
  if (phnum == 0) throw ElfError("no program headers");
  if (phentsize != kPhdrSize) throw ElfError("program header size " + std::to_string(phentsize) + ", expected 32");
  if (phoff + uint64_t(phnum) * kPhdrSize > b.size()) throw ElfError("program headers extend past the end of the file");

  for (uint16_t i = 0; i < phnum; ++i) {
    const size_t ph = size_t(phoff) + size_t(i) * kPhdrSize;
    const uint32_t type = u32(b, ph), offset = u32(b, ph + 4), vaddr = u32(b, ph + 8);
    const uint32_t filesz = u32(b, ph + 16), memsz = u32(b, ph + 20), pflags = u32(b, ph + 24);
    const std::string where = "segment " + std::to_string(i) + " (vaddr " + hex(vaddr) + ")";
    if (type == kPtDynamic || type == kPtInterp) throw ElfError(where + " asks for dynamic linking; link statically");
    if (type != kPtLoad || memsz == 0) continue;
    if (filesz > memsz) throw ElfError(where + ": file size " + hex(filesz) + " exceeds memory size " + hex(memsz));
    if (uint64_t(offset) + filesz > b.size()) throw ElfError(where + " extends past the end of the file");
    if (uint64_t(vaddr) + memsz > (uint64_t(1) << 32)) throw ElfError(where + " extends past the 32-bit address space");
    if (vaddr < kLowestGuestAddress) throw ElfError(where + " maps the null page (below " + hex(kLowestGuestAddress) + ")");
    if ((pflags & kPfW) && (pflags & kPfX)) throw ElfError(where + " is both writable and executable");
    if ((pflags & kPfX) && vaddr % 4 != 0) throw ElfError(where + " is executable but not 4-byte aligned");
    Segment s;
    s.vaddr = vaddr;
    s.mem_size = memsz;
    s.data.assign(b.begin() + offset, b.begin() + offset + filesz);
    s.readable = pflags & kPfR;
    s.writable = pflags & kPfW;
    s.executable = pflags & kPfX;
    program.segments.push_back(std::move(s));
  }
  if (program.segments.empty()) throw ElfError("no loadable segments");

  std::sort(program.segments.begin(), program.segments.end(), [](const Segment& a, const Segment& c) { return a.vaddr < c.vaddr; });
  for (size_t i = 1; i < program.segments.size(); ++i) {
    const Segment& prev = program.segments[i - 1];
    if (uint64_t(prev.vaddr) + prev.mem_size > program.segments[i].vaddr)
      throw ElfError("segments at " + hex(prev.vaddr) + " and " + hex(program.segments[i].vaddr) + " overlap");
    // Memory permissions are per 4 KiB page, so a page must not mix writable and read-only bytes.
    const uint64_t prev_last_page = (uint64_t(prev.vaddr) + prev.mem_size - 1) / kPageSize;
    const Segment& cur = program.segments[i];
    if (prev_last_page == cur.vaddr / kPageSize && (prev.writable != cur.writable || prev.executable != cur.executable))
      throw ElfError("segments at " + hex(prev.vaddr) + " and " + hex(cur.vaddr) +
                     " share a 4 KiB page but have different permissions");
  }
  if (program.entry % 4 != 0) throw ElfError("entry point " + hex(program.entry) + " is not 4-byte aligned");
  const bool entry_ok = std::any_of(program.segments.begin(), program.segments.end(), [&](const Segment& s) {
    return s.executable && program.entry >= s.vaddr && uint64_t(program.entry) + 4 <= uint64_t(s.vaddr) + s.mem_size;
  });
  if (!entry_ok) throw ElfError("entry point " + hex(program.entry) + " is not inside an executable segment");
  return program;
}

}  // namespace oneproof::vm
