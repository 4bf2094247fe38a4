// Trace generation for the keccak-f[1600] chip (keccak_air.h) from the segment's KECCAK_PERMUTE calls.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <vector>
#include "chips/range16.h"
#include "field/matrix.h"
#include "vm/trace.h"

namespace oneproof::chips::keccak {

using State = std::array<uint64_t, 25>;  // lane (x, y) at x + 5y, as vm/keccak.h

// One KECCAK_PERMUTE call: the 200-byte state at byte address `ptr` (4-aligned, in guest memory)
// read and overwritten by its permutation, all 50 words at memory timestamp `ts`.
struct KeccakEvent {
  State input{}, output{};
  uint32_t ptr = 0;
  uint32_t ts = 0;
};

// The calls recorded in a segment (vm::SyscallEvent with number KECCAK_PERMUTE: its 50 word writes).
// Throws std::invalid_argument for a malformed record (word count, addresses, timestamps).
std::vector<KeccakEvent> keccak_events(const vm::SegmentRecord& segment);

// The chip's main trace: 24 rows per event, padded to a power of two (>= 32 rows) with permutations
// of the zero state flagged as padding. The range checks it sends are added to `ranges`. Throws
// std::invalid_argument if an event's output is not keccak-f(input) or its pointer is unaligned,
// below guest memory (0x1000) or runs past 2^32.
field::Matrix keccak_trace(std::span<const KeccakEvent> events, RangeCounts& ranges);

// Software keccak-f[1600] pieces, round by round (FIPS 202), used by the trace and its tests.
void keccak_round(State& state, unsigned round);
State rho_pi_chi(const State& after_theta);
State keccak_permute(State state);

// Fills one row's round witness (A, C, C', A', chi, lane (0,0) bits and iota output) for `round` from
// the round's input state and returns the round's output. The tests use it with write_chi_output
// to build traces that are consistent everywhere except at one forged step.
State fill_round(std::span<field::Fp> row, const State& input, unsigned round);
// Overwrites a row's chi output (all lanes, with lane (0,0)'s bits) and lane (0,0)'s iota output.
void write_chi_output(std::span<field::Fp> row, const State& chi, uint64_t out00);

}  // namespace oneproof::chips::keccak
