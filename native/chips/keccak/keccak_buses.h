// The keccak chip's LogUp buses (chips/syscall_buses.h owns the ids):
//   - BUS_KECCAK_CALL (ptr_lo, ptr_hi, ts): the CPU chip's ECALL row with t0 = KECCAK_PERMUTE sends the
//     a0 value it read (as 16-bit limbs) and the timestamp of the call's memory accesses
//     (its cycle timestamp + vm::kSlotMem), multiplicity 1.
//   - BUS_KECCAK_MEM = BUS_SYSCALL_MEM (addr, ts, prev_lo, prev_hi, lo, hi): for each of the 50 state
//     words, the memory access row that records it (a write at `ts`, vm::SyscallEvent) receives its
//     word index, its previous value (the permutation's input) and its new value (the output)
//     instead of a BUS_ACCESS request; the memory chip's own BUS_MEMORY consume/produce then checks
//     the input was the cell's latest value.
#pragma once
#include <cstdint>

#include "chips/syscall_buses.h"

namespace oneproof::chips::keccak {

inline constexpr uint32_t BUS_KECCAK_CALL = chips::BUS_KECCAK_CALL;
inline constexpr uint32_t BUS_KECCAK_MEM = chips::BUS_SYSCALL_MEM;

}  // namespace oneproof::chips::keccak
