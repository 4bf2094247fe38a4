#include "guest/block/receipts.h"

#include "guest/crypto/keccak.h"
#include "guest/rlp/rlp.h"

namespace oneproof::guest::block {

void Bloom::add(const uint8_t* data, size_t n) {
  // Three 11-bit indices from the first six bytes of the keccak hash.
  Hash32 h = crypto::keccak256(data, n);
  for (int i = 0; i < 6; i += 2) {
    unsigned bit = ((unsigned(h.b[i]) << 8) | h.b[i + 1]) & 2047;
    bits[255 - bit / 8] |= uint8_t(1u << (bit % 8));
  }
}

void Bloom::add_log(const evm::Log& log) {
  add(log.address.b, 20);
  for (const Hash32& t : log.topics) add(t.b, 32);
}

Bytes encode_receipt(const Receipt& r) {
  rlp::Encoder e;
  size_t outer = e.begin_list();
  e.add_u64(r.success ? 1 : 0);
  e.add_u64(r.cumulative_gas);
  e.add_bytes(r.bloom.bits, 256);
  size_t logs = e.begin_list();
  for (const evm::Log& log : r.logs) {
    size_t l = e.begin_list();
    e.add_bytes(log.address);
    size_t topics = e.begin_list();
    for (const Hash32& t : log.topics) e.add_bytes(t);
    e.end_list(topics);
    e.add_bytes(log.data);
    e.end_list(l);
  }
  e.end_list(logs);
  e.end_list(outer);
  Bytes body = e.take();
  if (r.tx_type == 0) return body;
  Bytes out;
  out.reserve(body.size() + 1);
  out.push_back(r.tx_type);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

}  // namespace oneproof::guest::block
