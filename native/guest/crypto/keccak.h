// Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not SHA3's 0x06), one-shot and
// streaming, over keccak-f[1600]. In the rv32im guest (OP_GUEST_RV32 / ONEPROOF_GUEST_RV32) the
// permutation is the zkVM precompile op_keccak_permute; on hosts it is computed in software.
#pragma once
#include <cstddef>
#include <cstdint>

#include "guest/common/bytes.h"

namespace oneproof::guest::crypto {

// keccak-f[1600] on 25 little-endian lanes (lane x + 5y at index x + 5y), in place.
void keccak_f1600(uint64_t state[25]);

// Streaming Keccak-256: update() any number of times, then finalize() once.
class Keccak256 {
 public:
  static constexpr size_t kRate = 136;  // bytes absorbed per permutation (1600 - 2*256 bits)

  void update(const uint8_t* data, size_t n);
  void update(const Bytes& b) { update(b.data(), b.size()); }
  Hash32 finalize();

 private:
  uint64_t state_[25] = {};
  uint8_t buffer_[kRate] = {};
  size_t buffered_ = 0;
};

Hash32 keccak256(const uint8_t* data, size_t n);
inline Hash32 keccak256(const Bytes& b) { return keccak256(b.data(), b.size()); }

// keccak256("") — the code hash of accounts without code.
inline constexpr Hash32 kEmptyCodeHash{{0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d,
                                        0xb2, 0xdc, 0xc7, 0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82,
                                        0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70}};

}  // namespace oneproof::guest::crypto
