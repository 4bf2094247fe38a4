// The validator entry on the real mainnet block (shared/fixtures/blocks): the encoded guest input
// round-trips and validates to the header's state root; malformed input, a truncated witness and a
// tampered node are clean failures. Also the JSON reader's error handling.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/test.h"
#include "guest/hostio/json.h"
#include "guest/hostio/witness_json.h"

using namespace oneproof::guest;

namespace {
std::string slurp(const std::string& path) {
  std::string out;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return out;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}
// The fixtures folder: $ONEPROOF_FIXTURES, else ../shared/fixtures beside the checkout, else /work/shared/fixtures.
std::string fixtures_dir() {
  const char* env = std::getenv("ONEPROOF_FIXTURES");
  for (std::string dir : {std::string(env ? env : ""), std::string(OP_SHARED_DIR) + "/fixtures", std::string("/work/shared/fixtures")}) {
    if (dir.empty()) continue;
    if (std::FILE* f = std::fopen((dir + "/blocks/MANIFEST.txt").c_str(), "rb")) { std::fclose(f); return dir; }
  }
  return std::string(OP_SHARED_DIR) + "/fixtures";
}
const std::string kMainnet = fixtures_dir() + "/blocks/mainnet-19426587_risc0-zeth/standard/";

bool load_mainnet(validator::Input& in) {
  std::string err;
  return hostio::load_validator_input(slurp(kMainnet + "block.rlp.hex"), slurp(kMainnet + "witness.json"),
                                      slurp(kMainnet + "chain.json"), in, err);
}
}  // namespace

OP_TEST(mainnet_block_through_the_guest_encoding) {
  validator::Input in;
  REQUIRE(load_mainnet(in));
  Bytes encoded = validator::encode_input(in);
  block::BlockResult r = validator::validate_encoded(encoded.data(), encoded.size());
  CHECK(r.success);
  CHECK(r.reason.empty());
  CHECK(to_hex(r.computed_state_root) == "0xbd33ab68095087d81beb810b3f5d0b16050b3f798ae3978e440bab048dd78992");
  CHECK(to_hex(r.block_hash) == "0xf8e2f40d98fe5862bc947c8c83d34799c50fb344d7445d020a8a946d891b62ee");
  CHECK_EQ(r.gas_used, uint64_t(2633933));
  uint8_t pv[validator::kPublicValuesSize];
  validator::public_values(r, pv);
  CHECK_EQ(pv[96], 1);
  CHECK(Hash32::from(pv) == r.block_hash);
}

OP_TEST(malformed_input_is_a_clean_failure) {
  validator::Input in;
  REQUIRE(load_mainnet(in));
  Bytes encoded = validator::encode_input(in);
  for (size_t cut : {size_t(0), size_t(1), size_t(10), encoded.size() / 2, encoded.size() - 1}) {
    block::BlockResult r = validator::validate_encoded(encoded.data(), cut);
    CHECK(!r.success);
    CHECK(!r.reason.empty());
  }
  Bytes flipped = encoded;
  flipped[0] ^= 0x40;
  CHECK(!validator::validate_encoded(flipped.data(), flipped.size()).success);
}

OP_TEST(incomplete_or_tampered_witness_is_rejected) {
  validator::Input in;
  REQUIRE(load_mainnet(in));
  // Without half of the state nodes some path is missing: a witness failure, not a verdict.
  validator::Input half = in;
  half.state_nodes.resize(half.state_nodes.size() / 2);
  block::BlockResult r = validator::validate(half);
  CHECK(!r.success);
  CHECK(r.witness_incomplete);
  // A node with one byte changed no longer hashes to its reference: the path is missing.
  validator::Input tampered = in;
  REQUIRE(!tampered.state_nodes.empty());
  for (Bytes& n : tampered.state_nodes) n.back() ^= 1;
  CHECK(!validator::validate(tampered).success);
  // Without codes the contract calls cannot run.
  validator::Input no_codes = in;
  no_codes.codes.clear();
  block::BlockResult rc = validator::validate(no_codes);
  CHECK(!rc.success);
  CHECK(rc.witness_incomplete);
  // A wrong parent header (not the block's parent) is rejected.
  validator::Input no_parent = in;
  no_parent.headers.pop_back();
  CHECK(!validator::validate(no_parent).success);
}

OP_TEST(json_reader_errors) {
  hostio::Json j;
  std::string err;
  CHECK(hostio::Json::parse("{\"a\": [1, \"x\", true, null, {\"b\": \"\\u0041\"}]}", j, err));
  CHECK(j["a"][4]["b"].text() == "A");
  CHECK(j["a"][0].text() == "1");
  CHECK(j["missing"].is_null());
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "\"abc", "tru", "[1] x", "{\"a\":\"\\q\"}"}) {
    CHECK(!hostio::Json::parse(bad, j, err));
    CHECK(!err.empty());
  }
  std::string deep(10000, '[');
  CHECK(!hostio::Json::parse(deep, j, err));  // nesting bound, no stack exhaustion
}
