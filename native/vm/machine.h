// The RV32IM emulator: predecoded instructions, paged memory, the guest syscall ABI
// (guest/sdk/include/oneproof/syscalls.h) and an optional tracing mode that produces the
// segment records the chips prove (vm/trace.h).
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "vm/elf.h"
#include "vm/trace.h"

namespace oneproof::vm {

// Why execution stopped early, with the pc and instruction word where it happened.
struct ExecutionError : std::runtime_error {
  ExecutionError(uint32_t pc, uint32_t insn, uint64_t cycle, const std::string& reason);
  uint32_t pc;
  uint32_t insn;
  uint64_t cycle;
  std::string reason;
};

inline constexpr uint32_t kMinSegmentCycles = 1u << 16;
inline constexpr uint32_t kMaxSegmentCycles = 1u << 22;
// Caps on what a guest may emit, so a runaway guest cannot exhaust host memory.
inline constexpr size_t kMaxPublicValuesBytes = 1u << 24;
inline constexpr size_t kMaxOutputBytes = 1u << 26;

struct RunOptions {
  uint64_t max_cycles = uint64_t(1) << 32;
  uint32_t segment_cycles = kMaxSegmentCycles;  // tracing only: a power of two in [2^16, 2^22]
};

struct ExecutionResult {
  uint64_t cycles = 0;
  uint32_t exit_code = 0;
  std::vector<uint8_t> public_values;
  std::vector<uint8_t> stdout_bytes, stderr_bytes;
  std::array<uint32_t, 32> registers{};  // at HALT
  uint32_t final_pc = 0;                 // the pc of the HALT ecall
};

struct TracedExecution {
  ExecutionResult result;
  std::vector<SegmentRecord> segments;
};

// Runs until HALT; throws ExecutionError on any fault and when max_cycles pass without HALT.
ExecutionResult execute(const Program& program, std::span<const uint8_t> input, const RunOptions& options = {});

// The same execution, recording every cycle; throws std::invalid_argument for a bad segment size.
TracedExecution execute_traced(const Program& program, std::span<const uint8_t> input, const RunOptions& options = {});

}  // namespace oneproof::vm
