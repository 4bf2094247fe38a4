// Nibble paths and their hex-prefix ("compact") encoding, yellow paper appendix C.
#pragma once
#include <cstddef>
#include <cstdint>

#include "guest/common/bytes.h"

namespace oneproof::guest::mpt {

// One nibble (0..15) per byte.
using Nibbles = std::vector<uint8_t>;

inline Nibbles to_nibbles(const uint8_t* key, size_t n) {
  Nibbles out(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = key[i] >> 4;
    out[2 * i + 1] = key[i] & 15;
  }
  return out;
}

// Hex-prefix encoding: flag nibble (2 for leaves, +1 for odd length), padding nibble when even.
inline Bytes hex_prefix_encode(const uint8_t* nibbles, size_t n, bool leaf) {
  Bytes out;
  out.reserve(n / 2 + 1);
  uint8_t flag = uint8_t((leaf ? 2 : 0) + (n % 2));
  size_t i = 0;
  if (n % 2) {
    out.push_back(uint8_t(flag << 4 | nibbles[0]));
    i = 1;
  } else {
    out.push_back(uint8_t(flag << 4));
  }
  for (; i < n; i += 2) out.push_back(uint8_t(nibbles[i] << 4 | nibbles[i + 1]));
  return out;
}

// Decodes a hex-prefix path; false on an empty input, an unknown flag or a non-zero padding nibble.
inline bool hex_prefix_decode(const uint8_t* p, size_t n, Nibbles& out, bool& leaf) {
  if (n == 0) return false;
  uint8_t flag = p[0] >> 4;
  if (flag > 3) return false;
  leaf = flag >= 2;
  bool odd = flag & 1;
  if (!odd && (p[0] & 15) != 0) return false;
  out.clear();
  if (odd) out.push_back(p[0] & 15);
  for (size_t i = 1; i < n; ++i) {
    out.push_back(p[i] >> 4);
    out.push_back(p[i] & 15);
  }
  return true;
}

}  // namespace oneproof::guest::mpt
