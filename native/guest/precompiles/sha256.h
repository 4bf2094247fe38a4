// SHA-256 (FIPS 180-4): the SHA256 precompile (0x02), EIP-4844 versioned hashes and requests hashes.
#pragma once
#include <cstddef>
#include <cstdint>

#include "guest/common/bytes.h"

namespace oneproof::guest::precompiles {

class Sha256 {
 public:
  Sha256();
  void update(const uint8_t* data, size_t n);
  Hash32 finalize();

 private:
  uint32_t h_[8];
  uint8_t block_[64];
  size_t buffered_ = 0;
  uint64_t total_ = 0;
};

Hash32 sha256(const uint8_t* data, size_t n);
inline Hash32 sha256(const Bytes& b) { return sha256(b.data(), b.size()); }

}  // namespace oneproof::guest::precompiles
