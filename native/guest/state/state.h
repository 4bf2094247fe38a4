// The block's world state as the EVM sees it: accounts and storage loaded lazily from the
// backend (the witness), every change journaled so that a call frame can be reverted to a
// snapshot, plus the per-transaction sets of EIP-2929 (warm accounts/slots), EIP-1153 transient
// storage, EIP-3529 refunds, EIP-161 touched accounts and EIP-6780 same-transaction creations.
// A read the backend cannot answer marks the state `incomplete()`; the validator then rejects
// the block as "witness incomplete" rather than treating the data as absent.
#pragma once
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "guest/state/backend.h"

namespace oneproof::guest::state {

extern const Hash32 kEmptyCodeHash;  // keccak256("")
extern const Hash32 kEmptyTrieRoot;  // keccak256(rlp(""))

struct Slot {
  uint256 base;      // value at the start of the block (the witness)
  uint256 original;  // value at the start of the current transaction (EIP-2200)
  uint256 current;
};

struct Account {
  bool existed_before = false;    // present in the pre-state
  bool exists = false;            // present now
  bool storage_cleared = false;   // (re)created in this block: the pre-state storage is gone
  bool created_in_tx = false;     // EIP-6780
  bool destructed = false;        // SELFDESTRUCT in this transaction (and created in it)
  bool dirty = false;             // written during the block
  uint64_t nonce = 0;
  uint256 balance;
  Hash32 code_hash;
  Hash32 storage_root;            // pre-state storage root
  std::shared_ptr<const Bytes> code;  // loaded on first use
  std::unordered_map<uint256, Slot, FixedBytesHash> storage;

  bool is_empty() const { return nonce == 0 && balance.is_zero() && code_hash == kEmptyCodeHash; }
};

class State {
 public:
  explicit State(StateBackend& backend) : backend_(backend) {}

  // --- reads -----------------------------------------------------------------------------------
  bool exists(const Address& a) { return account(a).exists; }
  // EIP-161: exists and not empty.
  bool is_alive(const Address& a) { Account& acc = account(a); return acc.exists && !acc.is_empty(); }
  uint64_t nonce(const Address& a) { return account(a).nonce; }
  uint256 balance(const Address& a) { return account(a).balance; }
  Hash32 code_hash(const Address& a) { Account& acc = account(a); return acc.exists ? acc.code_hash : Hash32{}; }
  const Bytes& code(const Address& a);
  uint256 storage(const Address& a, const uint256& key);
  uint256 original_storage(const Address& a, const uint256& key);
  // EIP-7610: an address with a nonce, code or storage cannot be created over.
  bool has_storage(const Address& a);
  uint256 transient(const Address& a, const uint256& key) const;

  // --- writes (journaled) ---------------------------------------------------------------------
  void set_balance(const Address& a, const uint256& v);
  void add_balance(const Address& a, const uint256& v) { set_balance(a, balance(a) + v); }
  bool sub_balance(const Address& a, const uint256& v);  // false when funds are short
  void set_nonce(const Address& a, uint64_t v);
  void set_code(const Address& a, Bytes code, const Hash32& code_hash);
  void set_storage(const Address& a, const uint256& key, const uint256& v);
  void set_transient(const Address& a, const uint256& key, const uint256& v);
  // Makes `a` a fresh account (CREATE): keeps its balance, clears storage, marks it created in tx.
  void create_account(const Address& a);
  // Marks an account touched (EIP-161 deletion if still empty at the end of the transaction).
  void touch(const Address& a);
  // SELFDESTRUCT bookkeeping: EIP-6780 only deletes accounts created in the same transaction.
  void mark_destructed(const Address& a);
  bool created_in_tx(const Address& a) { return account(a).created_in_tx; }

  // --- EIP-2929 access sets ---------------------------------------------------------------------
  bool warm_account(const Address& a);               // returns true if it was already warm
  bool warm_slot(const Address& a, const uint256& key);
  bool is_warm_account(const Address& a) const { return warm_accounts_.count(a) != 0; }

  // --- refunds ---------------------------------------------------------------------------------
  void add_refund(int64_t delta);
  int64_t refund() const { return refund_; }

  // --- journal ---------------------------------------------------------------------------------
  size_t snapshot() const { return journal_.size(); }
  void revert(size_t snapshot);

  // --- transaction and block boundaries --------------------------------------------------------
  void begin_transaction();
  // Deletes destructed and touched-empty accounts, makes current storage the next "original".
  void end_transaction();
  // Every account write of the block, for the backend to apply to the tries.
  std::vector<AccountWrite> collect_writes();

  bool incomplete() const { return incomplete_; }
  void mark_incomplete() { incomplete_ = true; }
  StateBackend& backend() { return backend_; }

  Account& account(const Address& a);

 private:
  enum class Kind : uint8_t {
    Balance, Nonce, Code, Storage, Transient, Create, Touch, Destruct, WarmAccount, WarmSlot, Refund
  };
  struct Entry {
    Kind kind;
    Address address;
    uint256 key;
    uint256 prev;       // previous balance / storage / transient value / refund
    uint64_t prev_nonce = 0;
    std::shared_ptr<Account> prev_account;  // Create and Code: the whole previous record
  };
  Slot& slot(Account& acc, const Address& a, const uint256& key);
  void mark_dirty(Account& acc, const Address& a);

  StateBackend& backend_;
  std::unordered_map<Address, Account, FixedBytesHash> accounts_;
  std::vector<Address> dirty_order_;  // deterministic commit order
  std::vector<Entry> journal_;
  std::unordered_set<Address, FixedBytesHash> warm_accounts_;
  struct SlotKey {
    Address a; uint256 k;
    bool operator==(const SlotKey& o) const { return a == o.a && k == o.k; }
  };
  struct SlotKeyHash {
    size_t operator()(const SlotKey& s) const { return FixedBytesHash{}(s.a) * 31 ^ FixedBytesHash{}(s.k); }
  };
  std::unordered_set<SlotKey, SlotKeyHash> warm_slots_;
  std::unordered_map<SlotKey, uint256, SlotKeyHash> transient_;
  std::vector<Address> touched_;
  std::unordered_set<Address, FixedBytesHash> touched_set_;
  int64_t refund_ = 0;
  bool incomplete_ = false;
  Bytes empty_code_;
};

}  // namespace oneproof::guest::state
