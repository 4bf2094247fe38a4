// secp256k1 public-key recovery against fixed vectors and against a reference implementation: the
// textbook algorithm (generic Montgomery field, bit-by-bit Shamir double-and-add), which must agree
// bit for bit with the fast path on every input, valid or not.
#include <cstring>
#include <string>

#include "common/test.h"
#include "guest/crypto/keccak.h"
#include "guest/crypto/secp256k1.h"
#include "guest/crypto/secp256k1_curve.h"
#include "guest/crypto/test/hex.h"

using namespace oneproof::guest;
using namespace oneproof::guest::crypto;

namespace {

struct Vector {
  const char* hash;
  const char* r;
  const char* s;
  unsigned parity;
  const char* expected;  // the public key x || y in hex, or the error's name
};

// From tools/secp256k1_vectors.py (Python integers only).
const Vector kVectors[] = {
    {"bf40f3ea98f97bcfdc40cec1c291497e2dd089d05653bd389189c57b6ece0aed", "3a1aec073d4f105d611872c4262481643c19d113438583eb53a8a767a72e7627",
     "2248cffc7d3e54ef79ccee28bf367ff7dc63b532395f6d9699fd2fe6c23bc9f7", 0,
     "9784cc16e4098e738a135e815bd059fdaa5bbc994a62e060bcc35109bae6670f56e6f73f8a371b64e8d1af9f652b8120f799544717847f451b4540a927de5cde"},  // signature 0
    {"41fc70fb6c958bce4865fadd178cb3bb0d82401a247beb8ae6dc9081990a313e", "78d7281c8d07116eeb6f21f2bcbf14e4f5e3df70830a36eaaa620667d17b5278",
     "530dc45eeef97b99d6d59205303fd63da20f5a3b8874a46a0468eeba489e85db", 0,
     "0bf18e4801f8557025cf7613825e571a85e73289e2734d6a358c1d32f41d5093470b038d4ecb75ae8ffe139aa55f6a7f0b0da0a061b1e5e0ad702797b64f6201"},  // signature 1
    {"4de0da51ade3b600bd18dad3e54c1e1e0471ca81e515691d18fb8141d1dc847c", "85605e1049c981c7162c5a498bfc80b340914dabd12b2f29030f948c58ba039d",
     "0b531d08cc8137c0783d986576dc3073c26a52e91a47578756f8112359912db7", 1,
     "4b0330870489ebf18fd96c3e812e4dc809e49928b2f632024ca72ac3fb9d63cbfd2e9dc74683fb50f210adf4c980456d3c55d4bbbb01029bdb077e6b91bed8e2"},  // signature 2
    {"bd2a587e627bc02f89f54690848d9ab3c517a891b2052529976d6ff4371482d3", "3808ce0140f2f8044e887fb660178da65d225bdbf42648269a03c18f0b748cfa",
     "cc8367335aec63c4f19ba421359b1ac269a9ee56bbec3c861fb85c58f89b6ade", 0,
     "6563dc5530120b82c9d5770c56171f53739db4d8c53a8b7ba3b7a3f7004c3c394472c23fd684c0cf489e53f4f0c59b4c4b74b18181469aebd364ffdcc9c6dad9"},  // signature 3
    {"022d7ebddcb11009f85920d884c2704445d41a25144bd16da4de8c4f8a5ded3f", "7026923a14b8500731a50538ed4de4e32dad9812f78e5f2fff811ac8aea6180b",
     "dd9c91063209700fe52b2c3175e625a147360938dec6e96dccc963a330e274e1", 1,
     "0c8d9ceaf480abb7a49359aac18b0635cf4ddb6942862d615b73dd391b77c25ccfb45fe8a928ac3d0bc4f3d66e427afe684ab614a1a9d0b488e8ab208b807759"},  // signature 4
    {"523fe524baf89c8e26f079b0997d36904abfba057112a2516f6971fe5b6b7709", "968f6700d43d6da1ec94c7f66dc96999d0bb8639230bc48566e61a172bb2b244",
     "2225acc595045096766327da8fb8825751962675bfd0d5f643a68ea9c649ae85", 1,
     "2b51d6ec7592393c47b7ccaec7c5a44af1fc4c9a672956de68336a46c7ea40b9632cd3ff3466b8ba1f4772dc5b9d5f73fda50a3bffb35c2a2bfaf63c7a46f1d2"},  // signature 5
    {"bf40f3ea98f97bcfdc40cec1c291497e2dd089d05653bd389189c57b6ece0aed", "3a1aec073d4f105d611872c4262481643c19d113438583eb53a8a767a72e7627",
     "ddb7300382c1ab10863311d740c98006de4b27b475e932a525d52ea60dfa774a", 1,
     "9784cc16e4098e738a135e815bd059fdaa5bbc994a62e060bcc35109bae6670f56e6f73f8a371b64e8d1af9f652b8120f799544717847f451b4540a927de5cde"},  // signature 0 with high s (same key)
    {"bf40f3ea98f97bcfdc40cec1c291497e2dd089d05653bd389189c57b6ece0aed", "3a1aec073d4f105d611872c4262481643c19d113438583eb53a8a767a72e7627",
     "2248cffc7d3e54ef79ccee28bf367ff7dc63b532395f6d9699fd2fe6c23bc9f7", 1,
     "1c73850003a14f53671ffd44ed1bf55cd140e01fd007b9526c11a9b4715c27f3b2cad4ddd839189333f72a2d2ae4d2acb913c2ed36fe09f5989d1bc2d90b72c5"},  // signature 0, other parity (another key)
    {"0000000000000000000000000000000000000000000000000000000000000000", "3a1aec073d4f105d611872c4262481643c19d113438583eb53a8a767a72e7627",
     "2248cffc7d3e54ef79ccee28bf367ff7dc63b532395f6d9699fd2fe6c23bc9f7", 0,
     "57d261154ed92f6289ebb022af6610818badf71a95e0a0f8ed3a6bc52999982e522061fcbfa9c52560e0c54c53de059488238831635e6a4ea1aab64af8c340b2"},  // hash 0: u1 = 0
    {"fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364146", "3a1aec073d4f105d611872c4262481643c19d113438583eb53a8a767a72e7627",
     "2248cffc7d3e54ef79ccee28bf367ff7dc63b532395f6d9699fd2fe6c23bc9f7", 0,
     "427fa498f7824b1f1f7ebcd0ef3b3c2ee695f916e84641c6185155458b9ba3340807b4bc039beff662eae31b92903a3b47cd20b964406ef621d1c2a27491c142"},  // hash n + 5: reduced mod n
    {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "3a1aec073d4f105d611872c4262481643c19d113438583eb53a8a767a72e7627",
     "2248cffc7d3e54ef79ccee28bf367ff7dc63b532395f6d9699fd2fe6c23bc9f7", 0,
     "dc54acfc15a75e7485ecb94c42ad49a3bad51a180fba8324efcf7e0b1fdc4d3e1f39826e74650f0da0e7a9b5a088ba14b0a48bba2a7db2dd7e4b4c6e68f51014"},  // hash 2^256 - 1
    {"bf40f3ea98f97bcfdc40cec1c291497e2dd089d05653bd389189c57b6ece0aed", "3a1aec073d4f105d611872c4262481643c19d113438583eb53a8a767a72e7627",
     "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", 0,
     "cfd2d9e593eaa3cd346a77389705d1eb01124c324dc5abb0209d6d6347f7ea0a6ea1dbcf33eeded502a38b473ddeb8bc6cf1ba45c3c3702c7377c70c91466b14"},  // s = n - 1
    {"bf40f3ea98f97bcfdc40cec1c291497e2dd089d05653bd389189c57b6ece0aed", "3a1aec073d4f105d611872c4262481643c19d113438583eb53a8a767a72e7627",
     "0000000000000000000000000000000000000000000000000000000000000001", 0,
     "6d5efb272272c1e343e36500f773224a13977c851635db1f06d9e431b5044bf6b7e17fe59b45057c1d1db1069cf51f689537236ae4528f3534ee26e0bce6fb58"},  // s = 1
    {"bf40f3ea98f97bcfdc40cec1c291497e2dd089d05653bd389189c57b6ece0aed", "0000000000000000000000000000000000000000000000000000000000000005",
     "2248cffc7d3e54ef79ccee28bf367ff7dc63b532395f6d9699fd2fe6c23bc9f7", 0,
     "NotOnCurve"},  // r = 5: no curve point
    {"bf40f3ea98f97bcfdc40cec1c291497e2dd089d05653bd389189c57b6ece0aed", "0000000000000000000000000000000000000000000000000000000000000001",
     "2248cffc7d3e54ef79ccee28bf367ff7dc63b532395f6d9699fd2fe6c23bc9f7", 1,
     "d00eb9b35f164d1632b2fec0737a11c6d86cb1bd2f68d83f64e6587d7ab758a3ad3c2197ee5a62f4dbbc798b3f4693a58c9a4306bd8447fd653ae5866b73eff6"},  // r = 1: smallest x on the curve
    {"bf40f3ea98f97bcfdc40cec1c291497e2dd089d05653bd389189c57b6ece0aed", "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036413f",
     "2248cffc7d3e54ef79ccee28bf367ff7dc63b532395f6d9699fd2fe6c23bc9f7", 0,
     "f30355d161fdc7a5e48c196253a2b3e39686ecaec45e222f31458f66cb10ebaff9ead3aa2d38e9f8fc9a20531a6a2dfe1df664978dd04f971b4bfec4e4f892fb"},  // r near n with a curve point
    {"0000000000000000000000000000000000000000000000000000000000000023", "5cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc",
     "0000000000000000000000000000000000000000000000000000000000000005", 0,
     "Infinity"},  // e = s k: the recovered point is infinity
    {"0000000000000000000000000000000000000000000000000000000000000023", "5cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc",
     "0000000000000000000000000000000000000000000000000000000000000005", 1,
     "f961d719a84d16e7366ba9042abe8a563ac491748f02ed18197cdc28076e762e2d0f940482fa3859d999696897d35e2746ac127a7d084c377be00ba8cd2a0797"},  // e = s k, other parity: 2 s/r R
};

const char* error_name(RecoverError e) {
  switch (e) {
    case RecoverError::Ok: return "Ok";
    case RecoverError::InvalidR: return "InvalidR";
    case RecoverError::InvalidS: return "InvalidS";
    case RecoverError::HighS: return "HighS";
    case RecoverError::InvalidRecoveryId: return "InvalidRecoveryId";
    case RecoverError::NotOnCurve: return "NotOnCurve";
    case RecoverError::Infinity: return "Infinity";
  }
  return "?";
}

std::string result_text(RecoverError e, const uint8_t key[64]) {
  return e == RecoverError::Ok ? to_hex(key, 64).substr(2) : error_name(e);  // without "0x"
}

// The reference: the same steps over the generic Montgomery field and plain Shamir double-and-add.
struct MontgomeryCurve {
  using Field = secp256k1::FqMontgomery;
  static constexpr bool kAIsZero = true;
  static Field a() { return Field::zero(); }
  static Field b() { return Field::from_u32(7); }
};
using RefPoint = Point<MontgomeryCurve>;
using RefFq = secp256k1::FqMontgomery;

RecoverError reference_recover(const Hash32& hash, const uint256& r, const uint256& s, unsigned parity,
                               bool require_low_s, uint8_t key[64]) {
  if (r.is_zero() || r >= kSecp256k1N) return RecoverError::InvalidR;
  if (s.is_zero() || s >= kSecp256k1N) return RecoverError::InvalidS;
  if (require_low_s && s > kSecp256k1HalfN) return RecoverError::HighS;
  if (parity > 1) return RecoverError::InvalidRecoveryId;
  uint8_t r_be[32], s_be[32], g_be[64];
  r.to_be(r_be);
  s.to_be(s_be);
  RefFq rx, ry, gx, gy;
  (void)RefFq::from_be(r_be, rx);  // r < n < p
  if (!(rx.square() * rx + MontgomeryCurve::b()).sqrt(ry)) return RecoverError::NotOnCurve;
  if (ry.is_odd() != (parity == 1)) ry = -ry;
  secp256k1::CurvePoint g = secp256k1::generator();
  g.x.to_be(g_be);
  g.y.to_be(g_be + 32);
  (void)RefFq::from_be(g_be, gx);
  (void)RefFq::from_be(g_be + 32, gy);
  secp256k1::Fn rn, sn;
  secp256k1::Fn::from_be(r_be, rn);
  secp256k1::Fn::from_be(s_be, sn);
  secp256k1::Fn en = secp256k1::Fn::from_be_reduce(hash.b);
  secp256k1::Fn r_inv = rn.inverse();
  uint8_t u1[32], u2[32];
  (-(en * r_inv)).to_be(u1);
  (sn * r_inv).to_be(u2);
  RefPoint q = double_mul(RefPoint::from_affine(gx, gy), u1, RefPoint::from_affine(rx, ry), u2, 32);
  RefFq qx, qy;
  if (!q.to_affine(qx, qy)) return RecoverError::Infinity;
  qx.to_be(key);
  qy.to_be(key + 32);
  return RecoverError::Ok;
}

// Deterministic pseudo-random 32-byte strings.
struct Stream {
  uint8_t state[32] = {0x5e, 0xc9};
  Hash32 next() {
    Hash32 h = keccak256(state, 32);
    std::memcpy(state, h.b, 32);
    return h;
  }
};

}  // namespace

OP_TEST(secp256k1_recovery_matches_fixed_vectors) {
  for (const Vector& v : kVectors) {
    uint8_t key[64] = {};
    RecoverError e = recover_public_key(test::h32(v.hash), test::u256(v.r), test::u256(v.s), v.parity, false, key);
    std::string got = result_text(e, key);
    if (got != v.expected) std::fprintf(stderr, "vector r=%s parity=%u: got %s\n", v.r, v.parity, got.c_str());
    CHECK(got == v.expected);
  }
}

OP_TEST(secp256k1_recovery_matches_reference_on_random_inputs) {
  // Random r, s, hash and parity: about half the r have no curve point, and every error path and
  // the valid path must agree with the reference, byte for byte.
  Stream rng;
  int ok = 0;
  for (int i = 0; i < 300; ++i) {
    Hash32 hash = rng.next(), rb = rng.next(), sb = rng.next();
    if (i % 7 == 0) rb.b[0] = 0xff;  // often >= n: InvalidR
    if (i % 11 == 0) sb.b[0] = 0xff;
    uint256 r = uint256::from_be(rb.b, 32), s = uint256::from_be(sb.b, 32);
    unsigned parity = i % 13 == 0 ? 2 : i % 2;
    bool low_s = i % 3 == 0;
    uint8_t key[64] = {}, want[64] = {};
    RecoverError e = recover_public_key(hash, r, s, parity, low_s, key);
    RecoverError ref = reference_recover(hash, r, s, parity, low_s, want);
    CHECK(result_text(e, key) == result_text(ref, want));
    if (e == RecoverError::Ok) ++ok;
  }
  CHECK(ok > 50);
}

OP_TEST(secp256k1_recovery_of_signatures_made_here) {
  // Signatures made with private keys d (Q = d G) and nonces k (R = k G): s = k^-1 (e + r d).
  Stream rng;
  using secp256k1::Fn;
  for (int i = 0; i < 40; ++i) {
    Hash32 hash = rng.next(), d_bytes = rng.next(), k_bytes = rng.next();
    d_bytes.b[0] &= 0x7f;
    k_bytes.b[0] &= 0x7f;
    secp256k1::CurvePoint q = secp256k1::generator().mul(d_bytes.b, 32);
    secp256k1::CurvePoint big_r = secp256k1::generator().mul(k_bytes.b, 32);
    secp256k1::Fq rx, ry, qx, qy;
    REQUIRE(big_r.to_affine(rx, ry) && q.to_affine(qx, qy));
    uint8_t r_be[32], s_be[32], want[64];
    rx.to_be(r_be);
    uint256 r = uint256::from_be(r_be, 32);
    if (r >= kSecp256k1N) continue;  // x >= n: Ethereum has no recovery id for it
    Fn d, k, rn;
    REQUIRE(Fn::from_be(d_bytes.b, d) && Fn::from_be(k_bytes.b, k) && Fn::from_be(r_be, rn));
    (k.inverse() * (Fn::from_be_reduce(hash.b) + rn * d)).to_be(s_be);
    qx.to_be(want);
    qy.to_be(want + 32);
    uint8_t key[64];
    REQUIRE(recover_public_key(hash, r, uint256::from_be(s_be, 32), ry.is_odd() ? 1 : 0, false, key) ==
            RecoverError::Ok);
    CHECK(std::memcmp(key, want, 64) == 0);
  }
}
