#include "guest/hostio/memory_backend.h"

#include "guest/crypto/keccak.h"
#include "guest/mpt/trie.h"
#include "guest/rlp/rlp.h"
#include "guest/state/witness_backend.h"

namespace oneproof::guest::hostio {

Hash32 MemoryBackend::storage_root_of(const std::map<uint256, uint256>& storage) {
  std::vector<std::pair<Bytes, Bytes>> pairs;
  for (auto& kv : storage) {
    if (kv.second.is_zero()) continue;
    Hash32 k = mpt::storage_key(kv.first);
    pairs.emplace_back(Bytes(k.b, k.b + 32), rlp::encode_u256(kv.second));
  }
  return mpt::root_of(pairs);
}

Hash32 MemoryBackend::root_of(const std::map<Address, MemoryAccount>& accounts) {
  std::vector<std::pair<Bytes, Bytes>> pairs;
  for (auto& kv : accounts) {
    Hash32 k = mpt::account_key(kv.first);
    pairs.emplace_back(Bytes(k.b, k.b + 32), state::WitnessBackend::encode_account(kv.second.record));
  }
  return mpt::root_of(pairs);
}

void MemoryBackend::put(const Address& a, MemoryAccount acc) {
  acc.record.code_hash = crypto::keccak256(acc.code);
  acc.record.storage_root = storage_root_of(acc.storage);
  codes_[acc.record.code_hash] = acc.code;
  accounts_[a] = std::move(acc);
}

Hash32 MemoryBackend::root() { return root_of(accounts_); }

state::ReadStatus MemoryBackend::read_account(const Address& address, state::AccountRecord& out) {
  auto it = accounts_.find(address);
  if (it == accounts_.end()) return state::ReadStatus::Absent;
  out = it->second.record;
  return state::ReadStatus::Found;
}

state::ReadStatus MemoryBackend::read_storage(const Address& address, const Hash32&, const uint256& slot, uint256& out) {
  auto it = accounts_.find(address);
  if (it == accounts_.end()) return state::ReadStatus::Absent;
  auto s = it->second.storage.find(slot);
  if (s == it->second.storage.end()) return state::ReadStatus::Absent;
  out = s->second;
  return state::ReadStatus::Found;
}

bool MemoryBackend::read_code(const Hash32& code_hash, Bytes& out) {
  auto it = codes_.find(code_hash);
  if (it == codes_.end()) return false;
  out = it->second;
  return true;
}

bool MemoryBackend::commit(const std::vector<state::AccountWrite>& writes, Hash32& new_root) {
  staged_ = accounts_;
  for (const state::AccountWrite& w : writes) {
    if (w.deleted) { staged_.erase(w.address); continue; }
    MemoryAccount& acc = staged_[w.address];
    if (w.storage_cleared || w.record.storage_root == mpt::kEmptyTrieRoot) acc.storage.clear();
    for (const state::StorageWrite& s : w.storage) {
      if (s.value.is_zero()) acc.storage.erase(s.slot);
      else acc.storage[s.slot] = s.value;
    }
    acc.record = w.record;
    acc.record.storage_root = storage_root_of(acc.storage);
    // Codes written during the block become readable by later blocks.
    if (w.code) codes_.emplace(w.record.code_hash, *w.code);
  }
  new_root = root_of(staged_);
  return true;
}

}  // namespace oneproof::guest::hostio
