// Where the pre-state comes from: the witness (state trie nodes + codes) in the validator, or any
// other complete source in tests. Every read reports "missing" separately from "absent" so that a
// witness lacking a node can never be mistaken for an empty account or a zero slot.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "guest/common/bytes.h"

namespace oneproof::guest::state {

enum class ReadStatus : uint8_t { Found, Absent, Missing };

struct AccountRecord {
  uint64_t nonce = 0;
  uint256 balance;
  Hash32 storage_root;  // keccak of the empty trie when the account has no storage
  Hash32 code_hash;     // keccak of the empty string for accounts without code
};

// One storage or account write to apply to the tries at the end of the block.
struct StorageWrite { uint256 slot; uint256 value; };
struct AccountWrite {
  Address address;
  bool deleted = false;        // remove the account leaf
  bool storage_cleared = false;  // the account was (re)created: its old storage is gone
  AccountRecord record;
  std::vector<StorageWrite> storage;  // zero values delete the slot
  std::shared_ptr<const Bytes> code;  // the bytecode when known (always for code set in the block)
};

class StateBackend {
 public:
  virtual ~StateBackend() = default;
  virtual ReadStatus read_account(const Address& address, AccountRecord& out) = 0;
  virtual ReadStatus read_storage(const Address& address, const Hash32& storage_root, const uint256& slot,
                                  uint256& out) = 0;
  // The bytecode whose keccak is code_hash; false when the witness lacks it.
  virtual bool read_code(const Hash32& code_hash, Bytes& out) = 0;
  // Applies the writes to the pre-state tries and returns the new state root; false when a trie
  // node needed for the update is missing from the witness.
  virtual bool commit(const std::vector<AccountWrite>& writes, Hash32& new_root) = 0;
};

}  // namespace oneproof::guest::state
