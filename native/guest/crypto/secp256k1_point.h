// secp256k1 points for the recovery's hot loop: Jacobian coordinates (x = X/Z^2, y = Y/Z^3) with
// formulas for a = 0 that never use b, so they work unchanged on every curve y^2 = x^3 + 7*u^6
// isomorphic to secp256k1 by (x, y) -> (u^2 x, u^3 y). secp256k1_ecmult.cc uses that to treat a
// table of Jacobian points sharing one Z as affine points. Variable-time (see secp256k1.h).
#pragma once
#include "guest/crypto/secp256k1_field.h"

namespace oneproof::guest::crypto::secp256k1 {

using Fq = FieldElement;

struct AffinePoint {
  Fq x, y;
  AffinePoint negate() const { return AffinePoint{x, -y}; }
};

struct JacobianPoint {
  Fq x = Fq::one(), y = Fq::one(), z = Fq::zero();  // z == 0: the point at infinity

  static JacobianPoint infinity() { return JacobianPoint{}; }
  static JacobianPoint from_affine(const AffinePoint& a) { return JacobianPoint{a.x, a.y, Fq::one()}; }
  bool is_infinity() const { return z.is_zero(); }

  // 2 * this, 3M + 4S: with L = 3X^2/2 and S = Y^2, X3 = L^2 - 2XS, Y3 = L(XS - X3) - S^2, Z3 = YZ.
  JacobianPoint dbl() const {
    // y = 0 would be a point of order 2, which no curve of prime order has; checked anyway.
    if (is_infinity() || y.is_zero()) return infinity();
    Fq xx = x.square();
    Fq l = (xx.dbl() + xx).half();
    Fq s = y.square();
    Fq t = x * s;
    JacobianPoint r;
    r.x = l.square() - t.dbl();
    r.y = l * (t - r.x) - s.square();
    r.z = y * z;
    return r;
  }

  // this + b for an affine b (8M + 3S), handling b = +-this and this = infinity.
  JacobianPoint add_affine(const AffinePoint& b) const {
    if (is_infinity()) return from_affine(b);
    Fq zz = z.square();
    return add_affine_core(b.x * zz, b.y * zz * z, z);
  }

  // this + (b.x * u^2, b.y * u^3): adds b after mapping it through the isomorphism with factor u,
  // for one extra multiplication (Z1 * u stands for Z1 in the products with b).
  JacobianPoint add_affine_scaled(const AffinePoint& b, const Fq& u) const {
    if (is_infinity()) {
      Fq uu = u.square();
      return JacobianPoint{b.x * uu, b.y * uu * u, Fq::one()};
    }
    Fq zu = z * u, zzuu = zu.square();
    return add_affine_core(b.x * zzuu, b.y * zzuu * zu, z);
  }

  // this + b for an affine b that is neither +-this nor this = infinity (the caller knows), also
  // returning h = Z3 / Z1: the ratio that later brings this point to another's Z.
  JacobianPoint add_affine_with_ratio(const AffinePoint& b, Fq& h) const {
    Fq zz = z.square();
    Fq u2 = b.x * zz, s2 = b.y * zz * z;
    h = u2 - x;
    return finish_add(h, s2 - y, z);
  }

  // Affine coordinates; false for the point at infinity.
  bool to_affine(AffinePoint& out) const {
    if (is_infinity()) return false;
    Fq zi = z.inverse(), zi2 = zi.square();
    out.x = x * zi2;
    out.y = y * zi2 * zi;
    return true;
  }

 private:
  // madd-2004-hmv from U2 = x2 Z1^2, S2 = y2 Z1^3: H = U2 - X1, R = S2 - Y1.
  JacobianPoint add_affine_core(const Fq& u2, const Fq& s2, const Fq& z1) const {
    Fq h = u2 - x, r = s2 - y;
    if (h.is_zero()) return r.is_zero() ? dbl() : infinity();
    return finish_add(h, r, z1);
  }
  JacobianPoint finish_add(const Fq& h, const Fq& r, const Fq& z1) const {
    Fq hh = h.square(), hhh = h * hh, v = x * hh;
    JacobianPoint out;
    out.x = r.square() - hhh - v.dbl();
    out.y = r * (v - out.x) - y * hhh;
    out.z = z1 * h;
    return out;
  }
};

}  // namespace oneproof::guest::crypto::secp256k1
