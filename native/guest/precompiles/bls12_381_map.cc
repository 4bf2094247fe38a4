// MAP_FP_TO_G1 and MAP_FP2_TO_G2 (EIP-2537): RFC 9380's simplified SWU map to a curve isogenous
// to BLS12-381, the isogeny back, and cofactor clearing by multiplication with h_eff.
#include <cstring>
#include <vector>

#include "guest/precompiles/bls12_381.h"
#include "guest/precompiles/bls12_381_curve.h"
#include "guest/precompiles/bls12_381_map_constants.h"

namespace oneproof::guest::precompiles {
namespace {
using namespace bls12_381;
namespace mc = bls12_381::map_constants;

// RFC 9380 sgn0: the parity of the canonical value (Fp2: of c0, or of c1 when c0 is zero).
bool sgn0(const Fq& x) { return x.is_odd(); }
bool sgn0(const Fq2& x) { return x.c0.is_odd() || (x.c0.is_zero() && x.c1.is_odd()); }

bool sqrt(const Fq& a, Fq& out) { return a.sqrt(out); }
// Square roots in Fp2 = Fp[u]/(u^2 + 1) through the norm: with n = sqrt(a0^2 + a1^2),
// x0^2 = (a0 +- n) / 2 and x1 = a1 / (2 x0).
bool sqrt(const Fq2& a, Fq2& out) {
  if (a.c1.is_zero()) {
    Fq r;
    if (a.c0.sqrt(r)) {
      out = {r, Fq::zero()};
      return true;
    }
    if ((-a.c0).sqrt(r)) {  // -1 is a non-residue: sqrt(a0) = sqrt(-a0) * u
      out = {Fq::zero(), r};
      return true;
    }
    return false;
  }
  Fq n;
  if (!(a.c0.square() + a.c1.square()).sqrt(n)) return false;
  Fq half = Fq::from_u32(2).inverse(), x0;
  Fq t = (a.c0 + n) * half;
  if (!t.sqrt(x0)) {
    t = (a.c0 - n) * half;
    if (!t.sqrt(x0)) return false;
  }
  Fq2 r{x0, a.c1 * (x0.dbl()).inverse()};
  if (r.square() != a) return false;
  out = r;
  return true;
}

template <class F>
struct SswuCurve { F a, b, z; };

// Simplified SWU (RFC 9380 6.6.2, straightforward form): a point on y^2 = x^3 + a x + b.
template <class F>
void sswu(const SswuCurve<F>& c, const F& u, F& x, F& y) {
  F zu2 = c.z * u.square();
  F den = zu2.square() + zu2;  // Z^2 u^4 + Z u^2
  F x1 = den.is_zero() ? c.b * (c.z * c.a).inverse()
                       : (-(c.b * c.a.inverse())) * (F::one() + den.inverse());
  F gx1 = x1.square() * x1 + c.a * x1 + c.b;
  if (!sqrt(gx1, y)) {
    x1 = zu2 * x1;
    F gx2 = x1.square() * x1 + c.a * x1 + c.b;
    sqrt(gx2, y);  // exactly one of g(x1), g(x2) is a square
  }
  x = x1;
  if (sgn0(u) != sgn0(y)) y = -y;
}

template <class F>
F horner(const std::vector<F>& coeffs, const F& x) {
  F r = F::zero();
  for (size_t i = coeffs.size(); i-- > 0;) r = r * x + coeffs[i];
  return r;
}

// The isogeny (x, y) -> (xnum/xden, y * ynum/yden); a zero denominator gives infinity.
template <class F, class P>
P isogeny(const std::vector<F>* maps, const F& x, const F& y) {
  F xden = horner(maps[1], x), yden = horner(maps[3], x);
  if (xden.is_zero() || yden.is_zero()) return P::infinity();
  return P::from_affine(horner(maps[0], x) * xden.inverse(), y * horner(maps[2], x) * yden.inverse());
}

struct G1Map {
  SswuCurve<Fq> curve;
  std::vector<Fq> maps[4];
};
const G1Map& g1_map() {
  static const G1Map m = [] {
    G1Map r;
    r.curve = {fq_from_hex(mc::kG1A), fq_from_hex(mc::kG1B), Fq::from_u32(11)};
    auto load = [](std::vector<Fq>& v, const char* const* hex, size_t n) {
      for (size_t i = 0; i < n; ++i) v.push_back(fq_from_hex(hex[i]));
    };
    load(r.maps[0], mc::kG1XNum, std::size(mc::kG1XNum));
    load(r.maps[1], mc::kG1XDen, std::size(mc::kG1XDen));
    load(r.maps[2], mc::kG1YNum, std::size(mc::kG1YNum));
    load(r.maps[3], mc::kG1YDen, std::size(mc::kG1YDen));
    return r;
  }();
  return m;
}

struct G2Map {
  SswuCurve<Fq2> curve;
  std::vector<Fq2> maps[4];
};
const G2Map& g2_map() {
  static const G2Map m = [] {
    G2Map r;
    // E2': y^2 = x^3 + 240u x + 1012(1 + u), Z = -(2 + u).
    r.curve = {Fq2{Fq::zero(), Fq::from_u32(240)}, Fq2{Fq::from_u32(1012), Fq::from_u32(1012)},
               Fq2{-Fq::from_u32(2), -Fq::one()}};
    auto load = [](std::vector<Fq2>& v, const char* const* hex, size_t n) {
      for (size_t i = 0; i + 1 < n; i += 2) v.push_back({fq_from_hex(hex[i]), fq_from_hex(hex[i + 1])});
    };
    load(r.maps[0], mc::kG2XNum, std::size(mc::kG2XNum));
    load(r.maps[1], mc::kG2XDen, std::size(mc::kG2XDen));
    load(r.maps[2], mc::kG2YNum, std::size(mc::kG2YNum));
    load(r.maps[3], mc::kG2YDen, std::size(mc::kG2YDen));
    return r;
  }();
  return m;
}

// h_eff (RFC 9380 8.8.1 and 8.8.2), big-endian.
const uint8_t kG1Cofactor[8] = {0xd2, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01};
const char* const kG2CofactorHex =
    "0bc69f08f2ee75b3584c6a0ea91b352888e2a8e9145ad7689986ff031508ffe1329c2f178731db956d82bf015d1212b02ec0ec69d7477c1ae954"
    "cbc06689f6a359894c0adebbf6b4e8020005aaa95551";

bool decode_fq(const uint8_t* b, Fq& out) {
  for (int i = 0; i < 16; ++i)
    if (b[i]) return false;
  return Fq::from_be(b + 16, out);
}
void encode_fq(const Fq& v, uint8_t* out) {
  std::memset(out, 0, 16);
  v.to_be(out + 16);
}

}  // namespace

bool bls12_map_fp_to_g1(const uint8_t* in, size_t n, uint8_t out[128]) {
  Fq u;
  if (n != 64 || !decode_fq(in, u)) return false;
  const G1Map& m = g1_map();
  Fq x, y;
  sswu(m.curve, u, x, y);
  G1 p = isogeny<Fq, G1>(m.maps, x, y).mul(kG1Cofactor, sizeof kG1Cofactor);
  Fq ax, ay;
  if (!p.to_affine(ax, ay)) {
    std::memset(out, 0, 128);
    return true;
  }
  encode_fq(ax, out);
  encode_fq(ay, out + 64);
  return true;
}

bool bls12_map_fp2_to_g2(const uint8_t* in, size_t n, uint8_t out[256]) {
  Fq2 u;
  if (n != 128 || !decode_fq(in, u.c0) || !decode_fq(in + 64, u.c1)) return false;
  const G2Map& m = g2_map();
  Fq2 x, y;
  sswu(m.curve, u, x, y);
  static const std::vector<uint8_t> cofactor = [] {
    std::vector<uint8_t> b;
    const char* h = kG2CofactorHex;
    auto nib = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    for (size_t i = 0; h[i] && h[i + 1]; i += 2) b.push_back(uint8_t(nib(h[i]) << 4 | nib(h[i + 1])));
    return b;
  }();
  G2 q = isogeny<Fq2, G2>(m.maps, x, y).mul(cofactor.data(), cofactor.size());
  Fq2 ax, ay;
  if (!q.to_affine(ax, ay)) {
    std::memset(out, 0, 256);
    return true;
  }
  encode_fq(ax.c0, out);
  encode_fq(ax.c1, out + 64);
  encode_fq(ay.c0, out + 128);
  encode_fq(ay.c1, out + 192);
  return true;
}

}  // namespace oneproof::guest::precompiles
