// A complete in-memory pre-state (for BlockchainTest fixtures, whose `pre` is the full state):
// reads never miss; commit() computes the post-state root over all accounts and stages it, and
// accept() makes the staged state the pre-state of the next block. Host-only.
#pragma once
#include <map>

#include "guest/state/backend.h"

namespace oneproof::guest::hostio {

struct MemoryAccount {
  state::AccountRecord record;
  Bytes code;
  std::map<uint256, uint256> storage;  // non-zero slots only
};

class MemoryBackend : public state::StateBackend {
 public:
  void put(const Address& a, MemoryAccount acc);  // fills code_hash and storage_root
  Hash32 root();                                   // root of the current accounts

  state::ReadStatus read_account(const Address& address, state::AccountRecord& out) override;
  state::ReadStatus read_storage(const Address& address, const Hash32& storage_root, const uint256& slot,
                                 uint256& out) override;
  bool read_code(const Hash32& code_hash, Bytes& out) override;
  bool commit(const std::vector<state::AccountWrite>& writes, Hash32& new_root) override;
  void accept() { accounts_ = staged_; }

  const std::map<Address, MemoryAccount>& accounts() const { return accounts_; }
  // Replaces the current pre-state (to continue from another branch's head).
  void set_accounts(const std::map<Address, MemoryAccount>& accounts) { accounts_ = accounts; }

 private:
  static Hash32 root_of(const std::map<Address, MemoryAccount>& accounts);
  static Hash32 storage_root_of(const std::map<uint256, uint256>& storage);

  std::map<Address, MemoryAccount> accounts_;
  std::map<Address, MemoryAccount> staged_;
  std::map<Hash32, Bytes> codes_;
};

}  // namespace oneproof::guest::hostio
