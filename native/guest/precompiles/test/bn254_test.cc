#include <string>

#include "common/test.h"
#include "guest/crypto/test/hex.h"
#include "guest/precompiles/bn254.h"
#include "guest/precompiles/bn254_curve.h"

using namespace oneproof::guest;
using namespace oneproof::guest::precompiles;
using test::hex;

// Points and results below were computed with @noble/curves 2.4.0 (bn254); encodings per EIP-196/197.
namespace {
const std::string kG1 = "0000000000000000000000000000000000000000000000000000000000000001"
                        "0000000000000000000000000000000000000000000000000000000000000002";
const std::string kG2 =
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
const std::string k2G = "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"
                        "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4";
// P = a*G1, Q = b*G2 with a = 0x1234567890abcdef1234567890, b = 0xfedcba0987654321fedcba.
const std::string kP = "26b54c8a7fee35003ad4ff89ca8dfd276d07866eb293227fbdaeda8b708eeb9f"
                       "076ba6edb1b53c711f5900716792fbf82c94829d7af7a14f2627575725f09bfd";
const std::string kQ =
    "0efd01485d20723ddbacafbebc88d704bd23260eb8ee715fbd76000c82cc71d21707bf9332e8e7c9e9bd69f2823de8658246d1ae9e46f0215938e0b64d16e505"
    "14932f4507576ac926e6d46929801d03c2ec5d1c1bb90b7752de6ad3e701a69b2780590001ce1e91078ce70eb6922ec55503f8a7f559a2db8413f038e91e39c6";
const std::string kPPlusG = "09d235951cf39c021d334d7cbb0a5d6e1ffc216526b2d6663308eef16a401b6d"
                            "101b25442e1144048fa5d55dcaf42566436f139fb406ffbd931e625a4096c8d6";
const std::string kScalar = "00abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567";
const std::string kScalarP = "1b804a016d20851c3c22bdb06e6ef3f8c5c3505904596db6a0b20dad78f113f7"
                             "19c70ba03272bdcbf3fbe0ca351c08daefbe8cd7d903325c69802e09e5f69e3e";
// -(a*b)*G1 and -(a*b + 1)*G1.
const std::string kMinusAbG1 = "175ca725eb6df0993bef157bfc8d94b1e9ae21b49f6a96f9b487dc483a342a6c"
                               "2a75e27b0865c6573994c81e2f51e17971f09c3f1f87c102f20423dd75886c5b";
const std::string kMinusAb1G1 = "00f57a6d7eb704c1e99258119f0679e53c281a6183d22640ad1431921accf480"
                                "07c93b365c826ab4480de45ad8b994a1458e1a30ebb9e5554f60f57e13fe53d6";
const std::string kZero64(128, '0');
const std::string kPrime = "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47";
const std::string kOrder = "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001";

Bytes add(const std::string& in_hex, bool& ok) {
  Bytes in = hex(in_hex);
  uint8_t out[64];
  ok = bn254_add(in.data(), in.size(), out);
  return Bytes(out, out + 64);
}
Bytes mul(const std::string& in_hex, bool& ok) {
  Bytes in = hex(in_hex);
  uint8_t out[64];
  ok = bn254_mul(in.data(), in.size(), out);
  return Bytes(out, out + 64);
}
// 1: pairing holds, 0: does not, -1: invalid input.
int pairing(const std::string& in_hex) {
  Bytes in = hex(in_hex);
  bool result = false;
  if (!bn254_pairing(in.data(), in.size(), result)) return -1;
  return result ? 1 : 0;
}
}  // namespace

OP_TEST(bn254_add_vectors) {
  bool ok = false;
  CHECK(add(kG1 + kG1, ok) == hex(k2G) && ok);
  CHECK(add(kP + kG1, ok) == hex(kPPlusG) && ok);
  CHECK(add(kP + kZero64, ok) == hex(kP) && ok);
  CHECK(add(kZero64 + kZero64, ok) == hex(kZero64) && ok);
  CHECK(add("", ok) == hex(kZero64) && ok);  // empty input reads as two points at infinity
  // P + (-P) = infinity: -G1 = (1, p - 2).
  std::string minus_g = std::string(63, '0') + "1" + "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd45";
  CHECK(add(kG1 + minus_g, ok) == hex(kZero64) && ok);
  // Invalid: not on the curve, coordinate equal to p.
  std::string off_curve = std::string(63, '0') + "1" + std::string(63, '0') + "3";
  add(off_curve + kG1, ok);
  CHECK(!ok);
  add(kPrime + std::string(64, '0') + kG1, ok);
  CHECK(!ok);
}

OP_TEST(bn254_mul_vectors) {
  bool ok = false;
  CHECK(mul(kP + kScalar, ok) == hex(kScalarP) && ok);
  CHECK(mul(kG1 + std::string(63, '0') + "2", ok) == hex(k2G) && ok);
  CHECK(mul(kG1 + kOrder, ok) == hex(kZero64) && ok);            // r * G = infinity
  CHECK(mul(kG1 + std::string(64, '0'), ok) == hex(kZero64) && ok);
  CHECK(mul(kG1, ok) == hex(kZero64) && ok);                     // missing scalar reads as 0
  // Scalars are not reduced by the caller: (r + 2) * G = 2G.
  std::string r_plus_2 = kOrder.substr(0, 63) + "3";
  CHECK(mul(kG1 + r_plus_2, ok) == hex(k2G) && ok);
  std::string off_curve = std::string(63, '0') + "1" + std::string(63, '0') + "3";
  mul(off_curve + kScalar, ok);
  CHECK(!ok);
}

OP_TEST(bn254_pairing_checks) {
  CHECK(pairing("") == 1);                                     // empty product
  CHECK(pairing(kP + kQ + kMinusAbG1 + kG2) == 1);             // e(aG1, bG2) e(-ab G1, G2) = 1
  CHECK(pairing(kP + kQ + kMinusAb1G1 + kG2) == 0);            // off by one
  CHECK(pairing(kG1 + kG2) == 0);                              // e(G1, G2) is not 1
  CHECK(pairing(kZero64 + kG2) == 1);                          // infinity contributes 1
  CHECK(pairing(kG1 + std::string(256, '0')) == 1);
  CHECK(pairing(kG1 + kG2 + kG1 + kG2) == 0);                  // e^2 != 1 (r is odd)
}

OP_TEST(bn254_pairing_rejects_invalid_points) {
  CHECK(pairing(kP + kQ + kMinusAbG1) == -1);                  // not a multiple of 192 bytes
  // G2 coordinates swapped (x_re first): off the twist.
  std::string swapped = kG2.substr(64, 64) + kG2.substr(0, 64) + kG2.substr(192, 64) + kG2.substr(128, 64);
  CHECK(pairing(kG1 + swapped) == -1);
  // G2 coordinate >= p.
  CHECK(pairing(kG1 + kPrime + kG2.substr(64)) == -1);
  // A point on the twist but outside the order-r subgroup (x = 1, found with a Python Fp2 square
  // root): it satisfies the curve equation, so only the subgroup check can reject it.
  const std::string outside = std::string(127, '0') + "1" +
      "0d1271953ed9ea0836846e70a1934187998c7f790cb4d7511b7f8da82de048a42869111d5381f072f8e2728fdb825a51aadd70e52c9830e9ab4b871c0531f1bb";
  Bytes raw = hex(outside);
  bn254::Fq2 x, y;
  REQUIRE(bn254::Fq::from_be(raw.data(), x.c1) && bn254::Fq::from_be(raw.data() + 32, x.c0));
  REQUIRE(bn254::Fq::from_be(raw.data() + 64, y.c1) && bn254::Fq::from_be(raw.data() + 96, y.c0));
  CHECK(bn254::G2::on_curve(x, y));
  CHECK(pairing(kG1 + outside) == -1);
  // G1 off the curve.
  std::string off_curve = std::string(63, '0') + "1" + std::string(63, '0') + "3";
  CHECK(pairing(off_curve + kG2) == -1);
}
