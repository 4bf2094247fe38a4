#include "guest/precompiles/kzg.h"

#include <cstring>

#include "guest/precompiles/bls12_381_curve.h"
#include "guest/precompiles/sha256.h"

namespace oneproof::guest::precompiles {
namespace {
using namespace bls12_381;

// [tau]G2 from the Ethereum KZG ceremony (c-kzg-4844 trusted_setup.txt, g2 monomial 1),
// uncompressed: x.c0, x.c1, y.c0, y.c1.
const char* const kTauG2[4] = {
    "185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2",
    "15bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72",
    "014353bdb96b626dd7d5ee8599d1fca2131569490e28de18e82451a496a9c9794ce26d105941f383ee689bfbbb832a99",
    "1666c54b0a32529503432fcae0181b4bef79de09fc63671fda5ed1ba9bfa07899495346f3d7ac9cd23048ef30d0a154f",
};

// The ZCash compressed G1 encoding (48 bytes): flags in the top three bits of the first byte
// (compressed, infinity, y is the larger root). Checks the point is in the subgroup.
bool decompress_g1(const uint8_t* b, G1& out) {
  bool compressed = b[0] & 0x80, infinity = b[0] & 0x40, larger = b[0] & 0x20;
  if (!compressed) return false;
  uint8_t x_be[48];
  std::memcpy(x_be, b, 48);
  x_be[0] &= 0x1f;
  if (infinity) {
    if (larger) return false;
    for (uint8_t v : x_be)
      if (v) return false;
    out = G1::infinity();
    return true;
  }
  Fq x, y;
  if (!Fq::from_be(x_be, x)) return false;
  if (!(x.square() * x + G1Curve::b()).sqrt(y)) return false;
  if (y.lexicographically_largest() != larger) y = -y;
  out = G1::from_affine(x, y);
  return in_subgroup(out);
}

// The BLS scalar field modulus r and FIELD_ELEMENTS_PER_BLOB, as the precompile returns them.
bool below_order(const uint8_t be[32]) { return std::memcmp(be, kOrder, 32) < 0; }

}  // namespace

bool kzg_point_evaluation(const uint8_t* in, size_t n, uint8_t out[64]) {
  if (n != 192) return false;
  const uint8_t *versioned_hash = in, *z = in + 32, *y = in + 64, *commitment = in + 96, *proof = in + 144;
  Hash32 h = sha256(commitment, 48);
  h.b[0] = 0x01;  // VERSIONED_HASH_VERSION_KZG
  if (std::memcmp(h.b, versioned_hash, 32) != 0) return false;
  if (!below_order(z) || !below_order(y)) return false;
  G1 c, pi;
  if (!decompress_g1(commitment, c) || !decompress_g1(proof, pi)) return false;

  // e(C - [y]G1, G2) == e(pi, [tau]G2 - [z]G2)  <=>  e(C - [y]G1, -G2) * e(pi, [tau - z]G2) == 1.
  G2 tau = G2::from_affine({fq_from_hex(kTauG2[0]), fq_from_hex(kTauG2[1])},
                           {fq_from_hex(kTauG2[2]), fq_from_hex(kTauG2[3])});
  G1 lhs = c + g1_generator().mul(y, 32).negate();
  G2 rhs = tau + g2_generator().mul(z, 32).negate();
  G1 ps[2] = {lhs, pi};
  G2 qs[2] = {g2_generator().negate(), rhs};
  if (!pairing_product_is_one(ps, qs, 2)) return false;

  std::memset(out, 0, 64);
  out[30] = 0x10;  // 4096
  std::memcpy(out + 32, kOrder, 32);
  return true;
}

}  // namespace oneproof::guest::precompiles
