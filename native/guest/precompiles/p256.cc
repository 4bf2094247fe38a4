#include "guest/precompiles/p256.h"

#include "guest/crypto/montgomery_field.h"
#include "guest/crypto/weierstrass.h"

namespace oneproof::guest::precompiles {
namespace {

// secp256r1 (NIST P-256, SEC 2 section 2.4.2): y^2 = x^3 - 3x + b.
struct BaseFieldSpec {
  static constexpr std::array<uint32_t, 8> kModulus = {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000,
                                                       0x00000000, 0x00000000, 0x00000001, 0xFFFFFFFF};
};
struct ScalarFieldSpec {
  static constexpr std::array<uint32_t, 8> kModulus = {0xFC632551, 0xF3B9CAC2, 0xA7179E84, 0xBCE6FAAD,
                                                       0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0xFFFFFFFF};
};
using Fq = crypto::Fp<BaseFieldSpec>;
using Fn = crypto::Fp<ScalarFieldSpec>;

const uint8_t kB[32] = {0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a, 0x93, 0xe7, 0xb3, 0xeb, 0xbd, 0x55, 0x76, 0x98, 0x86, 0xbc,
                        0x65, 0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6, 0x3b, 0xce, 0x3c, 0x3e, 0x27, 0xd2, 0x60, 0x4b};
const uint8_t kGx[32] = {0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5, 0x63, 0xa4, 0x40, 0xf2,
                         0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96};
const uint8_t kGy[32] = {0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16,
                         0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5};

struct Curve {
  using Field = Fq;
  static constexpr bool kAIsZero = false;
  static Fq a() { return -Fq::from_u32(3); }
  static Fq b() {
    static const Fq b = [] {
      Fq v;
      Fq::from_be(kB, v);
      return v;
    }();
    return b;
  }
};
using Point = crypto::Point<Curve>;

}  // namespace

bool p256_verify(const uint8_t* in, size_t n) {
  if (n != 160) return false;
  const uint8_t *hash = in, *r_be = in + 32, *s_be = in + 64, *qx_be = in + 96, *qy_be = in + 128;
  Fn r, s;
  if (!Fn::from_be(r_be, r) || !Fn::from_be(s_be, s) || r.is_zero() || s.is_zero()) return false;
  Fq qx, qy;
  if (!Fq::from_be(qx_be, qx) || !Fq::from_be(qy_be, qy)) return false;
  if (!Point::on_curve(qx, qy)) return false;  // also excludes (0, 0), which is not on the curve (b != 0)

  Fn s_inv = s.inverse();
  Fn e = Fn::from_be_reduce(hash);
  uint8_t u1[32], u2[32];
  (e * s_inv).to_be(u1);
  (r * s_inv).to_be(u2);
  Fq gx, gy;
  Fq::from_be(kGx, gx);
  Fq::from_be(kGy, gy);
  Point sum = crypto::double_mul(Point::from_affine(gx, gy), u1, Point::from_affine(qx, qy), u2, 32);
  Fq x, y;
  if (!sum.to_affine(x, y)) return false;
  uint8_t x_be[32];
  x.to_be(x_be);
  return Fn::from_be_reduce(x_be) == r;  // x mod n == r
}

}  // namespace oneproof::guest::precompiles
