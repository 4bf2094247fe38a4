// Header rules: a well-formed child of a parent passes; changing any checked field makes it fail.
// Also the EIP-1559 base fee and EIP-4844/7918 excess blob gas formulas on hand-computed values.
#include <string>

#include "common/test.h"
#include "guest/block/header_rules.h"

using namespace oneproof::guest;
using namespace oneproof::guest::block;
using evm::Revision;

namespace {
Header parent_header() {
  Header p;
  p.number = 100;
  p.timestamp = 1000;
  p.gas_limit = 30000000;
  p.gas_used = 15000000;
  p.base_fee = uint256(1000000000);
  p.blob_gas_used = 0;
  p.excess_blob_gas = 0;
  p.hash.b[0] = 0x11;
  return p;
}
const uint8_t kEmptyOmmers[32] = {0x1d, 0xcc, 0x4d, 0xe8, 0xde, 0xc7, 0x5d, 0x7a, 0xab, 0x85, 0xb5,
                                  0x67, 0xb6, 0xcc, 0xd4, 0x1a, 0xd3, 0x12, 0x45, 0x1b, 0x94, 0x8a,
                                  0x74, 0x13, 0xf0, 0xa1, 0x42, 0xfd, 0x40, 0xd4, 0x93, 0x47};
Header child_of(const Header& p, Revision rev) {
  Header h;
  h.parent_hash = p.hash;
  h.ommers_hash = Hash32::from(kEmptyOmmers);
  h.number = p.number + 1;
  h.timestamp = p.timestamp + 12;
  h.gas_limit = p.gas_limit;
  h.base_fee = expected_base_fee(p);
  h.withdrawals_root = Hash32();
  h.blob_gas_used = 0;
  h.excess_blob_gas = 0;
  h.parent_beacon_block_root = Hash32();
  if (rev >= Revision::Prague) h.requests_hash = Hash32();
  return h;
}
ChainConfig config(Revision rev) {
  ChainConfig c;
  c.forks.push_back(ForkActivation{rev, 0, rev == Revision::Cancun ? BlobParams{3, 6, 3338477} : BlobParams{6, 9, 5007716}});
  return c;
}
}  // namespace

OP_TEST(valid_child_passes) {
  Header p = parent_header();
  for (Revision rev : {Revision::Cancun, Revision::Prague, Revision::Osaka}) {
    Header h = child_of(p, rev);
    const char* e = check_header(h, p, config(rev));
    CHECK(e == nullptr);
  }
}

OP_TEST(each_tampered_field_is_rejected) {
  Header p = parent_header();
  ChainConfig c = config(Revision::Prague);
  auto rejected = [&](auto mutate) {
    Header h = child_of(p, Revision::Prague);
    mutate(h);
    return check_header(h, p, c) != nullptr;
  };
  CHECK(rejected([](Header& h) { h.number += 1; }));
  CHECK(rejected([](Header& h) { h.parent_hash.b[0] ^= 1; }));
  CHECK(rejected([&](Header& h) { h.timestamp = p.timestamp; }));
  CHECK(rejected([](Header& h) { h.extra_data.assign(33, 0); }));
  CHECK(rejected([](Header& h) { h.gas_used = h.gas_limit + 1; }));
  CHECK(rejected([&](Header& h) { h.gas_limit = p.gas_limit + p.gas_limit / 1024; }));
  CHECK(rejected([&](Header& h) { h.gas_limit = p.gas_limit - p.gas_limit / 1024; }));
  CHECK(rejected([](Header& h) { h.gas_limit = 4999; }));
  CHECK(rejected([](Header& h) { h.difficulty = uint256(1); }));
  CHECK(rejected([](Header& h) { h.nonce = 1; }));
  CHECK(rejected([](Header& h) { h.ommers_hash.b[5] ^= 1; }));
  CHECK(rejected([](Header& h) { *h.base_fee += uint256(1); }));
  CHECK(rejected([](Header& h) { h.base_fee.reset(); }));
  CHECK(rejected([](Header& h) { h.withdrawals_root.reset(); }));
  CHECK(rejected([](Header& h) { h.parent_beacon_block_root.reset(); }));
  CHECK(rejected([](Header& h) { h.requests_hash.reset(); }));
  CHECK(rejected([](Header& h) { h.excess_blob_gas = kGasPerBlob; }));
  CHECK(rejected([](Header& h) { h.blob_gas_used = 10 * kGasPerBlob; }));  // above Prague's max of 9
  CHECK(rejected([](Header& h) { h.blob_gas_used = 1000; }));             // not whole blobs
  // A gas limit just inside the bound is fine.
  CHECK(!rejected([&](Header& h) { h.gas_limit = p.gas_limit + p.gas_limit / 1024 - 1; }));
  // A requests hash before Prague is rejected.
  Header cancun = child_of(p, Revision::Cancun);
  cancun.requests_hash = Hash32();
  CHECK(check_header(cancun, p, config(Revision::Cancun)) != nullptr);
}

OP_TEST(base_fee_formula) {
  Header p = parent_header();
  CHECK_EQ(expected_base_fee(p), uint256(1000000000));  // at target: unchanged
  p.gas_used = 30000000;                                 // full: +12.5%
  CHECK_EQ(expected_base_fee(p), uint256(1125000000));
  p.gas_used = 0;                                        // empty: -12.5%
  CHECK_EQ(expected_base_fee(p), uint256(875000000));
  p.base_fee = uint256(7);
  p.gas_used = 15000001;                                 // just above target: at least +1
  CHECK_EQ(expected_base_fee(p), uint256(8));
}

OP_TEST(blob_gas_formulas) {
  BlobParams cancun{3, 6, 3338477};
  CHECK_EQ(blob_base_fee(0, cancun), uint256(1));
  // fake_exponential(1, 10000000, 3338477) = 19 (EIP-4844 reference implementation value).
  CHECK_EQ(blob_base_fee(10000000, cancun), uint256(19));
  Header p = parent_header();
  p.excess_blob_gas = 0;
  p.blob_gas_used = 6 * kGasPerBlob;
  CHECK_EQ(expected_excess_blob_gas(p, cancun, Revision::Cancun), 3 * kGasPerBlob);
  p.blob_gas_used = 2 * kGasPerBlob;
  CHECK_EQ(expected_excess_blob_gas(p, cancun, Revision::Cancun), uint64_t(0));
  // EIP-7918: with execution gas expensive relative to blobs the excess grows by used*(max-target)/max.
  BlobParams osaka{6, 9, 5007716};
  p.excess_blob_gas = 10 * kGasPerBlob;
  p.blob_gas_used = 9 * kGasPerBlob;
  p.base_fee = uint256(1000000000);
  CHECK_EQ(expected_excess_blob_gas(p, osaka, Revision::Osaka), 10 * kGasPerBlob + 9 * kGasPerBlob * 3 / 9);
  CHECK_EQ(expected_excess_blob_gas(p, osaka, Revision::Prague), 10 * kGasPerBlob + 9 * kGasPerBlob - 6 * kGasPerBlob);
}

OP_TEST(blob_fee_saturates_instead_of_wrapping_or_hanging) {
  // An adversarial parent with an enormous excess blob gas: the fee saturates (no transaction can
  // pay it) and the computation ends quickly.
  BlobParams cancun{3, 6, 3338477};
  CHECK_EQ(blob_base_fee(UINT64_MAX, cancun), uint256::max());
  CHECK_EQ(blob_base_fee(UINT64_MAX / 2, BlobParams{3, 6, 1}), uint256::max());
  CHECK(blob_base_fee(400000000, cancun) > uint256(1000000));  // large but finite
  CHECK_EQ(fake_exponential(uint256(1), uint256(5), uint256()), uint256::max());  // no division by zero
  Header p = parent_header();
  p.excess_blob_gas = UINT64_MAX - 10 * kGasPerBlob;
  p.blob_gas_used = 0;
  BlobParams osaka{6, 9, 5007716};
  // Must terminate; with a saturated blob fee the EIP-7918 branch is not taken.
  CHECK_EQ(expected_excess_blob_gas(p, osaka, Revision::Osaka), p.excess_blob_gas.value() - 6 * kGasPerBlob);
}
