// Precompile addresses per revision and their gas rules; the cryptography is in
// guest/precompiles/ (byte-level cores). A precompile that fails (bad input or too little gas)
// consumes all the gas given to it.
#include "guest/evm/precompiles.h"

#include <cstring>

#include "guest/precompiles/blake2f.h"
#include "guest/precompiles/bls12_381.h"
#include "guest/precompiles/kzg.h"
#include "guest/precompiles/bn254.h"
#include "guest/precompiles/ecrecover.h"
#include "guest/precompiles/modexp.h"
#include "guest/precompiles/p256.h"
#include "guest/precompiles/ripemd160.h"
#include "guest/precompiles/sha256.h"

namespace oneproof::guest::evm {

namespace {
namespace pc = oneproof::guest::precompiles;

// Address 0x00..00NN as a small integer, or -1 when the high bytes are not zero.
int small_address(const Address& a) {
  for (int i = 0; i < 18; ++i)
    if (a.b[i]) return -1;
  return a.b[18] << 8 | a.b[19];
}
int64_t words(size_t n) { return int64_t((n + 31) / 32); }

Result done(int64_t gas, int64_t cost, Bytes out) {
  if (cost > gas) return Result{Status::OutOfGas, 0, {}, {}};
  return Result{Status::Success, gas - cost, std::move(out), {}};
}
Result failure() { return Result{Status::PrecompileFailure, 0, {}, {}}; }

// EIP-2565 (Berlin: complexity * iterations / 3, at least 200) and EIP-7883 (Osaka: no divisor,
// at least 500, doubled complexity above 32 bytes); EIP-7823 bounds each length to 1024 bytes.
// EIP-2537 MSM discounts (per mille) for k = 1..128 pairs; larger k use the last value.
constexpr uint16_t kG1Discount[128] = {
    1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665, 661, 658, 654,
    651, 648, 645, 642, 640, 637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615, 613, 611, 609, 608, 606, 604,
    603, 601, 599, 598, 596, 595, 593, 592, 591, 589, 588, 586, 585, 584, 582, 581, 580, 579, 577, 576, 575, 574,
    573, 572, 570, 569, 568, 567, 566, 565, 564, 563, 562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 551,
    550, 549, 548, 547, 547, 546, 545, 544, 543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532,
    532, 531, 530, 529, 528, 528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519};
constexpr uint16_t kG2Discount[128] = {
    1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704, 699, 693, 688, 683,
    679, 674, 670, 666, 663, 659, 655, 652, 649, 646, 643, 640, 637, 634, 632, 629, 627, 624, 622, 620, 618, 615,
    613, 611, 609, 607, 606, 604, 602, 600, 598, 597, 595, 593, 592, 590, 589, 587, 586, 584, 583, 582, 580, 579,
    578, 576, 575, 574, 573, 571, 570, 569, 568, 567, 566, 565, 563, 562, 561, 560, 559, 558, 557, 556, 555, 554,
    553, 552, 552, 551, 550, 549, 548, 547, 546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536,
    535, 535, 534, 533, 532, 532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524};

int64_t msm_gas(size_t k, int64_t multiplication_cost, const uint16_t* discounts) {
  if (k == 0) return 0;
  int64_t discount = discounts[k <= 128 ? k - 1 : 127];
  return int64_t(k) * multiplication_cost * discount / 1000;
}

using Core = bool (*)(const uint8_t*, size_t, uint8_t*);
Result fixed_cost_core(Core core, const Bytes& input, int64_t gas, int64_t cost, size_t out_size) {
  if (cost > gas) return Result{Status::OutOfGas, 0, {}, {}};
  Bytes out(out_size, 0);
  if (!core(input.data(), input.size(), out.data())) return failure();
  return done(gas, cost, std::move(out));
}

Result modexp(const Bytes& input, int64_t gas, Revision rev) {
  pc::ModexpHeader h = pc::modexp_header(input.data(), input.size());
  bool osaka = rev >= Revision::Osaka;
  if (osaka && (h.base_len > uint256(1024) || h.exp_len > uint256(1024) || h.mod_len > uint256(1024))) return failure();
  uint256 max_len = h.base_len > h.mod_len ? h.base_len : h.mod_len;
  uint256 w = (max_len + uint256(7)) / uint256(8);
  if (!max_len.fits_u64() || max_len.w[0] > (1ull << 32)) return Result{Status::OutOfGas, 0, {}, {}};
  uint256 complexity = osaka ? (max_len > uint256(32) ? uint256(2) * w * w : uint256(16)) : w * w;
  uint64_t iterations = pc::modexp_adjusted_exp_length(h, osaka ? 16 : 8);
  if (iterations == 0) iterations = 1;
  uint256 cost = osaka ? complexity * uint256(iterations) : complexity * uint256(iterations) / uint256(3);
  if (complexity.bit_width() + 64 > 255) return Result{Status::OutOfGas, 0, {}, {}};
  uint256 min_cost(osaka ? 500 : 200);
  if (cost < min_cost) cost = min_cost;
  if (cost > uint256(uint64_t(gas))) return Result{Status::OutOfGas, 0, {}, {}};
  Bytes out;
  if (!pc::modexp(input.data(), input.size(), out)) return failure();
  return done(gas, int64_t(cost.w[0]), std::move(out));
}
}  // namespace

bool is_precompile(const Address& a, Revision rev) {
  int n = small_address(a);
  if (n >= 1 && n <= 0x0a) return true;                          // ecrecover .. point evaluation
  if (n >= 0x0b && n <= 0x11) return rev >= Revision::Prague;    // EIP-2537 BLS12-381
  if (n == 0x100) return rev >= Revision::Osaka;                 // EIP-7951 P256VERIFY
  return false;
}

Result run_precompile(const Address& a, Revision rev, const Bytes& input, int64_t gas) {
  const uint8_t* in = input.data();
  const size_t n = input.size();
  switch (small_address(a)) {
    case 0x01: {
      uint8_t out[32];
      if (gas < 3000) return Result{Status::OutOfGas, 0, {}, {}};
      if (!pc::ecrecover(in, n, out)) return done(gas, 3000, {});
      return done(gas, 3000, Bytes(out, out + 32));
    }
    case 0x02: {
      int64_t cost = 60 + 12 * words(n);
      if (cost > gas) return Result{Status::OutOfGas, 0, {}, {}};
      Hash32 h = pc::sha256(in, n);
      return done(gas, cost, Bytes(h.b, h.b + 32));
    }
    case 0x03: {
      int64_t cost = 600 + 120 * words(n);
      if (cost > gas) return Result{Status::OutOfGas, 0, {}, {}};
      Bytes out(32, 0);
      pc::ripemd160(in, n, out.data() + 12);
      return done(gas, cost, std::move(out));
    }
    case 0x04: return done(gas, 15 + 3 * words(n), input);
    case 0x05: return modexp(input, gas, rev);
    case 0x06: {
      if (gas < 150) return Result{Status::OutOfGas, 0, {}, {}};
      uint8_t out[64];
      if (!pc::bn254_add(in, n, out)) return failure();
      return done(gas, 150, Bytes(out, out + 64));
    }
    case 0x07: {
      if (gas < 6000) return Result{Status::OutOfGas, 0, {}, {}};
      uint8_t out[64];
      if (!pc::bn254_mul(in, n, out)) return failure();
      return done(gas, 6000, Bytes(out, out + 64));
    }
    case 0x08: {
      int64_t cost = 45000 + 34000 * int64_t(n / 192);
      if (cost > gas) return Result{Status::OutOfGas, 0, {}, {}};
      bool ok = false;
      if (n % 192 != 0 || !pc::bn254_pairing(in, n, ok)) return failure();
      Bytes out(32, 0);
      out[31] = ok ? 1 : 0;
      return done(gas, cost, std::move(out));
    }
    case 0x09: {
      uint32_t rounds = 0;
      if (!pc::blake2f_rounds(in, n, rounds)) return failure();
      if (int64_t(rounds) > gas) return Result{Status::OutOfGas, 0, {}, {}};
      uint8_t out[64];
      if (!pc::blake2f(in, n, out)) return failure();
      return done(gas, int64_t(rounds), Bytes(out, out + 64));
    }
    case 0x0a: return fixed_cost_core(pc::kzg_point_evaluation, input, gas, 50000, 64);  // EIP-4844
    // EIP-2537 BLS12-381 (Prague).
    case 0x0b: return fixed_cost_core(pc::bls12_g1add, input, gas, 375, 128);
    case 0x0c: return fixed_cost_core(pc::bls12_g1msm, input, gas, msm_gas(n / 160, 12000, kG1Discount), 128);
    case 0x0d: return fixed_cost_core(pc::bls12_g2add, input, gas, 600, 256);
    case 0x0e: return fixed_cost_core(pc::bls12_g2msm, input, gas, msm_gas(n / 288, 22500, kG2Discount), 256);
    case 0x0f: {
      int64_t cost = 37700 + 32600 * int64_t(n / 384);
      if (cost > gas) return Result{Status::OutOfGas, 0, {}, {}};
      bool ok = false;
      if (n == 0 || n % 384 != 0 || !pc::bls12_pairing_check(in, n, ok)) return failure();
      Bytes out(32, 0);
      out[31] = ok ? 1 : 0;
      return done(gas, cost, std::move(out));
    }
    case 0x10: return fixed_cost_core(pc::bls12_map_fp_to_g1, input, gas, 5500, 128);
    case 0x11: return fixed_cost_core(pc::bls12_map_fp2_to_g2, input, gas, 23800, 256);
    case 0x100: {
      if (gas < 6900) return Result{Status::OutOfGas, 0, {}, {}};
      if (!pc::p256_verify(in, n)) return done(gas, 6900, {});
      Bytes out(32, 0);
      out[31] = 1;
      return done(gas, 6900, std::move(out));
    }
    default:
      // Unreachable for callers that check is_precompile first.
      return failure();
  }
}

}  // namespace oneproof::guest::evm
