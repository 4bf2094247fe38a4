// A Merkle-Patricia trie (yellow paper, appendix D) over witness nodes: the pre-state is a root
// hash plus a map keccak(node) -> node RLP; nodes are loaded on demand. Reads and writes that
// need a node the witness lacks fail with MptError::MissingNode — never a silent "absent", so the
// validator cannot mistake a pruned path for an empty account. Deletions that collapse a branch
// load the surviving sibling from the witness too (it may be missing: same error).
#pragma once
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "guest/common/bytes.h"

namespace oneproof::guest::mpt {

enum class MptError : uint8_t {
  Ok = 0,
  MissingNode,  // a node referenced on the path is not in the witness
  BadNode,      // a witness node is malformed RLP or not a valid trie node
};

const char* error_name(MptError e);

// keccak256(rlp("")) = 0x56e81f17...b421: the root of the empty trie.
extern const Hash32 kEmptyTrieRoot;

// The witness: trie nodes by their keccak hash. Shared by every trie of a block (state and storage).
class NodeStore {
 public:
  // Adds a node under keccak(node); returns the hash.
  Hash32 add(const Bytes& node);
  const Bytes* find(const Hash32& hash) const;
  bool erase(const Hash32& hash) { return nodes_.erase(hash) > 0; }
  std::vector<Hash32> hashes() const {
    std::vector<Hash32> out;
    for (const auto& kv : nodes_) out.push_back(kv.first);
    return out;
  }
  size_t size() const { return nodes_.size(); }

 private:
  std::unordered_map<Hash32, Bytes, FixedBytesHash> nodes_;
};

struct Node;  // private to trie.cc

class Trie {
 public:
  // A trie whose root is `root` (kEmptyTrieRoot for an empty one), reading nodes from `store`
  // (which must outlive the trie).
  Trie(const NodeStore& store, const Hash32& root);
  ~Trie();
  Trie(Trie&&) noexcept;
  Trie& operator=(Trie&&) noexcept;
  Trie(const Trie&) = delete;
  Trie& operator=(const Trie&) = delete;
  // After an error from put/remove the contents are unspecified: the caller must stop (a block
  // whose witness lacks a node cannot be validated).

  // found=false with Ok means the key is provably absent.
  MptError get(const uint8_t* key, size_t key_size, Bytes& value, bool& found);
  // Inserts or updates; an empty value deletes the key (as Ethereum's tries do).
  MptError put(const uint8_t* key, size_t key_size, const Bytes& value);
  MptError remove(const uint8_t* key, size_t key_size);
  // The root hash of the current contents (re-hashes only what changed).
  Hash32 root_hash();
  // Adds every loaded node that is referenced by hash (and the root) to `out`: the witness a
  // later Trie(out, root_hash()) needs to read what this trie has loaded or written.
  void collect_nodes(NodeStore& out);

 private:
  const NodeStore* store_;
  std::unique_ptr<Node> root_;
};

// Secure-trie keys: the state trie is keyed by keccak(address), storage tries by keccak(slot as
// 32 big-endian bytes).
Hash32 account_key(const Address& address);
Hash32 storage_key(const uint256& slot);

// The root of a trie holding exactly `pairs` in memory (no witness): transactions, receipts and
// withdrawals roots (key = rlp(index)), and tests.
Hash32 root_of(const std::vector<std::pair<Bytes, Bytes>>& pairs);
// The ordered-list root used for block tries: keys rlp(0), rlp(1), ...
Hash32 ordered_root(const std::vector<Bytes>& values);

}  // namespace oneproof::guest::mpt
