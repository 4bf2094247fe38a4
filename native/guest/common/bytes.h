// Byte containers shared by the validator modules: variable-length Bytes, fixed Address (20 bytes)
// and Hash32 (32 bytes), with hashing for unordered containers and hex helpers for diagnostics.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "guest/common/uint256.h"

namespace oneproof::guest {

using Bytes = std::vector<uint8_t>;

template <size_t N>
struct FixedBytes {
  uint8_t b[N] = {};
  static constexpr size_t size() { return N; }
  const uint8_t* data() const { return b; }
  uint8_t* data() { return b; }
  bool is_zero() const {
    for (size_t i = 0; i < N; ++i)
      if (b[i]) return false;
    return true;
  }
  static FixedBytes from(const uint8_t* p) { FixedBytes r; std::memcpy(r.b, p, N); return r; }
  friend bool operator==(const FixedBytes& x, const FixedBytes& y) { return std::memcmp(x.b, y.b, N) == 0; }
  friend bool operator!=(const FixedBytes& x, const FixedBytes& y) { return !(x == y); }
  friend bool operator<(const FixedBytes& x, const FixedBytes& y) { return std::memcmp(x.b, y.b, N) < 0; }
};

using Address = FixedBytes<20>;
using Hash32 = FixedBytes<32>;

inline Hash32 to_hash(const uint256& v) { Hash32 h; v.to_be(h.b); return h; }
inline uint256 to_u256(const Hash32& h) { return uint256::from_be(h.b, 32); }
// The low 20 bytes of a word, as the EVM turns stack values into addresses.
inline Address to_address(const uint256& v) {
  uint8_t be[32];
  v.to_be(be);
  return Address::from(be + 12);
}
inline uint256 to_u256(const Address& a) { return uint256::from_be(a.b, 20); }

// FNV-1a over the first bytes: keys are hashes or addresses, already well mixed.
struct FixedBytesHash {
  template <size_t N>
  size_t operator()(const FixedBytes<N>& k) const {
    uint64_t v;
    std::memcpy(&v, k.b, sizeof v < N ? sizeof v : N);
    return size_t(v ^ (v >> 29));
  }
  size_t operator()(const uint256& k) const { return size_t(k.w[0] ^ (k.w[1] * 31) ^ (k.w[2] * 131) ^ (k.w[3] * 1031)); }
};

inline std::string to_hex(const uint8_t* p, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s = "0x";
  s.reserve(2 + 2 * n);
  for (size_t i = 0; i < n; ++i) { s += digits[p[i] >> 4]; s += digits[p[i] & 15]; }
  return s;
}
template <size_t N>
inline std::string to_hex(const FixedBytes<N>& v) { return to_hex(v.b, N); }
inline std::string to_hex(const Bytes& v) { return to_hex(v.data(), v.size()); }

// Parses hex with optional 0x; odd lengths get a leading zero nibble. False on a bad digit.
inline bool from_hex(const char* s, size_t n, Bytes& out) {
  if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) { s += 2; n -= 2; }
  auto nib = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out.clear();
  out.reserve(n / 2 + 1);
  size_t i = 0;
  if (n % 2) {
    int d = nib(s[0]);
    if (d < 0) return false;
    out.push_back(uint8_t(d));
    i = 1;
  }
  for (; i < n; i += 2) {
    int hi = nib(s[i]), lo = nib(s[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(uint8_t(hi << 4 | lo));
  }
  return true;
}

}  // namespace oneproof::guest
