// Receipts and the logs bloom: the 2048-bit bloom over log addresses and topics, and the typed
// receipt encoding (type byte ++ rlp([status, cumulative gas, bloom, logs])) for the receipts root.
#pragma once
#include <vector>

#include "guest/evm/vm.h"

namespace oneproof::guest::block {

struct Bloom {
  uint8_t bits[256] = {};
  void add(const uint8_t* data, size_t n);
  void add_log(const evm::Log& log);
  void merge(const Bloom& other) { for (int i = 0; i < 256; ++i) bits[i] |= other.bits[i]; }
};

struct Receipt {
  uint8_t tx_type = 0;
  bool success = false;
  uint64_t cumulative_gas = 0;
  Bloom bloom;
  std::vector<evm::Log> logs;
};

Bytes encode_receipt(const Receipt& r);

}  // namespace oneproof::guest::block
