// Header RLP decoding; see header.h.
#include "guest/block/header.h"

#include <cstring>
#include <vector>

#include "guest/crypto/keccak.h"
#include "guest/rlp/rlp.h"

namespace oneproof::guest::block {

bool decode_header(const uint8_t* data, size_t len, Header& h, const char*& error) {
  rlp::Item list;
  std::vector<rlp::Item> f;
  if (rlp::decode(data, len, list) != rlp::Error::Ok || !list.is_list || rlp::list_items(list, f) != rlp::Error::Ok) {
    error = "header is not a valid RLP list";
    return false;
  }
  // 15 fields up to the nonce, then the fork-dependent optional fields in order.
  if (f.size() < 15 || f.size() > 21) { error = "header has a wrong number of fields"; return false; }
  bool ok = rlp::to_hash(f[0], h.parent_hash) == rlp::Error::Ok && rlp::to_hash(f[1], h.ommers_hash) == rlp::Error::Ok &&
            rlp::to_address(f[2], h.coinbase) == rlp::Error::Ok && rlp::to_hash(f[3], h.state_root) == rlp::Error::Ok &&
            rlp::to_hash(f[4], h.transactions_root) == rlp::Error::Ok && rlp::to_hash(f[5], h.receipts_root) == rlp::Error::Ok &&
            !f[6].is_list && f[6].payload_size == 256 && rlp::to_u256(f[7], h.difficulty) == rlp::Error::Ok &&
            rlp::to_u64(f[8], h.number) == rlp::Error::Ok && rlp::to_u64(f[9], h.gas_limit) == rlp::Error::Ok &&
            rlp::to_u64(f[10], h.gas_used) == rlp::Error::Ok && rlp::to_u64(f[11], h.timestamp) == rlp::Error::Ok &&
            rlp::to_bytes(f[12], h.extra_data) == rlp::Error::Ok && rlp::to_hash(f[13], h.prev_randao) == rlp::Error::Ok &&
            !f[14].is_list && f[14].payload_size == 8;
  if (!ok) { error = "header field has a wrong type or size"; return false; }
  std::memcpy(h.logs_bloom, f[6].payload, 256);
  h.nonce = 0;
  for (int i = 0; i < 8; ++i) h.nonce = h.nonce << 8 | f[14].payload[i];
  if (f.size() > 15) {
    uint256 v;
    if (rlp::to_u256(f[15], v) != rlp::Error::Ok) { error = "bad base fee"; return false; }
    h.base_fee = v;
  }
  if (f.size() > 16) {
    Hash32 v;
    if (rlp::to_hash(f[16], v) != rlp::Error::Ok) { error = "bad withdrawals root"; return false; }
    h.withdrawals_root = v;
  }
  if (f.size() > 18) {
    uint64_t used, excess;
    if (rlp::to_u64(f[17], used) != rlp::Error::Ok || rlp::to_u64(f[18], excess) != rlp::Error::Ok) {
      error = "bad blob gas fields";
      return false;
    }
    h.blob_gas_used = used;
    h.excess_blob_gas = excess;
  } else if (f.size() == 18) {
    error = "header has a wrong number of fields";
    return false;
  }
  if (f.size() > 19) {
    Hash32 v;
    if (rlp::to_hash(f[19], v) != rlp::Error::Ok) { error = "bad parent beacon block root"; return false; }
    h.parent_beacon_block_root = v;
  }
  if (f.size() > 20) {
    Hash32 v;
    if (rlp::to_hash(f[20], v) != rlp::Error::Ok) { error = "bad requests hash"; return false; }
    h.requests_hash = v;
  }
  h.hash = crypto::keccak256(data, len);
  return true;
}

}  // namespace oneproof::guest::block
