#include "guest/precompiles/ecrecover.h"

#include <cstring>

#include "guest/crypto/secp256k1.h"

namespace oneproof::guest::precompiles {

bool ecrecover(const uint8_t* in, size_t n, uint8_t out[32]) {
  uint8_t buf[128] = {};
  if (n > 0) std::memcpy(buf, in, n < 128 ? n : 128);
  Hash32 hash = Hash32::from(buf);
  uint256 v = uint256::from_be(buf + 32, 32);
  uint256 r = uint256::from_be(buf + 64, 32);
  uint256 s = uint256::from_be(buf + 96, 32);
  if (v != uint256(27) && v != uint256(28)) return false;
  Address a;
  if (crypto::recover_address(hash, r, s, unsigned(v.low64() - 27), false, a) != crypto::RecoverError::Ok) return false;
  std::memset(out, 0, 12);
  std::memcpy(out + 12, a.b, 20);
  return true;
}

}  // namespace oneproof::guest::precompiles
