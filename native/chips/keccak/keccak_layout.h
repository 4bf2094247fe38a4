// Column layout of the keccak-f[1600] chip (KeccakAir, keccak_air.h) and the permutation's constants.
//
// One row per round; a permutation takes 24 consecutive rows. Lanes are indexed (x, y) -> x + 5y as in
// FIPS 202 and vm/keccak.h; a lane is stored either as 64 bits (bit z = column base + z) or as four
// 16-bit limbs (limb k holds bits 16k..16k+15), since a 32-bit word does not fit the field but a limb
// does, and the memory bus carries words as two limbs.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

namespace oneproof::chips::keccak {

inline constexpr size_t kRounds = 24;
inline constexpr size_t kLanes = 25;
inline constexpr size_t kLimbs = 4;   // 16-bit limbs per lane
inline constexpr size_t kWords = 50;  // 32-bit memory words per state

// FIPS 202 round constants (iota), round 0 first.
inline constexpr std::array<uint64_t, kRounds> kRoundConstants = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808Aull, 0x8000000080008000ull,
    0x000000000000808Bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008Aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000Aull,
    0x000000008000808Bull, 0x800000000000008Bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800Aull, 0x800000008000000Aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};

// FIPS 202 rho rotation offsets, indexed x + 5y.
inline constexpr std::array<unsigned, kLanes> kRhoOffsets = {
    0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14};

inline constexpr size_t lane(size_t x, size_t y) { return x + 5 * y; }

// pi moves lane (x, y) to (y, 2x + 3y); this is the inverse: the source lane of destination (x, y).
inline constexpr size_t pi_source(size_t x, size_t y) { return lane((x + 3 * y) % 5, x); }

// Main-trace columns, in order. Per-permutation values (real, pointer, timestamp, input) are repeated
// on all 24 rows and pinned equal between them.
struct Cols {
  static constexpr size_t kStep = 0;                              // 24 one-hot round flags
  static constexpr size_t kReal = kStep + kRounds;                // 1: a KECCAK_PERMUTE call, 0: padding
  static constexpr size_t kPtrQ = kReal + 1;                      // state pointer = 4 * q + 2^16 * hi
  static constexpr size_t kPtrHi = kPtrQ + 1;
  static constexpr size_t kGapLo = kPtrHi + 1;                    // word index - 0x400 = gap_lo + 2^16 gap_hi
  static constexpr size_t kGapHi = kGapLo + 1;
  static constexpr size_t kTs = kGapHi + 1;                       // timestamp of the 50 memory accesses
  static constexpr size_t kInput = kTs + 1;                       // 25 x 4 limbs: the permutation's input
  static constexpr size_t kA = kInput + kLanes * kLimbs;          // 25 x 4 limbs: this round's input state
  static constexpr size_t kC = kA + kLanes * kLimbs;              // 5 x 64 bits: column parities C[x]
  static constexpr size_t kCPrime = kC + 5 * 64;                  // 5 x 64 bits: C[x] ^ D[x]
  static constexpr size_t kAPrime = kCPrime + 5 * 64;             // 25 x 64 bits: state after theta
  static constexpr size_t kChi = kAPrime + kLanes * 64;           // 25 x 4 limbs: state after rho, pi, chi
  static constexpr size_t kChi00Bits = kChi + kLanes * kLimbs;    // 64 bits of lane (0,0) after chi
  static constexpr size_t kOut00 = kChi00Bits + 64;               // 4 limbs of lane (0,0) after iota
  static constexpr size_t kWidth = kOut00 + kLimbs;

  static constexpr size_t step(size_t round) { return kStep + round; }
  static constexpr size_t input(size_t ln, size_t limb) { return kInput + ln * kLimbs + limb; }
  static constexpr size_t a(size_t ln, size_t limb) { return kA + ln * kLimbs + limb; }
  static constexpr size_t c(size_t x, size_t z) { return kC + x * 64 + z; }
  static constexpr size_t c_prime(size_t x, size_t z) { return kCPrime + x * 64 + z; }
  static constexpr size_t a_prime(size_t ln, size_t z) { return kAPrime + ln * 64 + z; }
  static constexpr size_t chi(size_t ln, size_t limb) { return kChi + ln * kLimbs + limb; }
  static constexpr size_t chi00_bit(size_t z) { return kChi00Bits + z; }
  static constexpr size_t out00(size_t limb) { return kOut00 + limb; }
};

// Guest memory starts at byte 0x1000, i.e. word index 0x400; lower word indices are registers.
inline constexpr uint32_t kMinStateWordIndex = 0x400;

}  // namespace oneproof::chips::keccak
