// Journaled world state over a StateBackend; see state.h.
#include "guest/state/state.h"

#include <algorithm>

namespace oneproof::guest::state {

namespace {
Hash32 hash_from_hex(const char* hex) {
  uint256 v;
  uint256::from_hex(hex, 66, v);
  return to_hash(v);
}
}  // namespace

const Hash32 kEmptyCodeHash = hash_from_hex("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
const Hash32 kEmptyTrieRoot = hash_from_hex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

Account& State::account(const Address& a) {
  auto it = accounts_.find(a);
  if (it != accounts_.end()) return it->second;
  Account acc;
  AccountRecord rec;
  ReadStatus st = backend_.read_account(a, rec);
  if (st == ReadStatus::Missing) incomplete_ = true;
  if (st == ReadStatus::Found) {
    acc.existed_before = acc.exists = true;
    acc.nonce = rec.nonce;
    acc.balance = rec.balance;
    acc.code_hash = rec.code_hash;
    acc.storage_root = rec.storage_root;
  } else {
    acc.code_hash = kEmptyCodeHash;
    acc.storage_root = kEmptyTrieRoot;
  }
  return accounts_.emplace(a, std::move(acc)).first->second;
}

const Bytes& State::code(const Address& a) {
  Account& acc = account(a);
  if (!acc.exists || acc.code_hash == kEmptyCodeHash) return empty_code_;
  if (!acc.code) {
    Bytes c;
    if (!backend_.read_code(acc.code_hash, c)) incomplete_ = true;
    acc.code = std::make_shared<const Bytes>(std::move(c));
  }
  return *acc.code;
}

Slot& State::slot(Account& acc, const Address& a, const uint256& key) {
  auto it = acc.storage.find(key);
  if (it != acc.storage.end()) return it->second;
  uint256 v;
  if (acc.existed_before && !acc.storage_cleared && acc.storage_root != kEmptyTrieRoot) {
    ReadStatus st = backend_.read_storage(a, acc.storage_root, key, v);
    if (st == ReadStatus::Missing) incomplete_ = true;
    if (st != ReadStatus::Found) v = uint256();
  }
  return acc.storage.emplace(key, Slot{v, v, v}).first->second;
}

uint256 State::storage(const Address& a, const uint256& key) {
  Account& acc = account(a);
  return slot(acc, a, key).current;
}
uint256 State::original_storage(const Address& a, const uint256& key) {
  Account& acc = account(a);
  return slot(acc, a, key).original;
}
bool State::has_storage(const Address& a) {
  Account& acc = account(a);
  if (acc.existed_before && !acc.storage_cleared && acc.storage_root != kEmptyTrieRoot) return true;
  for (auto& kv : acc.storage)
    if (!kv.second.current.is_zero()) return true;
  return false;
}
uint256 State::transient(const Address& a, const uint256& key) const {
  auto it = transient_.find(SlotKey{a, key});
  return it == transient_.end() ? uint256() : it->second;
}

void State::mark_dirty(Account& acc, const Address& a) {
  if (!acc.dirty) { acc.dirty = true; dirty_order_.push_back(a); }
}

void State::set_balance(const Address& a, const uint256& v) {
  Account& acc = account(a);
  journal_.push_back(Entry{Kind::Balance, a, {}, acc.balance, 0, nullptr});
  // Writing to a non-existent account brings it into existence (it is then empty unless funded).
  if (!acc.exists) {
    journal_.push_back(Entry{Kind::Create, a, {}, {}, 0, std::make_shared<Account>(acc)});
    acc.exists = true;
  }
  acc.balance = v;
  mark_dirty(acc, a);
  touch(a);
}
bool State::sub_balance(const Address& a, const uint256& v) {
  uint256 b = balance(a);
  if (b < v) return false;
  set_balance(a, b - v);
  return true;
}
void State::set_nonce(const Address& a, uint64_t v) {
  Account& acc = account(a);
  journal_.push_back(Entry{Kind::Nonce, a, {}, {}, acc.nonce, nullptr});
  if (!acc.exists) {
    journal_.push_back(Entry{Kind::Create, a, {}, {}, 0, std::make_shared<Account>(acc)});
    acc.exists = true;
  }
  acc.nonce = v;
  mark_dirty(acc, a);
}
void State::set_code(const Address& a, Bytes code, const Hash32& code_hash) {
  Account& acc = account(a);
  journal_.push_back(Entry{Kind::Code, a, {}, {}, 0, std::make_shared<Account>(acc)});
  acc.exists = true;
  acc.code_hash = code_hash;
  acc.code = std::make_shared<const Bytes>(std::move(code));
  mark_dirty(acc, a);
}
void State::set_storage(const Address& a, const uint256& key, const uint256& v) {
  Account& acc = account(a);
  Slot& s = slot(acc, a, key);
  journal_.push_back(Entry{Kind::Storage, a, key, s.current, 0, nullptr});
  s.current = v;
  mark_dirty(acc, a);
}
void State::set_transient(const Address& a, const uint256& key, const uint256& v) {
  SlotKey k{a, key};
  auto it = transient_.find(k);
  uint256 prev = it == transient_.end() ? uint256() : it->second;
  journal_.push_back(Entry{Kind::Transient, a, key, prev, 0, nullptr});
  transient_[k] = v;
}
void State::create_account(const Address& a) {
  Account& acc = account(a);
  journal_.push_back(Entry{Kind::Create, a, {}, {}, 0, std::make_shared<Account>(acc)});
  acc.exists = true;
  acc.storage_cleared = true;
  acc.created_in_tx = true;
  acc.storage.clear();
  acc.nonce = 0;
  acc.code_hash = kEmptyCodeHash;
  acc.code.reset();
  mark_dirty(acc, a);
}
void State::touch(const Address& a) {
  if (touched_set_.insert(a).second) {
    touched_.push_back(a);
    journal_.push_back(Entry{Kind::Touch, a, {}, {}, 0, nullptr});
  }
}
void State::mark_destructed(const Address& a) {
  Account& acc = account(a);
  if (acc.destructed) return;
  journal_.push_back(Entry{Kind::Destruct, a, {}, {}, 0, nullptr});
  acc.destructed = true;
  mark_dirty(acc, a);
}

bool State::warm_account(const Address& a) {
  if (!warm_accounts_.insert(a).second) return true;
  journal_.push_back(Entry{Kind::WarmAccount, a, {}, {}, 0, nullptr});
  return false;
}
bool State::warm_slot(const Address& a, const uint256& key) {
  if (!warm_slots_.insert(SlotKey{a, key}).second) return true;
  journal_.push_back(Entry{Kind::WarmSlot, a, key, {}, 0, nullptr});
  return false;
}
void State::add_refund(int64_t delta) {
  journal_.push_back(Entry{Kind::Refund, {}, {}, uint256(uint64_t(refund_)), 0, nullptr});
  refund_ += delta;
}

void State::revert(size_t snap) {
  while (journal_.size() > snap) {
    Entry& e = journal_.back();
    switch (e.kind) {
      case Kind::Balance: accounts_[e.address].balance = e.prev; break;
      case Kind::Nonce: accounts_[e.address].nonce = e.prev_nonce; break;
      case Kind::Code:
      case Kind::Create: {
        Account& acc = accounts_[e.address];
        bool dirty = acc.dirty;  // dirtiness only grows: the commit order list keeps the address
        acc = std::move(*e.prev_account);
        acc.dirty = dirty;
        break;
      }
      case Kind::Storage: accounts_[e.address].storage[e.key].current = e.prev; break;
      case Kind::Transient: transient_[SlotKey{e.address, e.key}] = e.prev; break;
      case Kind::Touch:
        touched_set_.erase(e.address);
        touched_.pop_back();
        break;
      case Kind::Destruct: accounts_[e.address].destructed = false; break;
      case Kind::WarmAccount: warm_accounts_.erase(e.address); break;
      case Kind::WarmSlot: warm_slots_.erase(SlotKey{e.address, e.key}); break;
      case Kind::Refund: refund_ = int64_t(e.prev.w[0]); break;
    }
    journal_.pop_back();
  }
}

void State::begin_transaction() {
  journal_.clear();
  warm_accounts_.clear();
  warm_slots_.clear();
  transient_.clear();
  touched_.clear();
  touched_set_.clear();
  refund_ = 0;
}

void State::end_transaction() {
  for (const Address& a : dirty_order_) {
    Account& acc = accounts_[a];
    if (acc.destructed) {
      Account fresh;
      fresh.existed_before = acc.existed_before;
      fresh.storage_cleared = true;
      fresh.dirty = true;
      fresh.code_hash = kEmptyCodeHash;
      fresh.storage_root = acc.storage_root;
      acc = std::move(fresh);
    }
    acc.created_in_tx = false;
    for (auto& kv : acc.storage) kv.second.original = kv.second.current;
  }
  for (const Address& a : touched_) {
    Account& acc = accounts_[a];
    if (acc.exists && acc.is_empty()) {
      acc.exists = false;
      acc.storage_cleared = true;
      acc.storage.clear();
      mark_dirty(acc, a);
    }
  }
  journal_.clear();
}

std::vector<AccountWrite> State::collect_writes() {
  std::vector<AccountWrite> out;
  for (const Address& a : dirty_order_) {
    Account& acc = accounts_[a];
    AccountWrite w;
    w.address = a;
    if (!acc.exists) {
      if (!acc.existed_before) continue;
      w.deleted = true;
      out.push_back(std::move(w));
      continue;
    }
    w.storage_cleared = acc.storage_cleared && acc.existed_before;
    w.record.nonce = acc.nonce;
    w.record.balance = acc.balance;
    w.record.code_hash = acc.code_hash;
    w.record.storage_root = acc.storage_cleared ? kEmptyTrieRoot : acc.storage_root;
    w.code = acc.code;
    for (auto& kv : acc.storage) {
      if (acc.storage_cleared ? kv.second.current.is_zero() : kv.second.current == kv.second.base) continue;
      w.storage.push_back(StorageWrite{kv.first, kv.second.current});
    }
    // Deterministic order for the trie updates.
    std::sort(w.storage.begin(), w.storage.end(),
              [](const StorageWrite& x, const StorageWrite& y) { return x.slot < y.slot; });
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace oneproof::guest::state
