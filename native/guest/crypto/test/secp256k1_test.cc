#include <cstring>
#include <vector>

#include "common/test.h"
#include "guest/crypto/keccak.h"
#include "guest/crypto/secp256k1_curve.h"
#include "guest/crypto/secp256k1.h"
#include "guest/crypto/test/hex.h"

using namespace oneproof::guest;
using namespace oneproof::guest::crypto;
using test::addr;
using test::dec;
using test::h32;
using test::u256;

namespace {
// EIP-155's worked example: private key 0x4646...46 signs this legacy transaction hash (chain 1, v = 37).
const Hash32 kEip155Hash = h32("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
const uint256 kEip155R = dec("18515461264373351373200002665853028612451056578545711640558177340181847433846");
const uint256 kEip155S = dec("46948507304638947509940763649030358759909902576025900602547168820602576006531");
const Address kEip155Sender = addr("9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f");
}  // namespace

OP_TEST(secp256k1_recovers_eip155_example) {
  Address a;
  REQUIRE(recover_address(kEip155Hash, kEip155R, kEip155S, 0, true, a) == RecoverError::Ok);
  CHECK(a == kEip155Sender);
  // The other parity gives another key.
  Address b;
  REQUIRE(recover_address(kEip155Hash, kEip155R, kEip155S, 1, true, b) == RecoverError::Ok);
  CHECK(b != kEip155Sender);
}

OP_TEST(secp256k1_recovers_ecrecover_vector) {
  // go-ethereum's ECRECOVER precompile test: v = 28.
  Address a;
  REQUIRE(recover_address(h32("456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3"),
                          u256("9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608"),
                          u256("4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada"), 1, false,
                          a) == RecoverError::Ok);
  CHECK(a == addr("7156526fbd7a3c72969b54f64e42c10fbb768c8a"));
}

OP_TEST(secp256k1_tampered_hash_changes_signer) {
  Hash32 h = kEip155Hash;
  h.b[31] ^= 1;
  Address a;
  if (recover_address(h, kEip155R, kEip155S, 0, true, a) == RecoverError::Ok) CHECK(a != kEip155Sender);
}

OP_TEST(secp256k1_rejects_out_of_range_r_s) {
  Address a;
  CHECK(recover_address(kEip155Hash, uint256(0), kEip155S, 0, false, a) == RecoverError::InvalidR);
  CHECK(recover_address(kEip155Hash, kSecp256k1N, kEip155S, 0, false, a) == RecoverError::InvalidR);
  CHECK(recover_address(kEip155Hash, kEip155R, uint256(0), 0, false, a) == RecoverError::InvalidS);
  CHECK(recover_address(kEip155Hash, kEip155R, kSecp256k1N, 0, false, a) == RecoverError::InvalidS);
  CHECK(recover_address(kEip155Hash, kEip155R, kEip155S, 2, false, a) == RecoverError::InvalidRecoveryId);
}

OP_TEST(secp256k1_low_s_rule_only_when_asked) {
  // (r, n - s) with the flipped parity is the same signer: valid for ECRECOVER, rejected by EIP-2.
  uint256 high_s = kSecp256k1N - kEip155S;
  Address a;
  CHECK(recover_address(kEip155Hash, kEip155R, high_s, 1, true, a) == RecoverError::HighS);
  REQUIRE(recover_address(kEip155Hash, kEip155R, high_s, 1, false, a) == RecoverError::Ok);
  CHECK(a == kEip155Sender);
  CHECK(recover_address(kEip155Hash, kEip155R, kSecp256k1HalfN, 0, true, a) != RecoverError::HighS);
  CHECK(recover_address(kEip155Hash, kEip155R, kSecp256k1HalfN + uint256(1), 0, true, a) == RecoverError::HighS);
}

OP_TEST(secp256k1_rejects_r_not_an_x_coordinate) {
  // About half of all x have no curve point: recovery must report those, not invent a point.
  Address a;
  int not_on_curve = 0;
  for (uint64_t x = 1; x < 20; ++x)
    if (recover_address(kEip155Hash, uint256(x), kEip155S, 0, false, a) == RecoverError::NotOnCurve) ++not_on_curve;
  CHECK(not_on_curve > 0);
}

OP_TEST(secp256k1_special_form_field_matches_montgomery) {
  using secp256k1::Fq;
  using secp256k1::FqMontgomery;
  // Pseudo-random elements plus the edges 0, 1, p - 1, p - 2^32 (values whose products stress the folding).
  std::vector<Bytes> values = {Bytes(32, 0), test::hex(std::string(63, '0') + "1"),
                               test::hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"),
                               test::hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffe00000000"),
                               test::hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2d")};
  uint8_t seed[32] = {1};
  for (int i = 0; i < 200; ++i) {
    Hash32 h = keccak256(seed, 32);
    std::memcpy(seed, h.b, 32);
    if (h.b[0] == 0xff) h.b[0] = 0xfe;  // stay below p
    values.emplace_back(h.b, h.b + 32);
  }
  for (size_t i = 0; i < values.size(); ++i) {
    Fq a, b;
    FqMontgomery am, bm;
    const Bytes& x = values[i];
    const Bytes& y = values[(i * 7 + 3) % values.size()];
    REQUIRE(Fq::from_be(x.data(), a) && Fq::from_be(y.data(), b));
    REQUIRE(FqMontgomery::from_be(x.data(), am) && FqMontgomery::from_be(y.data(), bm));
    uint8_t got[32], want[32];
    auto same = [&](const Fq& g, const FqMontgomery& w) {
      g.to_be(got);
      w.to_be(want);
      return std::memcmp(got, want, 32) == 0;
    };
    CHECK(same(a * b, am * bm));
    CHECK(same(a.square(), am.square()));
    CHECK(same(a + b, am + bm));
    CHECK(same(a - b, am - bm));
    if (i % 20 == 0) {
      CHECK(same(a.inverse(), am.inverse()));
      Fq r;
      FqMontgomery rm;
      bool has = a.sqrt(r), has_m = am.sqrt(rm);
      CHECK(has == has_m);
      if (has) CHECK(r.square() == a);
    }
  }
  Fq p_bytes;
  CHECK(!Fq::from_be(test::hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f").data(), p_bytes));
}

OP_TEST(field_inverse_matches_fermat) {
  using secp256k1::Fq;
  using secp256k1::FqMontgomery;
  using secp256k1::Fn;
  // p - 2 and n - 2 as little-endian limbs: a^(p-2) is the Fermat inverse.
  const std::array<uint32_t, 8> p_minus_2 = {0xFFFFFC2D, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF,
                                             0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};
  const std::array<uint32_t, 8> n_minus_2 = {0xD036413F, 0xBFD25E8C, 0xAF48A03B, 0xBAAEDCE6,
                                             0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};
  uint8_t seed[32] = {9};
  for (int i = 0; i < 50; ++i) {
    Hash32 h = keccak256(seed, 32);
    std::memcpy(seed, h.b, 32);
    h.b[0] &= 0x7f;  // below both p and n
    if (i == 0) std::memset(h.b, 0, 31), h.b[31] = 1;  // a = 1
    Fq a;
    FqMontgomery am;
    Fn an;
    REQUIRE(Fq::from_be(h.b, a) && FqMontgomery::from_be(h.b, am) && Fn::from_be(h.b, an));
    CHECK(a.inverse() == a.pow(p_minus_2));
    CHECK(a * a.inverse() == Fq::one());
    CHECK(am.inverse() == am.pow(p_minus_2));
    CHECK(an.inverse() == an.pow(n_minus_2));
    CHECK(an * an.inverse() == Fn::one());
  }
  CHECK(Fq::zero().inverse().is_zero());
  CHECK(FqMontgomery::zero().inverse().is_zero());
}
