// Hex helpers for the guest modules' tests (host only).
#pragma once
#include <cstring>
#include <string>

#include "guest/common/bytes.h"

namespace oneproof::guest::test {

inline Bytes hex(const std::string& s) {
  Bytes out;
  if (!from_hex(s.data(), s.size(), out)) {
    std::fprintf(stderr, "bad hex in test: %s\n", s.c_str());
    std::abort();
  }
  return out;
}
template <size_t N>
inline FixedBytes<N> fixed(const std::string& s) {
  Bytes b = hex(s);
  FixedBytes<N> r;
  if (b.size() != N) {
    std::fprintf(stderr, "hex of wrong size in test: %s\n", s.c_str());
    std::abort();
  }
  std::memcpy(r.b, b.data(), N);
  return r;
}
inline Hash32 h32(const std::string& s) { return fixed<32>(s); }
inline Address addr(const std::string& s) { return fixed<20>(s); }
inline uint256 u256(const std::string& s) {
  uint256 v;
  if (!uint256::from_hex(s.data(), s.size(), v)) std::abort();
  return v;
}
// Decimal literal to uint256 (test vectors often give r/s in decimal).
inline uint256 dec(const std::string& s) {
  uint256 v;
  for (char c : s) v = v * uint256(10) + uint256(uint64_t(c - '0'));
  return v;
}

}  // namespace oneproof::guest::test
