#include "guest/rlp/rlp.h"

namespace oneproof::guest::rlp {
namespace {

// The short/long prefix for a payload of `size` bytes; `base` is 0x80 (string) or 0xc0 (list).
void write_prefix(Bytes& out, size_t size, uint8_t base) {
  if (size < 56) {
    out.push_back(uint8_t(base + size));
    return;
  }
  uint8_t be[sizeof(size_t)];
  size_t n = 0;
  for (size_t v = size; v > 0; v >>= 8) be[n++] = uint8_t(v);
  out.push_back(uint8_t(base + 55 + n));
  while (n > 0) out.push_back(be[--n]);
}

// Big-endian bytes of v without leading zeros (empty for zero).
size_t minimal_be(const uint256& v, uint8_t out[32]) {
  uint8_t be[32];
  v.to_be(be);
  size_t skip = 0;
  while (skip < 32 && be[skip] == 0) ++skip;
  for (size_t i = skip; i < 32; ++i) out[i - skip] = be[i];
  return 32 - skip;
}

}  // namespace

void Encoder::add_bytes(const uint8_t* p, size_t n) {
  if (n == 1 && p[0] < 0x80) {
    out_.push_back(p[0]);
    return;
  }
  write_prefix(out_, n, 0x80);
  if (n > 0) out_.insert(out_.end(), p, p + n);
}

void Encoder::add_u64(uint64_t v) { add_u256(uint256(v)); }

void Encoder::add_u256(const uint256& v) {
  uint8_t be[32];
  size_t n = minimal_be(v, be);
  add_bytes(be, n);
}

void Encoder::end_list(size_t marker) {
  size_t payload = out_.size() - marker;
  Bytes prefix;
  write_prefix(prefix, payload, 0xc0);
  out_.insert(out_.begin() + std::ptrdiff_t(marker), prefix.begin(), prefix.end());
}

Bytes encode_bytes(const uint8_t* p, size_t n) {
  Encoder e;
  e.add_bytes(p, n);
  return e.take();
}

Bytes encode_u64(uint64_t v) {
  Encoder e;
  e.add_u64(v);
  return e.take();
}

Bytes encode_u256(const uint256& v) {
  Encoder e;
  e.add_u256(v);
  return e.take();
}

Bytes list_prefix(size_t payload_size) {
  Bytes out;
  write_prefix(out, payload_size, 0xc0);
  return out;
}

}  // namespace oneproof::guest::rlp
