// Precompile availability per revision and gas rules at their edges (exact cost passes, one less
// fails and consumes everything), on inputs whose outputs are known.
#include <cstring>

#include "common/test.h"
#include "guest/evm/precompiles.h"

using namespace oneproof::guest;
using evm::Revision;
using evm::Status;

namespace {
Address precompile(unsigned n) { Address a; a.b[18] = uint8_t(n >> 8); a.b[19] = uint8_t(n); return a; }
// modexp input: lengths (32 bytes each) then base, exponent, modulus.
Bytes modexp_input(uint8_t base, uint8_t exponent, uint8_t modulus) {
  Bytes in(96, 0);
  in[31] = in[63] = in[95] = 1;
  in.push_back(base);
  in.push_back(exponent);
  in.push_back(modulus);
  return in;
}
}  // namespace

OP_TEST(availability_per_revision) {
  CHECK(evm::is_precompile(precompile(1), Revision::Cancun));
  CHECK(evm::is_precompile(precompile(0x0a), Revision::Cancun));
  CHECK(!evm::is_precompile(precompile(0x0b), Revision::Cancun));
  CHECK(evm::is_precompile(precompile(0x11), Revision::Prague));
  CHECK(!evm::is_precompile(precompile(0x12), Revision::Osaka));
  CHECK(!evm::is_precompile(precompile(0x100), Revision::Prague));
  CHECK(evm::is_precompile(precompile(0x100), Revision::Osaka));
  CHECK(!evm::is_precompile(precompile(0), Revision::Osaka));
  Address high = precompile(1);
  high.b[0] = 1;
  CHECK(!evm::is_precompile(high, Revision::Osaka));
}

OP_TEST(identity_and_sha256_exact_gas) {
  Bytes data(33, 0xab);  // two words
  evm::Result r = evm::run_precompile(precompile(4), Revision::Cancun, data, 21);
  CHECK(r.status == Status::Success);
  CHECK_EQ(r.gas_left, 0);
  CHECK(r.output == data);
  r = evm::run_precompile(precompile(4), Revision::Cancun, data, 20);
  CHECK(r.status == Status::OutOfGas);
  CHECK_EQ(r.gas_left, 0);
  // sha256("") = e3b0c442...; 60 gas for an empty input.
  r = evm::run_precompile(precompile(2), Revision::Cancun, {}, 60);
  REQUIRE(r.status == Status::Success);
  CHECK(to_hex(r.output) == "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(evm::run_precompile(precompile(2), Revision::Cancun, {}, 59).status == Status::OutOfGas);
}

OP_TEST(modexp_pricing_changes_in_osaka) {
  Bytes in = modexp_input(3, 5, 7);  // 3^5 mod 7 = 5
  // Berlin/Cancun (EIP-2565): at least 200. Osaka (EIP-7883): at least 500.
  evm::Result r = evm::run_precompile(precompile(5), Revision::Prague, in, 200);
  REQUIRE(r.status == Status::Success);
  CHECK(r.output == Bytes{5});
  CHECK(evm::run_precompile(precompile(5), Revision::Prague, in, 199).status == Status::OutOfGas);
  CHECK(evm::run_precompile(precompile(5), Revision::Osaka, in, 499).status == Status::OutOfGas);
  CHECK(evm::run_precompile(precompile(5), Revision::Osaka, in, 500).status == Status::Success);
  // EIP-7823: a length above 1024 bytes fails in Osaka (before any big allocation).
  Bytes big(96, 0);
  big[30] = 0x04;  // base_len = 1025
  big[31] = 0x01;
  CHECK(evm::run_precompile(precompile(5), Revision::Osaka, big, 10000000).status == Status::PrecompileFailure);
}

OP_TEST(ecrecover_invalid_signature_returns_empty) {
  // v = 29 is invalid: success with empty output (not a failure), 3000 gas.
  Bytes in(128, 0);
  in[63] = 29;
  evm::Result r = evm::run_precompile(precompile(1), Revision::Cancun, in, 3000);
  CHECK(r.status == Status::Success);
  CHECK(r.output.empty());
  CHECK(evm::run_precompile(precompile(1), Revision::Cancun, in, 2999).status == Status::OutOfGas);
}

OP_TEST(bn254_and_bls_reject_bad_input) {
  // bn254 add of two points at infinity: the point at infinity, 150 gas.
  evm::Result r = evm::run_precompile(precompile(6), Revision::Cancun, Bytes(128, 0), 150);
  REQUIRE(r.status == Status::Success);
  CHECK(r.output == Bytes(64, 0));
  // A point not on the curve fails and consumes all gas.
  Bytes bad(128, 0);
  bad[31] = 1;
  bad[63] = 3;  // (1, 3) is not on y^2 = x^3 + 3
  r = evm::run_precompile(precompile(6), Revision::Cancun, bad, 1000);
  CHECK(r.status == Status::PrecompileFailure);
  CHECK_EQ(r.gas_left, 0);
  // Pairing input not a multiple of 192 bytes fails.
  CHECK(evm::run_precompile(precompile(8), Revision::Cancun, Bytes(100, 0), 1000000).status == Status::PrecompileFailure);
  // BLS G1ADD needs exactly 256 bytes; MSM with no pairs fails.
  CHECK(evm::run_precompile(precompile(0x0b), Revision::Prague, Bytes(255, 0), 100000).status == Status::PrecompileFailure);
  CHECK(evm::run_precompile(precompile(0x0c), Revision::Prague, {}, 100000).status == Status::PrecompileFailure);
  // Two infinities add to infinity at 375 gas.
  r = evm::run_precompile(precompile(0x0b), Revision::Prague, Bytes(256, 0), 375);
  CHECK(r.status == Status::Success);
  CHECK(evm::run_precompile(precompile(0x0b), Revision::Prague, Bytes(256, 0), 374).status == Status::OutOfGas);
}
