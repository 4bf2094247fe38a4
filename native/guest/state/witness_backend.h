// The StateBackend of the stateless validator: the parent's state trie and the storage tries
// read from witness nodes (E's MPT), codes by hash. A path through a node the witness lacks is
// reported as Missing, never as an absent account or a zero slot.
#pragma once
#include <memory>
#include <unordered_map>

#include "guest/mpt/trie.h"
#include "guest/state/backend.h"

namespace oneproof::guest::state {

class WitnessBackend : public StateBackend {
 public:
  // `nodes` must outlive the backend. Codes are added with add_code().
  WitnessBackend(const mpt::NodeStore& nodes, const Hash32& state_root);
  void add_code(const Bytes& code);

  ReadStatus read_account(const Address& address, AccountRecord& out) override;
  ReadStatus read_storage(const Address& address, const Hash32& storage_root, const uint256& slot,
                          uint256& out) override;
  bool read_code(const Hash32& code_hash, Bytes& out) override;
  bool commit(const std::vector<AccountWrite>& writes, Hash32& new_root) override;

  // The account's RLP [nonce, balance, storage_root, code_hash].
  static Bytes encode_account(const AccountRecord& r);
  static bool decode_account(const Bytes& rlp, AccountRecord& out);

 private:
  mpt::Trie& storage_trie(const Address& address, const Hash32& root);

  const mpt::NodeStore& nodes_;
  mpt::Trie state_trie_;
  std::unordered_map<Address, std::unique_ptr<mpt::Trie>, FixedBytesHash> storage_tries_;
  std::unordered_map<Hash32, Bytes, FixedBytesHash> codes_;
};

}  // namespace oneproof::guest::state
