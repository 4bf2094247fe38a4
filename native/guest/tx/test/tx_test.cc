#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "common/test.h"
#include "guest/crypto/secp256k1.h"
#include "guest/crypto/test/hex.h"
#include "guest/mpt/trie.h"
#include "guest/rlp/rlp.h"
#include "guest/tx/transaction.h"

using namespace oneproof::guest;
using namespace oneproof::guest::tx;
using test::addr;
using test::h32;
using test::hex;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

struct Expected {
  std::string hash_prefix;  // full hash, or a prefix where only that is published
  Address sender;
  int type = 0;
};

// "<hash> <sender> <type>" lines, then "root <transactionsRoot>".
bool read_expected(const std::string& path, std::vector<Expected>& out, Hash32& root) {
  std::istringstream in(read_text(path));
  std::string line;
  bool have_root = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string a, b;
    ls >> a >> b;
    if (a == "root") {
      root = h32(b);
      have_root = true;
      continue;
    }
    Expected e;
    e.hash_prefix = a.substr(2);
    e.sender = addr(b);
    ls >> e.type;
    out.push_back(e);
  }
  return have_root && !out.empty();
}

// Decodes every transaction of a block file and checks type, hash, sender and the transactions root.
void check_block(const std::string& name) {
  std::string dir = OP_TX_TEST_DATA_DIR "/";
  std::string block_hex = read_text(dir + name + ".block.rlp.hex");
  while (!block_hex.empty() && (block_hex.back() == '\n' || block_hex.back() == '\r')) block_hex.pop_back();
  REQUIRE(!block_hex.empty());
  Bytes block = hex(block_hex);
  std::vector<Expected> expected;
  Hash32 tx_root;
  REQUIRE(read_expected(dir + name + ".senders.txt", expected, tx_root));

  rlp::Item root_item;
  std::vector<rlp::Item> parts, txs;
  REQUIRE(rlp::decode(block, root_item) == rlp::Error::Ok);
  REQUIRE(rlp::list_items(root_item, parts) == rlp::Error::Ok && parts.size() >= 3);
  REQUIRE(rlp::list_items(parts[1], txs) == rlp::Error::Ok);
  REQUIRE(txs.size() == expected.size());
  std::vector<Bytes> encodings;
  for (size_t i = 0; i < txs.size(); ++i) {
    Transaction tx;
    REQUIRE(decode_block_item(txs[i], tx) == TxError::Ok);
    CHECK_EQ(int(tx.type), expected[i].type);
    std::string hash_hex = to_hex(tx.hash).substr(2);
    CHECK(hash_hex.compare(0, expected[i].hash_prefix.size(), expected[i].hash_prefix) == 0);
    Address sender;
    REQUIRE(recover_sender(tx, sender) == TxError::Ok);
    CHECK(sender == expected[i].sender);
    CHECK(tx.data_zero_bytes + tx.data_nonzero_bytes == tx.data.size());
    encodings.push_back(tx.encoded);

    // Any flipped bit in the signed payload changes the recovered sender (or invalidates it).
    Bytes tampered = tx.encoded;
    tampered[tampered.size() / 2] ^= 0x01;
    Transaction t2;
    if (decode(tampered, t2) == TxError::Ok) {
      Address other;
      if (recover_sender(t2, other) == TxError::Ok) CHECK(other != expected[i].sender || t2.hash != tx.hash);
    }
  }
  CHECK(mpt::ordered_root(encodings) == tx_root);
}

// EIP-155's example transaction (nonce 9, 20 gwei, 21000 gas, to 0x3535..., 1 ether, chain 1).
const char* kEip155Tx =
    "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc"
    "2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

}  // namespace

OP_TEST(tx_mainnet_block_senders_hashes_and_root) { check_block("mainnet-19426587"); }
OP_TEST(tx_hoodi_blob_transaction) { check_block("hoodi-1151683"); }

OP_TEST(tx_eip155_example) {
  Transaction tx;
  REQUIRE(decode(hex(kEip155Tx), tx) == TxError::Ok);
  CHECK(tx.type == TxType::Legacy && tx.has_chain_id && tx.chain_id == uint256(1));
  CHECK(tx.nonce == 9 && tx.gas_limit == 21000 && tx.value == uint256(1000000000000000000ull));
  CHECK(tx.signing_hash == h32("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"));
  Address sender;
  REQUIRE(recover_sender(tx, sender) == TxError::Ok);
  CHECK(sender == addr("9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"));
}

OP_TEST(tx_rejects_malformed_encodings) {
  Transaction tx;
  rlp::Error re;
  CHECK(decode(Bytes{}, tx) == TxError::EmptyEnvelope);
  CHECK(decode(hex("05c0"), tx) == TxError::UnknownType);
  CHECK(decode(hex("7f"), tx) == TxError::UnknownType);
  CHECK(decode(hex("02"), tx, &re) == TxError::Rlp && re == rlp::Error::Truncated);
  CHECK(decode(hex("02c0"), tx) == TxError::WrongFieldCount);
  CHECK(decode(hex("c0"), tx) == TxError::WrongFieldCount);
  Bytes good = hex(kEip155Tx);
  // Truncated, trailing bytes, non-canonical integer (nonce 0x09 as 0x8109 is non-canonical).
  CHECK(decode(Bytes(good.begin(), good.end() - 1), tx) == TxError::Rlp);
  Bytes trailing = good;
  trailing.push_back(0);
  CHECK(decode(trailing, tx, &re) == TxError::Rlp && re == rlp::Error::TrailingBytes);
  // v = 29 is neither 27/28 nor EIP-155.
  Bytes bad_v = good;
  for (size_t i = 0; i + 1 < bad_v.size(); ++i)
    if (bad_v[i] == 0x80 && bad_v[i + 1] == 0x25) { bad_v[i + 1] = 0x1d; break; }
  CHECK(decode(bad_v, tx) == TxError::InvalidSignature);
  // A typed transaction wrapped in a block's string item must not hold a legacy list.
  Bytes wrapped = rlp::encode_bytes(good);
  rlp::Item item;
  REQUIRE(rlp::decode(wrapped, item) == rlp::Error::Ok);
  CHECK(decode_block_item(item, tx) == TxError::UnknownType);
}

OP_TEST(tx_typed_fields_and_signature_rules) {
  // A 1559 transaction built here: [chain 1, nonce 0, tip 1, cap 2, gas 21000, to, value 0, data, [], yParity, r, s].
  auto build = [](uint8_t type, const Bytes& to, uint64_t y_parity, const Bytes& extra_fields) {
    rlp::Encoder e;
    size_t l = e.begin_list();
    e.add_u64(1);
    e.add_u64(0);
    e.add_u64(1);
    e.add_u64(2);
    e.add_u64(21000);
    e.add_bytes(to);
    e.add_u64(0);
    e.add_bytes(Bytes{0, 0, 7});
    size_t al = e.begin_list();
    size_t entry = e.begin_list();
    e.add_bytes(Bytes(20, 0x44));
    size_t keys = e.begin_list();
    e.add_bytes(Bytes(32, 1));
    e.add_bytes(Bytes(32, 2));
    e.end_list(keys);
    e.end_list(entry);
    e.end_list(al);
    e.add_raw(extra_fields);
    e.add_u64(y_parity);
    e.add_u256(uint256(5));
    e.add_u256(uint256(6));
    e.end_list(l);
    Bytes out = e.bytes();
    out.insert(out.begin(), type);
    return out;
  };
  Transaction tx;
  REQUIRE(decode(build(2, Bytes(20, 0x33), 0, {}), tx) == TxError::Ok);
  CHECK(tx.type == TxType::DynamicFee && tx.max_fee_per_gas == uint256(2) && tx.max_priority_fee_per_gas == uint256(1));
  CHECK(tx.data_zero_bytes == 2 && tx.data_nonzero_bytes == 1);
  CHECK(tx.access_list_addresses == 1 && tx.access_list_storage_keys == 2);
  CHECK(!tx.is_create && tx.to == Address::from(Bytes(20, 0x33).data()));
  // yParity 2 is rejected at recovery.
  REQUIRE(decode(build(2, Bytes(20, 0x33), 2, {}), tx) == TxError::Ok);
  Address sender;
  CHECK(recover_sender(tx, sender) == TxError::InvalidSignature);
  // Blob transactions cannot create contracts; their hash list must hold 32-byte hashes.
  rlp::Encoder blob_fields;
  blob_fields.add_u64(3);
  size_t hl = blob_fields.begin_list();
  blob_fields.add_bytes(Bytes(32, 9));
  blob_fields.end_list(hl);
  REQUIRE(decode(build(3, Bytes(20, 0x33), 0, blob_fields.bytes()), tx) == TxError::Ok);
  CHECK(tx.blob_versioned_hashes.size() == 1 && tx.max_fee_per_blob_gas == uint256(3));
  CHECK(decode(build(3, Bytes{}, 0, blob_fields.bytes()), tx) == TxError::MissingTo);
  rlp::Encoder bad_hashes;
  bad_hashes.add_u64(3);
  size_t bl = bad_hashes.begin_list();
  bad_hashes.add_bytes(Bytes(31, 9));
  bad_hashes.end_list(bl);
  rlp::Error re;
  CHECK(decode(build(3, Bytes(20, 0x33), 0, bad_hashes.bytes()), tx, &re) == TxError::Rlp && re == rlp::Error::WrongSize);
  // 1559 may create contracts.
  REQUIRE(decode(build(2, Bytes{}, 0, {}), tx) == TxError::Ok);
  CHECK(tx.is_create && tx.initcode_size() == 3);
}

OP_TEST(tx_set_code_authorizations) {
  // A set-code transaction whose single authorization reuses the EIP-155 example key's signature
  // fields: the authority must be recovered from keccak(0x05 || rlp([chain, address, nonce])), so
  // a correct implementation recovers *some* key for valid r/s and none for a bad y_parity.
  auto build = [](uint64_t auth_y, bool empty_to) {
    rlp::Encoder e;
    size_t l = e.begin_list();
    e.add_u64(1); e.add_u64(0); e.add_u64(1); e.add_u64(2); e.add_u64(50000);
    e.add_bytes(empty_to ? Bytes{} : Bytes(20, 0x33));
    e.add_u64(0); e.add_bytes(Bytes{});
    size_t al = e.begin_list(); e.end_list(al);
    size_t auths = e.begin_list();
    size_t a = e.begin_list();
    e.add_u64(1);
    e.add_bytes(Bytes(20, 0x55));
    e.add_u64(7);
    e.add_u64(auth_y);
    e.add_u256(test::dec("18515461264373351373200002665853028612451056578545711640558177340181847433846"));
    e.add_u256(test::dec("46948507304638947509940763649030358759909902576025900602547168820602576006531"));
    e.end_list(a);
    e.end_list(auths);
    e.add_u64(0); e.add_u256(uint256(5)); e.add_u256(uint256(6));
    e.end_list(l);
    Bytes out = e.bytes();
    out.insert(out.begin(), uint8_t(4));
    return out;
  };
  Transaction tx;
  REQUIRE(decode(build(0, false), tx) == TxError::Ok);
  REQUIRE(tx.authorizations.size() == 1);
  CHECK(tx.authorizations[0].nonce == 7 && tx.authorizations[0].address == Address::from(Bytes(20, 0x55).data()));
  recover_authorities(tx);
  CHECK(tx.authorizations[0].authority_valid);
  Address first = tx.authorizations[0].authority;
  REQUIRE(decode(build(1, false), tx) == TxError::Ok);
  recover_authorities(tx);
  CHECK(tx.authorizations[0].authority_valid && tx.authorizations[0].authority != first);
  REQUIRE(decode(build(2, false), tx) == TxError::Ok);
  recover_authorities(tx);
  CHECK(!tx.authorizations[0].authority_valid);
  CHECK(decode(build(256, false), tx) == TxError::InvalidAuthorization);
  CHECK(decode(build(0, true), tx) == TxError::MissingTo);
}

// Mutated and truncated real transactions: decoding never crashes, every strict prefix is
// rejected, and whatever decodes is canonical (re-encodes to exactly the input).
OP_TEST(tx_mutations_and_truncations_are_handled) {
  std::string block_hex = read_text(OP_TX_TEST_DATA_DIR "/mainnet-19426587.block.rlp.hex");
  while (!block_hex.empty() && (block_hex.back() == '\n' || block_hex.back() == '\r')) block_hex.pop_back();
  Bytes block = hex(block_hex);
  rlp::Item root;
  std::vector<rlp::Item> parts, txs;
  REQUIRE(rlp::decode(block, root) == rlp::Error::Ok && rlp::list_items(root, parts) == rlp::Error::Ok);
  REQUIRE(rlp::list_items(parts[1], txs) == rlp::Error::Ok);
  size_t decoded_mutants = 0, rejected_mutants = 0;
  for (size_t t = 0; t < txs.size(); t += 4) {
    Transaction tx;
    REQUIRE(decode_block_item(txs[t], tx) == TxError::Ok);
    const Bytes& enc = tx.encoded;
    for (size_t cut = 0; cut < enc.size(); ++cut) {
      Transaction part;
      CHECK(decode(enc.data(), cut, part) != TxError::Ok);
    }
    for (size_t i = 0; i < enc.size() && i < 160; ++i)
      for (uint8_t delta : {uint8_t(0x01), uint8_t(0x80), uint8_t(0xff)}) {
        Bytes m = enc;
        m[i] = uint8_t(m[i] + delta);
        Transaction mt;
        if (decode(m, mt) == TxError::Ok) {
          CHECK(mt.encoded == m);
          Address sender;
          (void)recover_sender(mt, sender);  // must not crash either way
          ++decoded_mutants;
        } else {
          ++rejected_mutants;
        }
      }
  }
  CHECK(rejected_mutants > 0 && decoded_mutants > 0);
}

OP_TEST(tx_low_s_rule_is_the_callers_choice_for_frontier) {
  Transaction tx;
  REQUIRE(decode(hex(kEip155Tx), tx) == TxError::Ok);
  // The same signature with s' = n - s and the other parity: same signer, but high s.
  Transaction flipped = tx;
  flipped.s = oneproof::guest::crypto::kSecp256k1N - tx.s;
  flipped.v = tx.v + uint256(1);  // parity 0 -> 1 (v 37 -> 38)
  Address sender;
  CHECK(recover_sender(flipped, sender) == TxError::InvalidSignature);
  REQUIRE(recover_sender(flipped, sender, false) == TxError::Ok);
  CHECK(sender == addr("9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"));
}
