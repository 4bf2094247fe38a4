#include "guest/crypto/keccak.h"

#include <cstring>

#if defined(OP_GUEST_RV32) || defined(ONEPROOF_GUEST_RV32)
#include <oneproof/precompiles.h>
#endif

namespace oneproof::guest::crypto {
namespace {

constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

// rho rotation amounts and pi destinations, walking the lanes in the order pi visits them
// starting from lane 1 (the usual compact formulation of rho+pi).
constexpr unsigned kRho[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
constexpr unsigned kPi[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};

inline uint64_t rotl(uint64_t v, unsigned n) { return (v << n) | (v >> ((64 - n) & 63)); }

[[maybe_unused]] void keccak_f1600_software(uint64_t a[25]) {
  for (int round = 0; round < 24; ++round) {
    uint64_t c[5];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x) {
      uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
    }
    uint64_t carried = a[1];
    for (int i = 0; i < 24; ++i) {
      unsigned j = kPi[i];
      uint64_t next = a[j];
      a[j] = rotl(carried, kRho[i]);
      carried = next;
    }
    for (int y = 0; y < 25; y += 5) {
      uint64_t row[5];
      for (int x = 0; x < 5; ++x) row[x] = a[y + x];
      for (int x = 0; x < 5; ++x) a[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
    }
    a[0] ^= kRoundConstants[round];
  }
}

inline uint64_t load_le64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void absorb_block(uint64_t state[25], const uint8_t* block) {
  for (size_t i = 0; i < Keccak256::kRate / 8; ++i) state[i] ^= load_le64(block + 8 * i);
  keccak_f1600(state);
}

}  // namespace

void keccak_f1600(uint64_t state[25]) {
#if defined(OP_GUEST_RV32) || defined(ONEPROOF_GUEST_RV32)
  op_keccak_permute(state);
#else
  keccak_f1600_software(state);
#endif
}

void Keccak256::update(const uint8_t* data, size_t n) {
  if (n == 0) return;
  if (buffered_ > 0) {
    size_t take = kRate - buffered_ < n ? kRate - buffered_ : n;
    std::memcpy(buffer_ + buffered_, data, take);
    buffered_ += take;
    data += take;
    n -= take;
    if (buffered_ < kRate) return;
    absorb_block(state_, buffer_);
    buffered_ = 0;
  }
  for (; n >= kRate; data += kRate, n -= kRate) absorb_block(state_, data);
  if (n > 0) std::memcpy(buffer_, data, n);
  buffered_ = n;
}

Hash32 Keccak256::finalize() {
  // Keccak's pad10*1 with the 0x01 domain bit (pre-standard Keccak, as Ethereum uses).
  std::memset(buffer_ + buffered_, 0, kRate - buffered_);
  buffer_[buffered_] ^= 0x01;
  buffer_[kRate - 1] ^= 0x80;
  absorb_block(state_, buffer_);
  Hash32 out;
  for (int i = 0; i < 32; ++i) out.b[i] = uint8_t(state_[i / 8] >> (8 * (i % 8)));
  return out;
}

Hash32 keccak256(const uint8_t* data, size_t n) {
  Keccak256 k;
  k.update(data, n);
  return k.finalize();
}

}  // namespace oneproof::guest::crypto
