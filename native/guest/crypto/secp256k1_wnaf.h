// Width-w non-adjacent form: k = sum digits[i] * 2^i with every non-zero digit odd and below
// 2^(w-1) in absolute value, and at least w - 1 zeros after each non-zero digit, so a k-bit scalar
// needs about k / (w + 1) point additions against a table of the 2^(w-2) odd multiples.
#pragma once
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::crypto::secp256k1 {

// Digits of the L-limb value k (little-endian) into digits[0 .. return value), negated when
// `negate` is set; `digits` must hold 32 * L + W entries. Returns the index of the top non-zero
// digit plus one (0 for k = 0).
template <size_t L, unsigned W>
size_t wnaf(int16_t* digits, const uint32_t* k, bool negate) {
  static_assert(W >= 2 && W <= 15, "digits up to 2^(W-1) - 1 must fit in int16_t");
  constexpr unsigned w = W;
  size_t bits = 0;
  for (size_t i = L; i-- > 0;)
    if (k[i]) {
      bits = 32 * i + 32 - size_t(__builtin_clz(k[i]));
      break;
    }
  for (size_t i = 0; i < bits + w; ++i) digits[i] = 0;
  auto bit = [&](size_t i) -> uint32_t { return i < 32 * L ? (k[i / 32] >> (i % 32)) & 1 : 0; };
  auto window = [&](size_t i) -> uint32_t {  // the w bits from position i, zeros beyond the top
    uint32_t word = 0;
    for (unsigned j = 0; j < w; ++j) word |= bit(i + j) << j;
    return word;
  };
  size_t len = 0;
  uint32_t carry = 0;  // 1 when a negative digit borrowed from the bits above it
  for (size_t pos = 0; pos < bits || carry;) {
    if (bit(pos) == carry) {  // this position is 0 after the carry: no digit
      ++pos;
      continue;
    }
    // The position is odd after the carry, so word is odd and at most 2^w - 1.
    uint32_t word = window(pos) + carry;
    carry = (word >> (w - 1)) & 1;
    int digit = int(word) - int(carry << w);
    digits[pos] = int16_t(negate ? -digit : digit);
    len = pos + 1;
    pos += w;
  }
  return len;
}

}  // namespace oneproof::guest::crypto::secp256k1
