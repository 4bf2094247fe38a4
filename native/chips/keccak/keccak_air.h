// The keccak-f[1600] precompile chip: proves the KECCAK_PERMUTE syscalls of a segment.
//
// Layout (keccak_layout.h): one row per round, 24 rows per permutation, permutations stacked; the
// table is padded to a power of two with honest permutations of the zero state whose `real` flag
// is 0, the last one possibly cut short. Round r's row holds the round's input state A as limbs and
// witnesses for theta (column parities C, C' = C ^ D, the state A' = A ^ D as bits), the state after
// rho, pi and chi as limbs, and lane (0,0) after iota. All constraints have degree <= 3:
//   - round flags: one-hot, pinned on the first row and rotated by one each row, so every row's
//     round is fixed; per-permutation values (real, pointer, ts, input) are equal across a
//     permutation's rows; round 0's A is the input; round r+1's A is round r's output;
//   - theta: C, C', A' are bits; C'[x][z] = C[x][z] ^ C[x-1][z] ^ C[x+1][z-1]; sum_y A'[x][y][z] - C'[x][z]
//     is even (so C is the true column parity of A); A limbs = recomposed A' ^ C ^ C' (so A' = A ^ D);
//   - rho and pi are the column wiring of chi's inputs (B = rotations of A' bits), chi is checked limb
//     by limb: chi = sum_z 2^z (B ^ (~B[x+1] & B[x+2]));
//   - iota: lane (0,0) after chi as bits, xor the round constant selected by the round flags.
// Bus interactions on the last round's row of a real permutation (multiplicity real * step[23]):
//   - receives (ptr_lo, ptr_hi, ts) on BUS_KECCAK_CALL, where ptr_lo = 4q (so the pointer is aligned);
//   - sends (word_index + i, ts, in_lo, in_hi, out_lo, out_hi) on BUS_KECCAK_MEM (= BUS_SYSCALL_MEM) for the 50 words;
//   - sends q, 4q, hi, gap_lo, gap_hi, 4 gap_hi on BUS_RANGE16, which bounds q < 2^14 (so 4q is the
//     pointer's low limb exactly and the pointer is aligned), hi < 2^16 and word_index - 0x400 =
//     gap_lo + 2^16 gap_hi in [0, 2^30), where word_index = q + 2^14 hi = pointer / 4: the state lies in
//     guest memory, never in the registers (word indices < 32), and its 50 word indices do not wrap.
#pragma once
#include "air/air.h"
#include "chips/keccak/keccak_buses.h"
#include "chips/keccak/keccak_layout.h"

namespace oneproof::chips::keccak {

class KeccakAir : public air::Air {
 public:
  std::string name() const override { return "zkvm/keccak-f1600-v2"; }
  size_t width() const override { return Cols::kWidth; }
  void eval(air::AirBuilder& b) const override;
};

}  // namespace oneproof::chips::keccak
