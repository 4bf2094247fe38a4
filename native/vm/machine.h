// The RV32IM emulator: predecoded instructions, paged memory, the guest syscall ABI
// (guest/sdk/include/oneproof/syscalls.h) and an optional tracing mode that produces the
// segment records the chips prove (vm/trace.h).
#pragma once
#include <array>
#include <cstdint>
#include <functional>
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

// Executed-instruction counts per code word of each executable segment (for vm/profile.h): the
// counts sum to the run's cycle count.
struct PcHistogram {
  struct Range {
    uint32_t base = 0;              // vaddr of the segment's first word
    std::vector<uint64_t> counts;   // counts[i]: times the word at base + 4 * i was executed
  };
  std::vector<Range> ranges;
};

// Optional call-stack attribution for execute_counting. A shadow stack follows calls (jal/jalr that
// link ra or t0), returns (jalr x0, 0(ra)) and tail calls (a jump without link to a function entry);
// each frame carries a label and every cycle is counted for the label of the innermost frame.
// entry_label(pc), asked at calls and jumps only: -1 when pc is not a function entry, 0 for a
// function that takes its caller's label, 1..kMaxCallLabels-1 for one with its own label.
inline constexpr size_t kMaxCallLabels = 16;
struct CallLabels {
  std::function<int(uint32_t pc)> entry_label;
  std::array<uint64_t, kMaxCallLabels> cycles{};  // output: cycles per label (0: no labelled frame)
};

// The same execution, counting executed pcs into `histogram` (filled also when it throws) and,
// when `calls` is given, cycles per call-stack label.
ExecutionResult execute_counting(const Program& program, std::span<const uint8_t> input, const RunOptions& options,
                                 PcHistogram& histogram, CallLabels* calls = nullptr);

// The same execution, recording every cycle; throws std::invalid_argument for a bad segment size.
TracedExecution execute_traced(const Program& program, std::span<const uint8_t> input, const RunOptions& options = {});

}  // namespace oneproof::vm
