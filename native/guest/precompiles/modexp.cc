#include "guest/precompiles/modexp.h"

#include <cstring>

#include "guest/precompiles/bignat.h"

namespace oneproof::guest::precompiles {
namespace {

// Lengths past this are refused outright (Osaka's EIP-7823 caps them at 1024 bytes; earlier forks
// price them out with gas long before this).
constexpr uint64_t kMaxLength = uint64_t(1) << 24;

// Reads 32 bytes at `offset` of the zero-padded input.
uint256 word_at(const uint8_t* in, size_t n, size_t offset) {
  uint8_t w[32] = {};
  for (size_t i = 0; i < 32; ++i)
    if (offset + i < n) w[i] = in[offset + i];
  return uint256::from_be(w, 32);
}

}  // namespace

ModexpHeader modexp_header(const uint8_t* in, size_t n) {
  ModexpHeader h;
  h.base_len = word_at(in, n, 0);
  h.exp_len = word_at(in, n, 32);
  h.mod_len = word_at(in, n, 64);
  // The exponent starts at 96 + base_len; a base reaching past the input leaves zeros.
  if (h.base_len < uint256(n)) {
    uint64_t start = 96 + h.base_len.low64();
    uint64_t head_len = h.exp_len < uint256(32) ? h.exp_len.low64() : 32;
    uint8_t head[32] = {};
    for (uint64_t i = 0; i < head_len; ++i)
      if (start + i < n) head[i] = in[start + i];
    h.exp_head = uint256::from_be(head, head_len);
  }
  return h;
}

uint64_t modexp_adjusted_exp_length(const ModexpHeader& h, uint64_t multiplier) {
  uint64_t head_bits = h.exp_head.is_zero() ? 0 : h.exp_head.bit_width() - 1;
  if (h.exp_len <= uint256(32)) return head_bits;
  uint256 extra = (h.exp_len - uint256(32)) * uint256(multiplier);
  // Saturate: anything beyond 64 bits is priced out anyway.
  if (!extra.fits_u64() || (h.exp_len - uint256(32)) > uint256(~uint64_t(0)) / uint256(multiplier)) return ~uint64_t(0);
  uint64_t e = extra.low64();
  return e + head_bits < e ? ~uint64_t(0) : e + head_bits;
}

bool modexp(const uint8_t* in, size_t n, Bytes& out) {
  ModexpHeader h = modexp_header(in, n);
  out.clear();
  if (h.mod_len.is_zero()) return true;  // empty output, whatever the other lengths
  if (h.base_len > uint256(kMaxLength) || h.exp_len > uint256(kMaxLength) || h.mod_len > uint256(kMaxLength))
    return false;
  size_t base_len = size_t(h.base_len.low64()), exp_len = size_t(h.exp_len.low64()),
         mod_len = size_t(h.mod_len.low64());
  // Copies [offset, offset + len) of the zero-padded input.
  auto slice = [&](size_t offset, size_t len) {
    Bytes b(len, 0);
    for (size_t i = 0; i < len && offset + i < n; ++i) b[i] = in[offset + i];
    return b;
  };
  Bytes base = slice(96, base_len), mod = slice(96 + base_len + exp_len, mod_len);
  size_t exp_offset = 96 + base_len;
  size_t exp_available = exp_offset < n ? (n - exp_offset < exp_len ? n - exp_offset : exp_len) : 0;
  bignat::ExponentBytes exp(exp_available ? in + exp_offset : nullptr, exp_available, exp_len);

  out.assign(mod_len, 0);
  bignat::Nat m = bignat::from_be(mod.data(), mod.size());
  if (bignat::is_zero(m)) return true;  // x mod 0 is defined as 0
  bignat::Nat r = bignat::pow_mod(bignat::from_be(base.data(), base.size()), exp, m);
  bignat::to_be(r, out.data(), mod_len);
  return true;
}

}  // namespace oneproof::guest::precompiles
