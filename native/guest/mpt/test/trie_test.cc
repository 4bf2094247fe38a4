#include <algorithm>
#include <cstdio>
#include <string>

#include "common/test.h"
#include "guest/crypto/keccak.h"
#include "guest/crypto/test/hex.h"
#include "guest/mpt/trie.h"
#include "guest/rlp/rlp.h"

using namespace oneproof::guest;
using namespace oneproof::guest::mpt;
using test::addr;
using test::h32;
using test::hex;

namespace {

using Pairs = std::vector<std::pair<Bytes, Bytes>>;
Bytes str(const std::string& s) { return Bytes(s.begin(), s.end()); }
Pairs str_pairs(std::initializer_list<std::pair<const char*, const char*>> l) {
  Pairs out;
  for (auto& [k, v] : l) out.emplace_back(str(k), str(v));
  return out;
}

// A deterministic pseudo-random key/value set shaped like a secure trie (32-byte keys).
Pairs secure_pairs(size_t n, size_t value_size) {
  Pairs out;
  for (size_t i = 0; i < n; ++i) {
    uint8_t seed[8];
    for (int b = 0; b < 8; ++b) seed[b] = uint8_t(i >> (8 * b));
    Hash32 k = crypto::keccak256(seed, 8);
    Bytes v(value_size, uint8_t(i + 1));
    out.emplace_back(Bytes(k.b, k.b + 32), v);
  }
  return out;
}

// Writes `pairs` into an in-memory trie and returns its witness (every hashed node) and root.
Hash32 build_witness(const Pairs& pairs, NodeStore& store) {
  NodeStore none;
  Trie t(none, kEmptyTrieRoot);
  for (auto& [k, v] : pairs) t.put(k.data(), k.size(), v);
  Hash32 root = t.root_hash();
  t.collect_nodes(store);
  return root;
}

Bytes read_file(const std::string& path) {
  Bytes out;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return out;
  uint8_t buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.insert(out.end(), buf, buf + n);
  std::fclose(f);
  return out;
}

}  // namespace

// ethereum/tests TrieTests/trieanyorder.json (roots also checked against @ethereumjs/mpt).
OP_TEST(mpt_reference_roots_in_any_order) {
  struct Case { Pairs pairs; const char* root; };
  std::vector<Case> cases = {
      {str_pairs({{"doe", "reindeer"}, {"dog", "puppy"}, {"dogglesworth", "cat"}}),
       "8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3"},
      {str_pairs({{"do", "verb"}, {"horse", "stallion"}, {"doge", "coin"}, {"dog", "puppy"}}),
       "5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"},
      {str_pairs({{"foo", "bar"}, {"food", "bass"}}), "17beaa1648bafa633cda809c90c04af50fc8aed3cb40d16efbddee6fdf63c4c3"},
      {str_pairs({{"be", "e"}, {"dog", "puppy"}, {"bed", "d"}}),
       "3f67c7a47520f79faa29255d2d3c084a7a6df0453116ed7232ff10277a8be68b"},
      {str_pairs({{"test", "test"}, {"te", "testy"}}), "8452568af70d8d140f58d941338542f645fcca50094b20f3c3d8c3df49337928"},
      {Pairs{{hex("0045"), hex("0123456789")}, {hex("4500"), hex("9876543210")}},
       "285505fcabe84badc8aa310e2aae17eddc7d120aabec8a476902c8184b3a3503"},
  };
  for (auto& c : cases) {
    CHECK(root_of(c.pairs) == h32(c.root));
    std::reverse(c.pairs.begin(), c.pairs.end());
    CHECK(root_of(c.pairs) == h32(c.root));
    std::rotate(c.pairs.begin(), c.pairs.begin() + 1, c.pairs.end());
    CHECK(root_of(c.pairs) == h32(c.root));
  }
  CHECK(root_of({}) == kEmptyTrieRoot);
  CHECK(kEmptyTrieRoot == crypto::keccak256(Bytes{0x80}));
}

// ethereum/tests TrieTests/trietest.json "emptyValues": an empty value deletes.
OP_TEST(mpt_empty_values_delete) {
  NodeStore none;
  Trie t(none, kEmptyTrieRoot);
  std::vector<std::pair<std::string, std::string>> ops = {
      {"do", "verb"}, {"ether", "wookiedoo"}, {"horse", "stallion"}, {"shaman", "horse"},
      {"doge", "coin"}, {"ether", ""}, {"dog", "puppy"}, {"shaman", ""}};
  for (auto& [k, v] : ops) CHECK(t.put((const uint8_t*)k.data(), k.size(), str(v)) == MptError::Ok);
  CHECK(t.root_hash() == h32("5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"));
  Bytes v;
  bool found = true;
  CHECK(t.get((const uint8_t*)"ether", 5, v, found) == MptError::Ok && !found);
  CHECK(t.get((const uint8_t*)"doge", 4, v, found) == MptError::Ok && found && v == str("coin"));
}

OP_TEST(mpt_reads_back_from_witness) {
  Pairs pairs = secure_pairs(300, 40);
  NodeStore store;
  Hash32 root = build_witness(pairs, store);
  Trie t(store, root);
  for (auto& [k, v] : pairs) {
    Bytes got;
    bool found = false;
    REQUIRE(t.get(k.data(), k.size(), got, found) == MptError::Ok);
    CHECK(found && got == v);
  }
  Pairs absent = secure_pairs(320, 1);
  for (size_t i = 300; i < 320; ++i) {
    Bytes got;
    bool found = true;
    CHECK(t.get(absent[i].first.data(), 32, got, found) == MptError::Ok && !found);
  }
  CHECK(t.root_hash() == root);
}

OP_TEST(mpt_updates_and_deletions_match_rebuilt_roots) {
  Pairs pairs = secure_pairs(120, 33);
  NodeStore store;
  Hash32 root = build_witness(pairs, store);
  Trie t(store, root);
  // Update every third value, then delete every other key: each step must equal a fresh build.
  Pairs expected = pairs;
  for (size_t i = 0; i < expected.size(); i += 3) {
    expected[i].second = Bytes(5, 0xee);
    REQUIRE(t.put(expected[i].first.data(), 32, expected[i].second) == MptError::Ok);
  }
  CHECK(t.root_hash() == root_of(expected));
  Pairs remaining;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (i % 2 == 0) REQUIRE(t.remove(expected[i].first.data(), 32) == MptError::Ok);
    else remaining.push_back(expected[i]);
  }
  CHECK(t.root_hash() == root_of(remaining));
  // Deleting everything collapses back to the empty root; deleting an absent key changes nothing.
  for (auto& [k, v] : remaining) REQUIRE(t.remove(k.data(), 32) == MptError::Ok);
  CHECK(t.root_hash() == kEmptyTrieRoot);
  REQUIRE(t.remove(pairs[0].first.data(), 32) == MptError::Ok);
  CHECK(t.root_hash() == kEmptyTrieRoot);
}

OP_TEST(mpt_short_keys_collapse_into_extensions) {
  // Keys sharing prefixes: deletions turn branches into extensions and leaves with longer paths.
  Pairs pairs = str_pairs({{"do", "verb"}, {"dog", "puppy"}, {"doge", "coin"}, {"horse", "stallion"},
                           {"dogglesworth", "cat"}, {"doe", "reindeer"}});
  NodeStore store;
  Hash32 root = build_witness(pairs, store);
  for (size_t skip = 0; skip < pairs.size(); ++skip) {
    Trie t(store, root);
    Pairs rest;
    for (size_t i = 0; i < pairs.size(); ++i)
      if (i != skip) rest.push_back(pairs[i]);
    REQUIRE(t.remove(pairs[skip].first.data(), pairs[skip].first.size()) == MptError::Ok);
    CHECK(t.root_hash() == root_of(rest));
  }
}

OP_TEST(mpt_missing_node_is_an_error_not_absence) {
  Pairs pairs = secure_pairs(64, 40);  // 40-byte values: every leaf is referenced by hash
  NodeStore full;
  Hash32 root = build_witness(pairs, full);
  // Remove each non-root node in turn: every key read either succeeds with the right value or
  // reports MissingNode (for the keys below the removed node) — never "absent".
  size_t nodes_checked = 0;
  for (const Hash32& victim : full.hashes()) {
    if (victim == root) continue;
    NodeStore pruned = full;
    pruned.erase(victim);
    Trie t(pruned, root);
    size_t missing = 0;
    for (auto& [k, v] : pairs) {
      Bytes got;
      bool found = false;
      MptError e = t.get(k.data(), 32, got, found);
      if (e == MptError::MissingNode) ++missing;
      else CHECK(e == MptError::Ok && found && got == v);
    }
    CHECK(missing > 0);
    ++nodes_checked;
  }
  CHECK(nodes_checked > 64);
  // Without the root node nothing can be read, not even an absent key.
  NodeStore rootless = full;
  rootless.erase(root);
  Trie t(rootless, root);
  Bytes got;
  bool found = false;
  CHECK(t.get(pairs[0].first.data(), 32, got, found) == MptError::MissingNode);
  CHECK(t.put(pairs[0].first.data(), 32, Bytes{1}) == MptError::MissingNode);
  CHECK(t.remove(pairs[0].first.data(), 32) == MptError::MissingNode);
}

OP_TEST(mpt_collapse_needs_the_sibling_from_the_witness) {
  // Two 32-byte keys diverging at the first nibble, 40-byte values: the root is a branch with two
  // hashed leaves. Deleting one leaf collapses the branch into the other leaf, which must be loaded.
  Bytes k1(32, 0x11), k2(32, 0x22);
  Pairs pairs = {{k1, Bytes(40, 0xaa)}, {k2, Bytes(40, 0xbb)}};
  NodeStore full;
  Hash32 root = build_witness(pairs, full);
  CHECK_EQ(full.size(), size_t(3));
  Hash32 leaf2;  // the stored node holding k2's value
  for (const Hash32& h : full.hashes()) {
    if (h == root) continue;
    const Bytes* node = full.find(h);
    if (node && std::search(node->begin(), node->end(), pairs[1].second.begin(), pairs[1].second.end()) != node->end())
      leaf2 = h;
  }
  REQUIRE(!leaf2.is_zero());
  NodeStore pruned = full;
  pruned.erase(leaf2);
  // Reading k1 needs only its own path.
  Trie reader(pruned, root);
  Bytes got;
  bool found = false;
  CHECK(reader.get(k1.data(), 32, got, found) == MptError::Ok && found);
  // Deleting k1 needs k2's leaf to rebuild the collapsed node.
  Trie writer(pruned, root);
  CHECK(writer.remove(k1.data(), 32) == MptError::MissingNode);
  // With the full witness the same deletion gives the one-leaf trie's root.
  Trie complete(full, root);
  REQUIRE(complete.remove(k1.data(), 32) == MptError::Ok);
  CHECK(complete.root_hash() == root_of({pairs[1]}));
}

OP_TEST(mpt_rejects_malformed_nodes) {
  for (const Bytes& garbage : {hex("c3010203"), hex("ff"), hex("c2c0c0"), hex("e2a0" + std::string(64, '1'))}) {
    NodeStore store;
    Hash32 h = store.add(garbage);
    Trie t(store, h);
    Bytes got;
    bool found = false;
    CHECK(t.get(hex("01").data(), 1, got, found) == MptError::BadNode);
  }
  // An extension with an empty path, and a branch child that is neither empty, a hash nor a list.
  for (const Bytes& bad : {hex("c4808201ff"), hex("d1" "83010203" + std::string(30, '8') + "80")}) {
    NodeStore store;
    Hash32 h = store.add(bad);
    Trie t(store, h);
    Bytes got;
    bool found = false;
    CHECK(t.get(hex("01").data(), 1, got, found) == MptError::BadNode);
  }
}

// Hoodi block 1151683's witness as geth recorded it: accounts on recorded paths read fine, the
// blob transaction's recipient 0x00d8b9...5b20 runs into a node the witness lacks.
OP_TEST(mpt_hoodi_witness_reads_and_reports_missing_path) {
  Bytes raw = read_file(OP_MPT_TEST_DATA_DIR "/hoodi-1151683.witness.rlp");
  REQUIRE(raw.size() == 40843);
  rlp::Item witness;
  std::vector<rlp::Item> parts, headers, state, header;
  REQUIRE(rlp::decode(raw, witness) == rlp::Error::Ok);
  REQUIRE(rlp::list_items(witness, 4, parts) == rlp::Error::Ok);  // [headers, codes, state, keys]
  REQUIRE(rlp::list_items(parts[0], headers) == rlp::Error::Ok && headers.size() == 1);
  REQUIRE(rlp::list_items(headers[0], header) == rlp::Error::Ok);
  Hash32 state_root;
  REQUIRE(rlp::to_hash(header[3], state_root) == rlp::Error::Ok);
  CHECK(crypto::keccak256(headers[0].raw, headers[0].raw_size) ==
        h32("4b2a36bc593d34655573954a798f258140b0d32692153905a51b74d4bc1739fb"));  // the block's parentHash
  REQUIRE(rlp::list_items(parts[2], state) == rlp::Error::Ok && state.size() == 104);
  NodeStore store;
  for (const rlp::Item& node : state) store.add(node.bytes());

  Trie t(store, state_root);
  auto read = [&](const char* address, Bytes& account, bool& found) {
    Hash32 key = account_key(addr(address));
    return t.get(key.b, 32, account, found);
  };
  Bytes account;
  bool found = false;
  // The blob transaction's sender and the EIP-4788 beacon-roots contract are there.
  REQUIRE(read("cec048be2bb61993d6ac7e03cd26a2323d8ca0dd", account, found) == MptError::Ok);
  CHECK(found);
  REQUIRE(read("000f3df6d732807ef1319fb7b8bb8522d0beac02", account, found) == MptError::Ok);
  REQUIRE(found);
  rlp::Item acct;
  std::vector<rlp::Item> fields;
  REQUIRE(rlp::decode(account, acct) == rlp::Error::Ok && rlp::list_items(acct, 4, fields) == rlp::Error::Ok);
  Hash32 code_hash;
  REQUIRE(rlp::to_hash(fields[3], code_hash) == rlp::Error::Ok);
  CHECK(code_hash.b[0] == 0xf5 && code_hash.b[1] == 0x7a && code_hash.b[2] == 0xcd);
  // The recipient's path stops at a node geth did not record: an error, not an empty account.
  CHECK(read("00d8b9e957becc0978a9882f0cd5e776cd7c5b20", account, found) == MptError::MissingNode);
  CHECK(t.root_hash() == state_root);
}

// Every single-byte corruption of real witness nodes: reads fail cleanly (or, when the corrupted
// node still parses, return something) — never crash.
OP_TEST(mpt_corrupted_witness_nodes_never_crash) {
  Bytes raw = read_file(OP_MPT_TEST_DATA_DIR "/hoodi-1151683.witness.rlp");
  rlp::Item witness;
  std::vector<rlp::Item> parts, state;
  REQUIRE(rlp::decode(raw, witness) == rlp::Error::Ok && rlp::list_items(witness, 4, parts) == rlp::Error::Ok);
  REQUIRE(rlp::list_items(parts[2], state) == rlp::Error::Ok);
  Hash32 key = account_key(addr("cec048be2bb61993d6ac7e03cd26a2323d8ca0dd"));
  size_t bad = 0, total = 0;
  for (size_t n = 0; n < state.size(); n += 7) {
    Bytes node = state[n].bytes();
    for (size_t i = 0; i < node.size(); i += 13) {
      Bytes m = node;
      m[i] ^= 0x5a;
      NodeStore store;
      Hash32 h = store.add(m);
      Trie t(store, h);
      Bytes value;
      bool found = false;
      MptError e = t.get(key.b, 32, value, found);
      if (e == MptError::BadNode) ++bad;
      ++total;
      (void)t.put(key.b, 32, Bytes{1, 2, 3});
      (void)t.root_hash();
    }
  }
  CHECK(total > 0 && bad > 0);
}

// A BlockchainTest's pre-state (accounts, code, storage) rebuilt as secure tries gives the
// genesis header's stateRoot: storage values are RLP integers under keccak(slot), accounts
// RLP [nonce, balance, storageRoot, codeHash] under keccak(address).
OP_TEST(mpt_fixture_prestate_gives_genesis_state_root) {
  Bytes text = read_file(OP_MPT_TEST_DATA_DIR "/eest-genesis-prestate.txt");
  REQUIRE(!text.empty());
  std::string all(text.begin(), text.end());
  NodeStore none;
  Trie state(none, kEmptyTrieRoot);
  Hash32 expected;
  bool have_root = false;
  size_t accounts = 0, slots = 0;
  struct Pending { Address address; uint256 nonce, balance; Bytes code; Pairs storage; };
  std::vector<Pending> pending;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    if (end == std::string::npos) end = all.size();
    std::string line = all.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    for (size_t i = 0; i < line.size();) {
      size_t j = line.find(' ', i);
      if (j == std::string::npos) j = line.size();
      f.push_back(line.substr(i, j - i));
      i = j + 1;
    }
    if (f[0] == "account") {
      Pending p;
      p.address = addr(f[1]);
      p.nonce = test::u256(f[2]);
      p.balance = test::u256(f[3]);
      if (f[4] != "-") p.code = hex(f[4]);
      pending.push_back(std::move(p));
    } else if (f[0] == "slot") {
      uint256 key = test::u256(f[1]), value = test::u256(f[2]);
      Hash32 k = storage_key(key);
      pending.back().storage.emplace_back(Bytes(k.b, k.b + 32), rlp::encode_u256(value));
      ++slots;
    } else if (f[0] == "root") {
      expected = h32(f[1]);
      have_root = true;
    }
  }
  REQUIRE(have_root);
  for (const Pending& p : pending) {
    rlp::Encoder e;
    size_t list = e.begin_list();
    e.add_u256(p.nonce);
    e.add_u256(p.balance);
    e.add_bytes(root_of(p.storage));
    e.add_bytes(crypto::keccak256(p.code));
    e.end_list(list);
    Hash32 k = account_key(p.address);
    REQUIRE(state.put(k.b, 32, e.bytes()) == MptError::Ok);
    ++accounts;
  }
  CHECK(accounts >= 4 && slots >= 3);
  CHECK(state.root_hash() == expected);
  // Changing one balance changes the root.
  rlp::Encoder e;
  size_t list = e.begin_list();
  e.add_u64(0);
  e.add_u64(1);
  e.add_bytes(kEmptyTrieRoot);
  e.add_bytes(crypto::kEmptyCodeHash);
  e.end_list(list);
  Hash32 k = account_key(pending[0].address);
  REQUIRE(state.put(k.b, 32, e.bytes()) == MptError::Ok);
  CHECK(state.root_hash() != expected);
}
