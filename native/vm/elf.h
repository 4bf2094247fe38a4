// ELF loader for rv32im guests: ELF32, little-endian, EM_RISCV, executable, no compressed or
// floating-point ABI flags. Every malformed input is an ElfError with a message that says what is wrong.
#pragma once
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace oneproof::vm {

struct ElfError : std::runtime_error {
  explicit ElfError(const std::string& what) : std::runtime_error("ELF: " + what) {}
};

// One PT_LOAD segment: [vaddr, vaddr + mem_size) with `data` at its start and zeros after it.
struct Segment {
  uint32_t vaddr = 0;
  uint32_t mem_size = 0;
  std::vector<uint8_t> data;  // file bytes (p_filesz of them)
  bool readable = false, writable = false, executable = false;
};

struct Program {
  uint32_t entry = 0;
  std::vector<Segment> segments;  // sorted by vaddr, non-overlapping, none both writable and executable
};

// The lowest address a segment may use: page 0 stays unmapped so null-pointer accesses trap.
inline constexpr uint32_t kLowestGuestAddress = 0x1000;
// Memory permissions are tracked per page of this size.
inline constexpr uint32_t kPageSize = 0x1000;

Program load_elf(std::span<const uint8_t> bytes);

}  // namespace oneproof::vm
