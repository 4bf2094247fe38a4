// Ethereum transactions as they appear in a block body: legacy (with or without EIP-155 replay
// protection), EIP-2930 access-list, EIP-1559 dynamic-fee, EIP-4844 blob (versioned hashes only,
// blocks carry no sidecars) and EIP-7702 set-code (authorization list). Decoding is strict RLP;
// the hashes and the sender are computed from the exact received bytes.
#pragma once
#include <cstdint>
#include <vector>

#include "guest/common/bytes.h"
#include "guest/rlp/rlp.h"

namespace oneproof::guest::tx {

enum class TxType : uint8_t { Legacy = 0, AccessList = 1, DynamicFee = 2, Blob = 3, SetCode = 4 };

enum class TxError : uint8_t {
  Ok = 0,
  Rlp,                // malformed or non-canonical RLP (see rlp_error)
  UnknownType,        // a typed envelope with a type byte other than 1..4
  EmptyEnvelope,      // a typed-transaction string with no bytes
  WrongFieldCount,    // the payload list has the wrong number of fields for its type
  MissingTo,          // blob and set-code transactions cannot create contracts
  InvalidSignature,   // r/s out of range, high s, bad v/yParity, or no key recovers
  InvalidAuthorization,  // an EIP-7702 tuple field outside its bounds (y_parity >= 2^8)
};

const char* error_name(TxError e);

struct AccessListEntry {
  Address address;
  std::vector<Hash32> storage_keys;
};

// One EIP-7702 authorization tuple [chain_id, address, nonce, y_parity, r, s].
struct Authorization {
  uint256 chain_id;
  Address address;
  uint64_t nonce = 0;
  uint256 y_parity;  // kept wide: out-of-range values make the tuple invalid, not the transaction
  uint256 r, s;
  // Filled by recover_authorities(): the signer of keccak(0x05 || rlp([chain_id, address, nonce])).
  bool authority_valid = false;  // false: bad signature (EIP-7702 skips such tuples)
  Address authority;
};

struct Transaction {
  TxType type = TxType::Legacy;
  // Legacy without EIP-155 has no chain id (has_chain_id false); all other forms carry one.
  bool has_chain_id = false;
  uint256 chain_id;
  uint64_t nonce = 0;
  // Legacy and 2930 pay gas_price; 1559/4844/7702 carry the two caps. For uniform fee logic the
  // decoder sets max_fee_per_gas = max_priority_fee_per_gas = gas_price on legacy and 2930.
  uint256 gas_price;
  uint256 max_priority_fee_per_gas;
  uint256 max_fee_per_gas;
  uint64_t gas_limit = 0;
  bool is_create = false;  // empty `to`
  Address to;
  uint256 value;
  Bytes data;
  std::vector<AccessListEntry> access_list;
  uint256 max_fee_per_blob_gas;                 // blob transactions
  std::vector<Hash32> blob_versioned_hashes;    // blob transactions
  std::vector<Authorization> authorizations;    // set-code transactions
  // Signature: legacy keeps its raw v; typed transactions store y_parity in v.
  uint256 v, r, s;

  Hash32 hash;          // keccak of the canonical encoding (what the transactions trie hashes too)
  Hash32 signing_hash;  // what the sender signed
  Bytes encoded;        // canonical encoding: legacy RLP list, or type || RLP payload

  // Intrinsic-gas inputs.
  uint64_t data_zero_bytes = 0;
  uint64_t data_nonzero_bytes = 0;
  uint64_t access_list_addresses = 0;
  uint64_t access_list_storage_keys = 0;
  size_t initcode_size() const { return is_create ? data.size() : 0; }
};

// Decodes one transaction from its canonical encoding (legacy RLP list, or type byte || RLP).
// Fills every field plus hash, signing_hash and encoded; does not recover the sender.
TxError decode(const uint8_t* p, size_t n, Transaction& out, rlp::Error* rlp_error = nullptr);
inline TxError decode(const Bytes& b, Transaction& out, rlp::Error* rlp_error = nullptr) {
  return decode(b.data(), b.size(), out, rlp_error);
}
// Decodes one element of a block body's transaction list: an RLP list (legacy) or an RLP
// string holding type || payload (typed).
TxError decode_block_item(const rlp::Item& item, Transaction& out, rlp::Error* rlp_error = nullptr);

// Recovers the sender from the y-parity encoded in v (27/28 or EIP-155 35 + 2*chain_id + parity,
// or yParity 0/1 for typed transactions). The EIP-2 low-s rule applies from Homestead on; pass
// require_low_s = false only for Frontier blocks.
TxError recover_sender(const Transaction& tx, Address& sender, bool require_low_s = true);

// Fills authority/authority_valid of every authorization (EIP-7702: s <= n/2, y_parity < 2,
// chain_id/nonce range checks are the caller's, invalid signatures leave authority_valid false).
void recover_authorities(Transaction& tx);

}  // namespace oneproof::guest::tx
