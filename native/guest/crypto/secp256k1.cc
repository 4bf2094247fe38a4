#include "guest/crypto/secp256k1.h"

#include "guest/crypto/keccak.h"
#include "guest/crypto/secp256k1_curve.h"
#include "guest/crypto/secp256k1_ecmult.h"
#include "guest/crypto/secp256k1_modinv.h"

namespace oneproof::guest::crypto {

const uint256 kSecp256k1N{0xBFD25E8CD0364141ull, 0xBAAEDCE6AF48A03Bull, 0xFFFFFFFFFFFFFFFEull, 0xFFFFFFFFFFFFFFFFull};
const uint256 kSecp256k1HalfN{0xDFE92F46681B20A0ull, 0x5D576E7357A4501Dull, 0xFFFFFFFFFFFFFFFFull, 0x7FFFFFFFFFFFFFFFull};

namespace secp256k1 {

CurvePoint generator() {
  static const uint8_t gx[32] = {0x79, 0xBE, 0x66, 0x7E, 0xF9, 0xDC, 0xBB, 0xAC, 0x55, 0xA0, 0x62,
                                 0x95, 0xCE, 0x87, 0x0B, 0x07, 0x02, 0x9B, 0xFC, 0xDB, 0x2D, 0xCE,
                                 0x28, 0xD9, 0x59, 0xF2, 0x81, 0x5B, 0x16, 0xF8, 0x17, 0x98};
  static const uint8_t gy[32] = {0x48, 0x3A, 0xDA, 0x77, 0x26, 0xA3, 0xC4, 0x65, 0x5D, 0xA4, 0xFB,
                                 0xFC, 0x0E, 0x11, 0x08, 0xA8, 0xFD, 0x17, 0xB4, 0x48, 0xA6, 0x85,
                                 0x54, 0x19, 0x9C, 0x47, 0xD0, 0x8F, 0xFB, 0x10, 0xD4, 0xB8};
  Fq x, y;
  Fq::from_be(gx, x);
  Fq::from_be(gy, y);
  return CurvePoint::from_affine(x, y);
}

}  // namespace secp256k1

RecoverError recover_public_key(const Hash32& hash, const uint256& r, const uint256& s, unsigned y_parity,
                                bool require_low_s, uint8_t public_key[64]) {
  using namespace secp256k1;
  if (r.is_zero() || r >= kSecp256k1N) return RecoverError::InvalidR;
  if (s.is_zero() || s >= kSecp256k1N) return RecoverError::InvalidS;
  if (require_low_s && s > kSecp256k1HalfN) return RecoverError::HighS;
  if (y_parity > 1) return RecoverError::InvalidRecoveryId;

  uint8_t r_be[32], s_be[32];
  r.to_be(r_be);
  s.to_be(s_be);
  // R = (r, y) with y of the requested parity. r < n < p, so x = r (Ethereum never uses x = r + n).
  Fq rx, ry;
  Fq::from_be(r_be, rx);
  if (!(rx.square() * rx + Curve::b()).sqrt(ry)) return RecoverError::NotOnCurve;
  if (ry.is_odd() != (y_parity == 1)) ry = -ry;

  // Q = r^-1 * (s*R - e*G) = (-e/r)*G + (s/r)*R.
  Fn rn, sn;
  Fn::from_be(r_be, rn);
  Fn::from_be(s_be, sn);
  Fn en = Fn::from_be_reduce(hash.b);
  std::array<uint32_t, 8> r_limbs;
  limbs::from_be<8>(r_limbs.data(), r_be);
  Fn r_inv = Fn::from_limbs(inverse_mod_divsteps(r_limbs, InverseModulus::of(ScalarFieldSpec::kModulus)));
  JacobianPoint q = mul_g_and_point((-(en * r_inv)).to_limbs(), AffinePoint{rx, ry}, (sn * r_inv).to_limbs());
  AffinePoint qa;
  if (!q.to_affine(qa)) return RecoverError::Infinity;
  qa.x.to_be(public_key);
  qa.y.to_be(public_key + 32);
  return RecoverError::Ok;
}

Address address_of_public_key(const uint8_t public_key[64]) {
  Hash32 h = keccak256(public_key, 64);
  return Address::from(h.b + 12);
}

RecoverError recover_address(const Hash32& hash, const uint256& r, const uint256& s, unsigned y_parity,
                             bool require_low_s, Address& out) {
  uint8_t key[64];
  RecoverError e = recover_public_key(hash, r, s, y_parity, require_low_s, key);
  if (e == RecoverError::Ok) out = address_of_public_key(key);
  return e;
}

}  // namespace oneproof::guest::crypto
