// The pieces of the fast secp256k1 recovery, each against a plain reference: the special-form field
// (reduction corner cases) against the generic Montgomery field, the square-root chain against
// square-and-multiply, the GLV split and wNAF against their defining identities, the Jacobian
// formulas and u1 G + u2 P against bit-by-bit double-and-add, the G table against recomputation.
#include <cstring>
#include <vector>

#include "common/test.h"
#include "guest/crypto/keccak.h"
#include "guest/crypto/secp256k1.h"
#include "guest/crypto/secp256k1_curve.h"
#include "guest/crypto/secp256k1_ecmult.h"
#include "guest/crypto/secp256k1_g_table.h"
#include "guest/crypto/secp256k1_glv.h"
#include "guest/crypto/secp256k1_modinv.h"
#include "guest/crypto/secp256k1_wnaf.h"
#include "guest/crypto/test/hex.h"

using namespace oneproof::guest;
using namespace oneproof::guest::crypto;
using namespace oneproof::guest::crypto::secp256k1;

namespace {

struct Stream {
  uint8_t state[32] = {0x17};
  Hash32 next() {
    Hash32 h = keccak256(state, 32);
    std::memcpy(state, h.b, 32);
    return h;
  }
  std::array<uint32_t, 8> limbs() {
    Hash32 h = next();
    std::array<uint32_t, 8> x{};
    limbs::from_be<8>(x.data(), h.b);
    return x;
  }
  Fq field() {
    Hash32 h = next();
    h.b[0] &= 0x7f;
    Fq x;
    Fq::from_be(h.b, x);
    return x;
  }
};

Fq fq(const char* hex) {
  Fq x;
  if (!Fq::from_be(test::hex(hex).data(), x)) std::abort();
  return x;
}
FqMontgomery to_montgomery(const Fq& x) {
  uint8_t be[32];
  x.to_be(be);
  FqMontgomery m;
  FqMontgomery::from_be(be, m);
  return m;
}
bool same(const Fq& a, const FqMontgomery& b) {
  uint8_t x[32], y[32];
  a.to_be(x);
  b.to_be(y);
  return std::memcmp(x, y, 32) == 0;
}

std::array<uint32_t, 8> n_limbs() {
  uint8_t be[32];
  kSecp256k1N.to_be(be);
  std::array<uint32_t, 8> n{};
  limbs::from_be<8>(n.data(), be);
  return n;
}
// k mod n as an Fn element (k < 2^256 < 2n: one subtraction at most).
Fn fn_of(const std::array<uint32_t, 8>& k) {
  std::array<uint32_t, 8> x = k, n = n_limbs();
  if (limbs::geq<8>(x.data(), n.data())) limbs::sub<8>(x.data(), x.data(), n.data());
  return Fn::from_limbs(x);
}
std::array<uint32_t, 8> low_limbs(const SignedScalar& s) {
  std::array<uint32_t, 8> x{};
  for (size_t i = 0; i < 8; ++i) x[i] = s.magnitude[i];
  return x;
}
bool fits_128_bits(const SignedScalar& s) {
  for (size_t i = 4; i < kGlvLimbs; ++i)
    if (s.magnitude[i]) return false;
  return true;
}

bool same_point(const JacobianPoint& p, const CurvePoint& q) {
  AffinePoint a;
  Fq qx, qy;
  bool finite = p.to_affine(a), q_finite = q.to_affine(qx, qy);
  if (finite != q_finite) return false;
  return !finite || (a.x == qx && a.y == qy);
}
AffinePoint affine(const CurvePoint& p) {
  AffinePoint a;
  if (!p.to_affine(a.x, a.y)) std::abort();
  return a;
}
// k G by bit-by-bit double-and-add, for a little-endian limb scalar.
CurvePoint ref_mul(const CurvePoint& p, const std::array<uint32_t, 8>& k) {
  uint8_t be[32];
  limbs::to_be<8>(be, k.data());
  return p.mul(be, 32);
}

}  // namespace

OP_TEST(secp256k1_field_reduction_corner_cases) {
  // Pairs whose products take each path of the reduction: (p-1)^2 leaves a value in [p, 2^256)
  // after folding (final subtraction); (p-2)(p-2^32-...) carries out of the second fold.
  const char* p_minus_1 = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e";
  const char* p_minus_2 = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2d";
  const char* near_p = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffe00000000";
  const char* half = "8000000000000000000000000000000000000000000000000000000000000000";
  const char* ones = "00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
  std::vector<const char*> values = {p_minus_1, p_minus_2, near_p, half, ones,
                                     "0000000000000000000000000000000000000000000000000000000000000000",
                                     "0000000000000000000000000000000000000000000000000000000000000001",
                                     "00000000000000000000000000000000000000000000000000000001000003d1"};
  for (const char* x : values)
    for (const char* y : values) {
      Fq a = fq(x), b = fq(y);
      FqMontgomery am = to_montgomery(a), bm = to_montgomery(b);
      CHECK(same(a * b, am * bm));
      CHECK(same(a.square(), am.square()));
      CHECK(same(a + b, am + bm));  // (p-1) + (p-1) carries out of 2^256
      CHECK(same(a - b, am - bm));
      CHECK(same(-a, -am));
      CHECK(a.half().dbl() == a);
    }
  CHECK(fq(p_minus_1) * fq(p_minus_1) == Fq::one());
  CHECK(fq(p_minus_1) + Fq::one() == Fq::zero());
  CHECK((-Fq::zero()).is_zero());
}

OP_TEST(secp256k1_field_random_products_match_montgomery) {
  Stream rng;
  for (int i = 0; i < 2000; ++i) {
    Hash32 hx = rng.next(), hy = rng.next();
    // Push some values next to p from below: top limbs all ones.
    if (i % 4 == 0) std::memset(hx.b, 0xff, 24), hx.b[27] = 0xfe;
    Fq a, b;
    if (!Fq::from_be(hx.b, a) || !Fq::from_be(hy.b, b)) continue;
    FqMontgomery am = to_montgomery(a), bm = to_montgomery(b);
    CHECK(same(a * b, am * bm));
    CHECK(same(a.square(), am.square()));
  }
}

OP_TEST(secp256k1_sqrt_chain_matches_square_and_multiply) {
  const std::array<uint32_t, 8> sqrt_exp = {0xBFFFFF0C, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF,
                                            0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x3FFFFFFF};  // (p+1)/4
  Stream rng;
  int squares = 0, non_squares = 0;
  for (int i = 0; i < 30; ++i) {
    Fq a = rng.field();
    CHECK(a.pow_sqrt_exponent() == a.pow(sqrt_exp));
    Fq r;
    if (a.sqrt(r)) {
      ++squares;
      CHECK(r.square() == a);
    } else {
      ++non_squares;
      CHECK((-a).sqrt(r));  // p = 3 mod 4: exactly one of a, -a is a square
    }
  }
  CHECK(squares > 0 && non_squares > 0);
  Fq r;
  CHECK(Fq::zero().sqrt(r) && r.is_zero());
}

OP_TEST(secp256k1_glv_constants) {
  // lambda^3 = 1 (mod n), beta^3 = 1 (mod p), and lambda (x, y) = (beta x, y) on G.
  Fn lambda = Fn::from_limbs(kGlvLambda);
  CHECK(lambda != Fn::one() && lambda.square() * lambda == Fn::one());
  CHECK(kGlvBeta != Fq::one() && kGlvBeta.square() * kGlvBeta == Fq::one());
  CurvePoint lg = ref_mul(generator(), kGlvLambda);
  Fq x, y, gx, gy;
  REQUIRE(lg.to_affine(x, y) && generator().to_affine(gx, gy));
  CHECK(x == gx * kGlvBeta && y == gy);
}

OP_TEST(secp256k1_glv_split_recombines_and_is_short) {
  Fn lambda = Fn::from_limbs(kGlvLambda);
  Stream rng;
  std::vector<std::array<uint32_t, 8>> scalars = {{}, {1}, n_limbs(), kGlvLambda};
  scalars[2][0] -= 1;  // n - 1
  for (int i = 0; i < 500; ++i) scalars.push_back(rng.limbs());
  for (const auto& k : scalars) {
    SignedScalar k1, k2;
    glv_split(k, k1, k2);
    // Below n (every scalar recovery passes) both halves fit in 128 bits.
    std::array<uint32_t, 8> n = n_limbs();
    if (!limbs::geq<8>(k.data(), n.data())) CHECK(fits_128_bits(k1) && fits_128_bits(k2));
    if (!fits_128_bits(k1) || !fits_128_bits(k2)) continue;
    Fn f1 = Fn::from_limbs(low_limbs(k1)), f2 = Fn::from_limbs(low_limbs(k2));
    if (k1.negative) f1 = -f1;
    if (k2.negative) f2 = -f2;
    CHECK(f1 + f2 * lambda == fn_of(k));
  }
}

namespace {
// Digits of random and edge scalars in width W rebuild the scalar (or its negation) and obey the
// wNAF rules.
template <unsigned W>
void check_wnaf(Stream& rng) {
  constexpr unsigned w = W;
  for (int i = 0; i < 100; ++i) {
    std::array<uint32_t, kGlvLimbs> k{};
    auto r = rng.limbs();
    for (size_t j = 0; j < 8; ++j) k[j] = r[j];
    if (i % 3 == 0) k[4] = k[5] = k[6] = k[7] = 0;  // 128-bit, as after the GLV split
    if (i == 0) k = {};
    if (i == 1) k = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};  // all ones: a final carry
    int16_t digits[32 * kGlvLimbs + 16];
    bool negate = i % 2 == 1;
    size_t len = wnaf<kGlvLimbs, W>(digits, k.data(), negate);
    // Rebuild sum d_i 2^i (Horner from the top) in kGlvLimbs + 1 two's-complement limbs; it must
    // equal k, or -k when the digits were asked negated.
    std::array<uint32_t, kGlvLimbs + 1> acc{};
    size_t last_nonzero = 0;
    bool any = false;
    for (size_t j = len; j-- > 0;) {
      limbs::add<kGlvLimbs + 1>(acc.data(), acc.data(), acc.data());
      int d = digits[j];
      if (!d) continue;
      CHECK((d & 1) && d < (1 << (w - 1)) && d > -(1 << (w - 1)));
      if (any) CHECK(last_nonzero - j >= w);  // w - 1 zeros between non-zero digits
      last_nonzero = j;
      any = true;
      std::array<uint32_t, kGlvLimbs + 1> small{};
      small[0] = uint32_t(d > 0 ? d : -d);
      if (d > 0) limbs::add<kGlvLimbs + 1>(acc.data(), acc.data(), small.data());
      else limbs::sub<kGlvLimbs + 1>(acc.data(), acc.data(), small.data());
    }
    if (len > 0) CHECK(digits[len - 1] != 0);
    std::array<uint32_t, kGlvLimbs + 1> want{};
    for (size_t j = 0; j < kGlvLimbs; ++j) want[j] = k[j];
    if (negate) {
      std::array<uint32_t, kGlvLimbs + 1> zero{};
      limbs::sub<kGlvLimbs + 1>(want.data(), zero.data(), want.data());
    }
    CHECK(acc == want);
  }
}
}  // namespace

OP_TEST(secp256k1_wnaf_digits_rebuild_the_scalar) {
  Stream rng;
  check_wnaf<2>(rng);
  check_wnaf<4>(rng);
  check_wnaf<kPWindow>(rng);
  check_wnaf<8>(rng);
  check_wnaf<kGWindow>(rng);
  check_wnaf<15>(rng);
}

OP_TEST(secp256k1_jacobian_formulas_match_reference) {
  Stream rng;
  CurvePoint g = generator();
  for (int i = 0; i < 20; ++i) {
    CurvePoint p = ref_mul(g, rng.limbs()), q = ref_mul(g, rng.limbs());
    AffinePoint qa = affine(q);
    // p in Jacobian form with a non-trivial Z: 2p has one.
    JacobianPoint pj = JacobianPoint::from_affine(affine(p)).dbl();
    CurvePoint p2 = p.dbl();
    CHECK(same_point(pj, p2));
    CHECK(same_point(pj.dbl(), p2.dbl()));
    CHECK(same_point(pj.add_affine(qa), p2 + q));
    // Exceptional cases: adding itself doubles, adding its negation gives infinity.
    AffinePoint p2a = affine(p2);
    CHECK(same_point(pj.add_affine(p2a), p2.dbl()));
    CHECK(pj.add_affine(p2a.negate()).is_infinity());
    CHECK(same_point(JacobianPoint::infinity().add_affine(qa), q));
    CHECK(JacobianPoint::infinity().dbl().is_infinity());
    // The scaled addition: q mapped by u, added on the curve isomorphic by u, mapped back.
    Fq u = rng.field();
    Fq uu = u.square();
    JacobianPoint on_iso{pj.x * uu, pj.y * uu * u, pj.z};  // p2 mapped by u
    JacobianPoint sum = on_iso.add_affine_scaled(qa, u);
    sum.z = sum.z * u;
    CHECK(same_point(sum, p2 + q));
    JacobianPoint from_inf = JacobianPoint::infinity().add_affine_scaled(qa, u);
    from_inf.z = from_inf.z * u;
    CHECK(same_point(from_inf, q));
    // Adding -q through the negate flag, from a finite point and from infinity.
    JacobianPoint minus = pj;
    minus.add_affine_in_place(qa, true);
    CHECK(same_point(minus, p2 + q.negate()));
    minus = JacobianPoint::infinity();
    minus.add_affine_scaled_in_place(qa, u, true);
    minus.z = minus.z * u;
    CHECK(same_point(minus, q.negate()));
    minus = on_iso;
    minus.add_affine_scaled_in_place(qa, u, true);
    minus.z = minus.z * u;
    CHECK(same_point(minus, p2 + q.negate()));
    Fq h;
    JacobianPoint with_ratio = pj.add_affine_with_ratio(qa, h);
    CHECK(same_point(with_ratio, p2 + q) && with_ratio.z == pj.z * h);
  }
}

OP_TEST(secp256k1_g_table_matches_recomputation) {
  CurvePoint g = generator();
  CurvePoint lambda_g = ref_mul(g, kGlvLambda);
  CurvePoint two_g = g.dbl(), two_lambda_g = lambda_g.dbl();
  CurvePoint a = g, b = lambda_g;
  for (size_t i = 0; i < kGTableSize; ++i) {
    AffinePoint ea = affine(a), eb = affine(b);
    CHECK(kGOddMultiples[i].x == ea.x && kGOddMultiples[i].y == ea.y);
    CHECK(kLambdaGOddMultiples[i].x == eb.x && kLambdaGOddMultiples[i].y == eb.y);
    a = a + two_g;
    b = b + two_lambda_g;
  }
}

OP_TEST(secp256k1_mul_g_and_point_matches_double_and_add) {
  Stream rng;
  CurvePoint g = generator();
  std::array<uint32_t, 8> n_minus_1 = n_limbs();
  n_minus_1[0] -= 1;
  for (int i = 0; i < 40; ++i) {
    std::array<uint32_t, 8> u1 = rng.limbs(), u2 = rng.limbs(), d = rng.limbs();
    if (i == 0) u1 = {};
    if (i == 1) u2 = {};
    if (i == 2) u1 = n_minus_1;
    if (i == 3) u1 = u2 = {1};
    if (i == 4) u2 = n_minus_1;
    CurvePoint p = ref_mul(g, d);
    CurvePoint want = ref_mul(g, u1) + ref_mul(p, u2);
    CHECK(same_point(mul_g_and_point(u1, affine(p), u2), want));
  }
  // P = +-G with equal scalars: the loop adds a point to itself (doubling inside the addition) or
  // to its negation (infinity), and the result is 2uG or infinity.
  for (int i = 0; i < 5; ++i) {
    std::array<uint32_t, 8> u = rng.limbs();
    AffinePoint ga = affine(g);
    CHECK(same_point(mul_g_and_point(u, ga, u), ref_mul(g, u).dbl()));
    CHECK(mul_g_and_point(u, ga.negate(), u).is_infinity());
  }
  CHECK(mul_g_and_point({}, affine(g), {}).is_infinity());
}

OP_TEST(secp256k1_divsteps_inverse_matches_binary_gcd) {
  // Against the binary extended gcd, modulo p, n and (for a modulus of another shape) P-256's p.
  const std::array<uint32_t, 8> p256 = {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000,
                                        0x00000000, 0x00000000, 0x00000001, 0xFFFFFFFF};
  Stream rng;
  for (const std::array<uint32_t, 8>& m : {FieldElement::kP, n_limbs(), p256}) {
    InverseModulus modulus = InverseModulus::of(m);
    CHECK((modulus.m_inv30 * m[0] & 0x3FFFFFFF) == 1);
    std::array<uint32_t, 8> m_minus_1 = m, two{2}, top{};
    m_minus_1[0] -= 1;
    top[7] = 0x80000000u;  // 2^255 < m
    std::vector<std::array<uint32_t, 8>> xs = {{1}, two, m_minus_1, top};
    for (int i = 0; i < 200; ++i) {
      std::array<uint32_t, 8> x = rng.limbs();
      x[7] &= 0x7fffffff;  // below m
      if (i % 10 == 0) x[0] = x[1] = x[2] = 0;  // long runs of even values
      xs.push_back(x);
    }
    for (const auto& x : xs) CHECK(inverse_mod_divsteps(x, modulus) == limbs::inverse_mod<8>(x, m));
    CHECK(inverse_mod_divsteps({}, modulus) == (std::array<uint32_t, 8>{}));
  }
}
