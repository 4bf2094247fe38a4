// The zkVM chips' LogUp buses and how machine values become field elements.
//
// Words: a 32-bit value does not fit the 31-bit KoalaBear field, so chips carry it as two 16-bit
// limbs (lo, hi), each range-checked through the Range16 table.
// Addresses: the memory bus works on word indices: register x_r is index r (0..31) and the guest
// word at byte address a (a >= 0x1000, 4-aligned) is index a / 4 (>= 0x400), so both fit the field
// and never collide.
#pragma once
#include <cstdint>

#include "field/koalabear.h"

namespace oneproof::chips {

using field::Fp;

inline constexpr uint32_t BUS_RANGE16 = 100;  // (v): 0 <= v < 2^16
inline constexpr uint32_t BUS_MEMORY = 101;   // (addr, lo, hi, ts): a memory cell's latest state
inline constexpr uint32_t BUS_ACCESS = 102;   // (addr, ts, lo, hi, is_write): an access a chip makes
inline constexpr uint32_t BUS_BYTE_OP = 104;  // (op, a, b, result): a bitwise op on two bytes
inline constexpr uint32_t BUS_PROGRAM = 103;  // (pc, opcode, rd, rs1, rs2, imm_lo, imm_hi, imm): the ROM

// Buses at or above stark::GLOBAL_BUS_MIN are shared by every proof of a multi-segment run: their
// tuples balance across all segment proofs and the run's global proof together, while the buses
// above are salted with the segment number and so balance within each segment (zkvm/prove.h).
// (addr, lo, hi, segment): a cell's value at the end of `segment` (0: the initial memory image).
inline constexpr uint32_t BUS_GLOBAL_MEMORY = 1000;
// (index, byte): byte `index` of the public values, sent by the chip proving COMMIT; the verifier
// receives every (i, public_values[i]) itself.
inline constexpr uint32_t BUS_PUBLIC_VALUES = 1001;

// The vm trace's address (register index or byte address) as a memory-bus word index.
inline uint32_t word_index(uint32_t vm_addr) { return vm_addr < 32 ? vm_addr : vm_addr >> 2; }
inline Fp lo16(uint32_t v) { return Fp::from_u32(v & 0xffff); }
inline Fp hi16(uint32_t v) { return Fp::from_u32(v >> 16); }

}  // namespace oneproof::chips
