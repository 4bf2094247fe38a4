// Witness-backed state reads and the end-of-block trie updates; see witness_backend.h.
#include "guest/state/witness_backend.h"

#include "guest/crypto/keccak.h"
#include "guest/rlp/rlp.h"
#include "guest/state/state.h"

namespace oneproof::guest::state {

WitnessBackend::WitnessBackend(const mpt::NodeStore& nodes, const Hash32& state_root)
    : nodes_(nodes), state_trie_(nodes, state_root) {}

void WitnessBackend::add_code(const Bytes& code) { codes_[crypto::keccak256(code)] = code; }

Bytes WitnessBackend::encode_account(const AccountRecord& r) {
  rlp::Encoder e;
  size_t list = e.begin_list();
  e.add_u64(r.nonce);
  e.add_u256(r.balance);
  e.add_bytes(r.storage_root);
  e.add_bytes(r.code_hash);
  e.end_list(list);
  return e.take();
}

bool WitnessBackend::decode_account(const Bytes& data, AccountRecord& out) {
  rlp::Item item;
  std::vector<rlp::Item> f;
  if (rlp::decode(data, item) != rlp::Error::Ok || rlp::list_items(item, 4, f) != rlp::Error::Ok) return false;
  return rlp::to_u64(f[0], out.nonce) == rlp::Error::Ok && rlp::to_u256(f[1], out.balance) == rlp::Error::Ok &&
         rlp::to_hash(f[2], out.storage_root) == rlp::Error::Ok && rlp::to_hash(f[3], out.code_hash) == rlp::Error::Ok;
}

ReadStatus WitnessBackend::read_account(const Address& address, AccountRecord& out) {
  Hash32 key = mpt::account_key(address);
  Bytes value;
  bool found = false;
  if (state_trie_.get(key.b, 32, value, found) != mpt::MptError::Ok) return ReadStatus::Missing;
  if (!found) return ReadStatus::Absent;
  // A leaf that is not a valid account cannot come from a consistent witness: treat as missing.
  if (!decode_account(value, out)) return ReadStatus::Missing;
  return ReadStatus::Found;
}

mpt::Trie& WitnessBackend::storage_trie(const Address& address, const Hash32& root) {
  auto it = storage_tries_.find(address);
  if (it == storage_tries_.end())
    it = storage_tries_.emplace(address, std::make_unique<mpt::Trie>(nodes_, root)).first;
  return *it->second;
}

ReadStatus WitnessBackend::read_storage(const Address& address, const Hash32& storage_root, const uint256& slot,
                                        uint256& out) {
  Hash32 key = mpt::storage_key(slot);
  Bytes value;
  bool found = false;
  if (storage_trie(address, storage_root).get(key.b, 32, value, found) != mpt::MptError::Ok) return ReadStatus::Missing;
  if (!found) return ReadStatus::Absent;
  rlp::Item item;
  if (rlp::decode(value, item) != rlp::Error::Ok || rlp::to_u256(item, out) != rlp::Error::Ok) return ReadStatus::Missing;
  return ReadStatus::Found;
}

bool WitnessBackend::read_code(const Hash32& code_hash, Bytes& out) {
  auto it = codes_.find(code_hash);
  if (it == codes_.end()) return false;
  out = it->second;
  return true;
}

bool WitnessBackend::commit(const std::vector<AccountWrite>& writes, Hash32& new_root) {
  for (const AccountWrite& w : writes) {
    Hash32 key = mpt::account_key(w.address);
    if (w.deleted) {
      if (state_trie_.remove(key.b, 32) != mpt::MptError::Ok) return false;
      storage_tries_.erase(w.address);
      continue;
    }
    AccountRecord rec = w.record;
    if (w.storage_cleared || !w.storage.empty()) {
      if (w.storage_cleared) storage_tries_[w.address] = std::make_unique<mpt::Trie>(nodes_, kEmptyTrieRoot);
      mpt::Trie& trie = storage_trie(w.address, rec.storage_root);
      for (const StorageWrite& s : w.storage) {
        Hash32 skey = mpt::storage_key(s.slot);
        mpt::MptError e = s.value.is_zero() ? trie.remove(skey.b, 32) : trie.put(skey.b, 32, rlp::encode_u256(s.value));
        if (e != mpt::MptError::Ok) return false;
      }
      rec.storage_root = trie.root_hash();
    }
    if (state_trie_.put(key.b, 32, encode_account(rec)) != mpt::MptError::Ok) return false;
  }
  new_root = state_trie_.root_hash();
  return true;
}

}  // namespace oneproof::guest::state
