// The execution block header (London..Osaka fields), its RLP decoding and its hash.
#pragma once
#include <optional>

#include "guest/common/bytes.h"

namespace oneproof::guest::block {

struct Header {
  Hash32 parent_hash;
  Hash32 ommers_hash;
  Address coinbase;
  Hash32 state_root;
  Hash32 transactions_root;
  Hash32 receipts_root;
  uint8_t logs_bloom[256] = {};
  uint256 difficulty;
  uint64_t number = 0;
  uint64_t gas_limit = 0;
  uint64_t gas_used = 0;
  uint64_t timestamp = 0;
  Bytes extra_data;
  Hash32 prev_randao;  // mixHash
  uint64_t nonce = 0;
  std::optional<uint256> base_fee;
  std::optional<Hash32> withdrawals_root;
  std::optional<uint64_t> blob_gas_used;
  std::optional<uint64_t> excess_blob_gas;
  std::optional<Hash32> parent_beacon_block_root;
  std::optional<Hash32> requests_hash;

  Hash32 hash;  // keccak256 of the RLP the header was decoded from
};

// Decodes a header from its RLP list; `error` names the first problem.
bool decode_header(const uint8_t* data, size_t len, Header& out, const char*& error);

}  // namespace oneproof::guest::block
