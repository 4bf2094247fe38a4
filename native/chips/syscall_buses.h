// The LogUp buses that connect the CPU's ecall rows to the syscall chips, and those chips to the
// memory access chip (ids clear of chips/buses.h; all private to a segment's proof).
#pragma once
#include <cstdint>

namespace oneproof::chips {

// (is_commit, ts, ptr_lo, ptr_hi, n_lo, n_hi): a READ (is_commit = 0) or COMMIT (1) of n > 0 bytes at
// ptr, sent by the CPU's ECALL row (a0 = ptr, a1 = n), received by the syscall I/O chip (syscall_io.h);
// ts is the call's memory timestamp (cycle timestamp + vm::kSlotMem).
inline constexpr uint32_t BUS_SYSCALL_IO = 105;
// (addr, ts, prev_lo, prev_hi, lo, hi): a memory word a syscall chip reads and rewrites at ts, with
// its previous value; the memory access row that records it receives this instead of a BUS_ACCESS
// request, so the syscall chip (keccak, I/O) states both values itself.
inline constexpr uint32_t BUS_SYSCALL_MEM = 106;
// (ptr_lo, ptr_hi, ts): a KECCAK_PERMUTE call (a0 = ptr), sent by the CPU, received by the keccak chip.
inline constexpr uint32_t BUS_KECCAK_CALL = 110;

}  // namespace oneproof::chips
