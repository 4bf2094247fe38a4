#include "guest/mpt/trie.h"

#include <cstring>

#include "guest/crypto/keccak.h"
#include "guest/mpt/nibbles.h"
#include "guest/rlp/rlp.h"

namespace oneproof::guest::mpt {

const char* error_name(MptError e) {
  switch (e) {
    case MptError::Ok: return "ok";
    case MptError::MissingNode: return "trie node missing from the witness";
    case MptError::BadNode: return "malformed trie node";
  }
  return "unknown";
}

const Hash32 kEmptyTrieRoot{{0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45,
                             0xe6, 0x92, 0xc0, 0xf8, 0x6e, 0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c,
                             0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21}};

Hash32 NodeStore::add(const Bytes& node) {
  Hash32 h = crypto::keccak256(node);
  nodes_.emplace(h, node);
  return h;
}

const Bytes* NodeStore::find(const Hash32& hash) const {
  auto it = nodes_.find(hash);
  return it == nodes_.end() ? nullptr : &it->second;
}

// An in-memory node. A null pointer is the empty trie; Ref is a child known only by its hash
// until something walks through it.
struct Node {
  enum class Kind : uint8_t { Ref, Leaf, Extension, Branch };
  Kind kind = Kind::Ref;
  Nibbles path;                       // Leaf, Extension
  Bytes value;                        // Leaf, Branch (empty: none)
  std::unique_ptr<Node> child;        // Extension
  std::unique_ptr<Node> children[16];  // Branch
  Hash32 hash;                        // Ref
  // The node's RLP while it is unchanged since it was decoded or last encoded.
  bool cached = false;
  Bytes encoding;
};

using Slot = std::unique_ptr<Node>;

namespace {

Slot make_leaf(Nibbles path, Bytes value) {
  Slot n = std::make_unique<Node>();
  n->kind = Node::Kind::Leaf;
  n->path = std::move(path);
  n->value = std::move(value);
  return n;
}
Slot make_extension(Nibbles path, Slot child) {
  Slot n = std::make_unique<Node>();
  n->kind = Node::Kind::Extension;
  n->path = std::move(path);
  n->child = std::move(child);
  return n;
}
Slot make_branch() {
  Slot n = std::make_unique<Node>();
  n->kind = Node::Kind::Branch;
  return n;
}

MptError decode_node(const uint8_t* p, size_t n, Slot& out);

// A child reference inside a node: empty (no child), a 32-byte hash, or an inlined node (< 32 bytes).
MptError decode_child(const rlp::Item& it, Slot& out) {
  if (it.is_list) {
    if (it.raw_size >= 32) return MptError::BadNode;  // nodes of 32+ bytes must be referenced by hash
    return decode_node(it.raw, it.raw_size, out);
  }
  if (it.payload_size == 0) {
    out.reset();
    return MptError::Ok;
  }
  if (it.payload_size != 32) return MptError::BadNode;
  out = std::make_unique<Node>();
  out->kind = Node::Kind::Ref;
  std::memcpy(out->hash.b, it.payload, 32);
  return MptError::Ok;
}

MptError decode_node(const uint8_t* p, size_t n, Slot& out) {
  rlp::Item node;
  std::vector<rlp::Item> items;
  if (rlp::decode(p, n, node) != rlp::Error::Ok || rlp::list_items(node, items) != rlp::Error::Ok)
    return MptError::BadNode;
  Slot result;
  if (items.size() == 17) {
    result = make_branch();
    for (int i = 0; i < 16; ++i)
      if (MptError e = decode_child(items[i], result->children[i]); e != MptError::Ok) return e;
    if (items[16].is_list) return MptError::BadNode;
    result->value = items[16].bytes();
  } else if (items.size() == 2) {
    if (items[0].is_list) return MptError::BadNode;
    Nibbles path;
    bool leaf = false;
    if (!hex_prefix_decode(items[0].payload, items[0].payload_size, path, leaf)) return MptError::BadNode;
    if (leaf) {
      if (items[1].is_list) return MptError::BadNode;
      result = make_leaf(std::move(path), items[1].bytes());
    } else {
      if (path.empty()) return MptError::BadNode;
      Slot child;
      if (MptError e = decode_child(items[1], child); e != MptError::Ok) return e;
      if (!child) return MptError::BadNode;
      result = make_extension(std::move(path), std::move(child));
    }
  } else {
    return MptError::BadNode;
  }
  result->cached = true;
  result->encoding.assign(p, p + n);
  out = std::move(result);
  return MptError::Ok;
}

// Replaces a Ref in `slot` by the decoded witness node.
MptError resolve(const NodeStore& store, Slot& slot) {
  if (!slot || slot->kind != Node::Kind::Ref) return MptError::Ok;
  const Bytes* raw = store.find(slot->hash);
  if (!raw) return MptError::MissingNode;
  return decode_node(raw->data(), raw->size(), slot);
}

size_t common_prefix(const uint8_t* a, size_t an, const uint8_t* b, size_t bn) {
  size_t i = 0;
  while (i < an && i < bn && a[i] == b[i]) ++i;
  return i;
}

Nibbles slice(const uint8_t* p, size_t from, size_t to) { return Nibbles(p + from, p + to); }

MptError insert(const NodeStore& store, Slot& slot, const uint8_t* key, size_t n, const Bytes& value) {
  if (!slot) {
    slot = make_leaf(slice(key, 0, n), value);
    return MptError::Ok;
  }
  if (MptError e = resolve(store, slot); e != MptError::Ok) return e;
  Node& node = *slot;
  switch (node.kind) {
    case Node::Kind::Branch:
      if (n == 0) {
        node.value = value;
      } else if (MptError e = insert(store, node.children[key[0]], key + 1, n - 1, value); e != MptError::Ok) {
        return e;
      }
      node.cached = false;
      return MptError::Ok;
    case Node::Kind::Leaf:
    case Node::Kind::Extension: {
      bool leaf = node.kind == Node::Kind::Leaf;
      size_t c = common_prefix(node.path.data(), node.path.size(), key, n);
      if (c == node.path.size()) {
        if (leaf && c == n) {
          node.value = value;
          node.cached = false;
          return MptError::Ok;
        }
        if (!leaf) {
          if (MptError e = insert(store, node.child, key + c, n - c, value); e != MptError::Ok) return e;
          node.cached = false;
          return MptError::Ok;
        }
      }
      // The paths diverge at nibble c (or one ends there): a branch at c, under an extension
      // for the shared prefix when there is one.
      Slot branch = make_branch();
      if (c == node.path.size()) {
        branch->value = std::move(node.value);  // a leaf whose path ends at the branch
      } else {
        uint8_t at = node.path[c];
        Nibbles rest = slice(node.path.data(), c + 1, node.path.size());
        if (leaf) branch->children[at] = make_leaf(std::move(rest), std::move(node.value));
        else if (rest.empty()) branch->children[at] = std::move(node.child);
        else branch->children[at] = make_extension(std::move(rest), std::move(node.child));
      }
      if (c == n) branch->value = value;
      else branch->children[key[c]] = make_leaf(slice(key, c + 1, n), value);
      slot = c > 0 ? make_extension(slice(key, 0, c), std::move(branch)) : std::move(branch);
      return MptError::Ok;
    }
    case Node::Kind::Ref: break;
  }
  return MptError::BadNode;
}

// After a child of an extension changed, merge it upwards when it became a leaf or extension.
void normalize_extension(Slot& slot) {
  Node& ext = *slot;
  Node& child = *ext.child;
  if (child.kind == Node::Kind::Leaf || child.kind == Node::Kind::Extension) {
    Nibbles path = ext.path;
    path.insert(path.end(), child.path.begin(), child.path.end());
    child.path = std::move(path);
    child.cached = false;
    Slot merged = std::move(ext.child);
    slot = std::move(merged);
  }
}

// A branch left with fewer than two entries becomes a leaf or an extension. The surviving child
// must be loaded to know its kind — from the witness, which may lack it.
MptError collapse_branch(const NodeStore& store, Slot& slot) {
  Node& branch = *slot;
  int only = -1, count = 0;
  for (int i = 0; i < 16; ++i)
    if (branch.children[i]) {
      only = i;
      ++count;
    }
  if (!branch.value.empty()) ++count;
  if (count >= 2) return MptError::Ok;
  if (count == 0) {
    slot.reset();
    return MptError::Ok;
  }
  if (only < 0) {
    slot = make_leaf(Nibbles{}, std::move(branch.value));
    return MptError::Ok;
  }
  Slot& child = branch.children[only];
  if (MptError e = resolve(store, child); e != MptError::Ok) return e;
  if (child->kind == Node::Kind::Branch) {
    slot = make_extension(Nibbles{uint8_t(only)}, std::move(child));
    return MptError::Ok;
  }
  child->path.insert(child->path.begin(), uint8_t(only));
  child->cached = false;
  Slot merged = std::move(child);
  slot = std::move(merged);
  return MptError::Ok;
}

MptError erase(const NodeStore& store, Slot& slot, const uint8_t* key, size_t n, bool& changed) {
  changed = false;
  if (!slot) return MptError::Ok;
  if (MptError e = resolve(store, slot); e != MptError::Ok) return e;
  Node& node = *slot;
  switch (node.kind) {
    case Node::Kind::Leaf:
      if (node.path.size() == n && std::equal(node.path.begin(), node.path.end(), key)) {
        slot.reset();
        changed = true;
      }
      return MptError::Ok;
    case Node::Kind::Extension: {
      if (common_prefix(node.path.data(), node.path.size(), key, n) != node.path.size()) return MptError::Ok;
      size_t c = node.path.size();
      if (MptError e = erase(store, node.child, key + c, n - c, changed); e != MptError::Ok) return e;
      if (!changed) return MptError::Ok;
      node.cached = false;
      if (!node.child) slot.reset();  // only a malformed (single-entry) branch can vanish
      else normalize_extension(slot);
      return MptError::Ok;
    }
    case Node::Kind::Branch: {
      if (n == 0) {
        if (node.value.empty()) return MptError::Ok;
        node.value.clear();
      } else {
        if (MptError e = erase(store, node.children[key[0]], key + 1, n - 1, changed); e != MptError::Ok) return e;
        if (!changed) return MptError::Ok;
      }
      changed = true;
      node.cached = false;
      return collapse_branch(store, slot);
    }
    case Node::Kind::Ref: break;
  }
  return MptError::BadNode;
}

const Bytes& encode(Node& node);

// How a parent refers to `node`: inline when its encoding is under 32 bytes, else by hash.
void add_reference(rlp::Encoder& enc, Node* node) {
  if (!node) {
    enc.add_bytes(nullptr, 0);
  } else if (node->kind == Node::Kind::Ref) {
    enc.add_bytes(node->hash);
  } else {
    const Bytes& e = encode(*node);
    if (e.size() < 32) enc.add_raw(e);
    else enc.add_bytes(crypto::keccak256(e));
  }
}

const Bytes& encode(Node& node) {
  if (node.cached) return node.encoding;
  rlp::Encoder enc;
  size_t list = enc.begin_list();
  switch (node.kind) {
    case Node::Kind::Leaf:
      enc.add_bytes(hex_prefix_encode(node.path.data(), node.path.size(), true));
      enc.add_bytes(node.value);
      break;
    case Node::Kind::Extension:
      enc.add_bytes(hex_prefix_encode(node.path.data(), node.path.size(), false));
      add_reference(enc, node.child.get());
      break;
    case Node::Kind::Branch:
      for (auto& c : node.children) add_reference(enc, c.get());
      enc.add_bytes(node.value);
      break;
    case Node::Kind::Ref: break;  // never encoded: referenced by hash
  }
  enc.end_list(list);
  node.encoding = enc.take();
  node.cached = true;
  return node.encoding;
}

void collect(Node* node, NodeStore& out, bool is_root) {
  if (!node || node->kind == Node::Kind::Ref) return;
  const Bytes& e = encode(*node);
  if (is_root || e.size() >= 32) out.add(e);
  if (node->kind == Node::Kind::Extension) collect(node->child.get(), out, false);
  if (node->kind == Node::Kind::Branch)
    for (auto& c : node->children) collect(c.get(), out, false);
}

}  // namespace

Trie::Trie(const NodeStore& store, const Hash32& root) : store_(&store) {
  if (root != kEmptyTrieRoot) {
    root_ = std::make_unique<Node>();
    root_->kind = Node::Kind::Ref;
    root_->hash = root;
  }
}
Trie::~Trie() = default;
Trie::Trie(Trie&&) noexcept = default;
Trie& Trie::operator=(Trie&&) noexcept = default;

MptError Trie::get(const uint8_t* key, size_t key_size, Bytes& value, bool& found) {
  found = false;
  Nibbles path = to_nibbles(key, key_size);
  const uint8_t* k = path.data();
  size_t n = path.size();
  Slot* slot = &root_;
  for (;;) {
    if (!*slot) return MptError::Ok;
    if (MptError e = resolve(*store_, *slot); e != MptError::Ok) return e;
    Node& node = **slot;
    switch (node.kind) {
      case Node::Kind::Leaf:
        if (node.path.size() == n && std::equal(node.path.begin(), node.path.end(), k)) {
          value = node.value;
          found = true;
        }
        return MptError::Ok;
      case Node::Kind::Extension: {
        size_t c = node.path.size();
        if (common_prefix(node.path.data(), c, k, n) != c) return MptError::Ok;
        k += c;
        n -= c;
        slot = &node.child;
        break;
      }
      case Node::Kind::Branch:
        if (n == 0) {
          found = !node.value.empty();
          if (found) value = node.value;
          return MptError::Ok;
        }
        slot = &node.children[k[0]];
        ++k;
        --n;
        break;
      case Node::Kind::Ref: return MptError::BadNode;
    }
  }
}

MptError Trie::put(const uint8_t* key, size_t key_size, const Bytes& value) {
  if (value.empty()) return remove(key, key_size);
  Nibbles path = to_nibbles(key, key_size);
  return insert(*store_, root_, path.data(), path.size(), value);
}

MptError Trie::remove(const uint8_t* key, size_t key_size) {
  Nibbles path = to_nibbles(key, key_size);
  bool changed = false;
  return erase(*store_, root_, path.data(), path.size(), changed);
}

Hash32 Trie::root_hash() {
  if (!root_) return kEmptyTrieRoot;
  if (root_->kind == Node::Kind::Ref) return root_->hash;
  return crypto::keccak256(encode(*root_));  // the root is hashed even when shorter than 32 bytes
}

void Trie::collect_nodes(NodeStore& out) { collect(root_.get(), out, true); }

Hash32 account_key(const Address& address) { return crypto::keccak256(address.b, 20); }

Hash32 storage_key(const uint256& slot) {
  uint8_t be[32];
  slot.to_be(be);
  return crypto::keccak256(be, 32);
}

Hash32 root_of(const std::vector<std::pair<Bytes, Bytes>>& pairs) {
  NodeStore none;
  Trie trie(none, kEmptyTrieRoot);
  for (const auto& [k, v] : pairs) trie.put(k.data(), k.size(), v);  // in-memory: cannot miss nodes
  return trie.root_hash();
}

Hash32 ordered_root(const std::vector<Bytes>& values) {
  std::vector<std::pair<Bytes, Bytes>> pairs;
  pairs.reserve(values.size());
  for (size_t i = 0; i < values.size(); ++i) pairs.emplace_back(rlp::encode_u64(i), values[i]);
  return root_of(pairs);
}

}  // namespace oneproof::guest::mpt
