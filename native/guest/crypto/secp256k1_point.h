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

  // The operations work in place: on rv32im, returning and copying a 96-byte point (memcpy) costs
  // about a field multiplication per call. The value-returning forms below wrap them.

  // this = 2 * this, 3M + 4S: with L = 3X^2/2, S = Y^2, X3 = L^2 - 2XS, Y3 = L(XS - X3) - S^2, Z3 = YZ.
  void double_in_place() {
    // y = 0 would be a point of order 2, which no curve of prime order has; checked anyway.
    if (is_infinity() || y.is_zero()) {
      z = Fq::zero();
      return;
    }
    Fq xx = x.square();
    Fq l = xx + xx.half();  // 3X^2 / 2
    Fq s = y.square();
    Fq t = x * s;
    x = l.square() - t.dbl();
    z = y * z;
    y = l * (t - x) - s.square();
  }

  // this += b (or -b when negate_b) for an affine b, 8M + 3S; handles b = +-this and infinity.
  void add_affine_in_place(const AffinePoint& b, bool negate_b = false) {
    if (is_infinity()) {
      x = b.x;
      y = negate_b ? -b.y : b.y;
      z = Fq::one();
      return;
    }
    Fq zz = z.square();
    add_core(b.x * zz, b.y * zz * z, negate_b, z);
  }

  // this += (b.x * u^2, +-b.y * u^3): adds b after mapping it through the isomorphism with factor u,
  // for one extra multiplication (Z1 * u stands for Z1 in the products with b).
  void add_affine_scaled_in_place(const AffinePoint& b, const Fq& u, bool negate_b = false) {
    if (is_infinity()) {
      Fq uu = u.square();
      x = b.x * uu;
      y = b.y * uu * u;
      if (negate_b) y = -y;
      z = Fq::one();
      return;
    }
    Fq zu = z * u, zzuu = zu.square();
    add_core(b.x * zzuu, b.y * zzuu * zu, negate_b, z);
  }

  JacobianPoint dbl() const {
    JacobianPoint r = *this;
    r.double_in_place();
    return r;
  }
  JacobianPoint add_affine(const AffinePoint& b) const {
    JacobianPoint r = *this;
    r.add_affine_in_place(b);
    return r;
  }
  JacobianPoint add_affine_scaled(const AffinePoint& b, const Fq& u) const {
    JacobianPoint r = *this;
    r.add_affine_scaled_in_place(b, u);
    return r;
  }

  // this + b for an affine b that is neither +-this nor this = infinity (the caller knows), also
  // returning h = Z3 / Z1: the ratio that later brings this point to another's Z.
  JacobianPoint add_affine_with_ratio(const AffinePoint& b, Fq& h) const {
    Fq zz = z.square();
    Fq u2 = b.x * zz, s2 = b.y * zz * z;
    h = u2 - x;
    JacobianPoint r = *this;
    r.finish_add(h, s2 - y, z);
    return r;
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
  // madd-2004-hmv from U2 = x2 Z1^2 and S2 = y2 Z1^3 (negated when negate_b): H = U2 - X1,
  // R = S2 - Y1; equal x means doubling (R = 0) or infinity.
  void add_core(const Fq& u2, const Fq& s2, bool negate_b, Fq z1) {
    Fq h = u2 - x, r = negate_b ? -(s2 + y) : s2 - y;
    if (h.is_zero()) {
      if (r.is_zero()) double_in_place();
      else z = Fq::zero();
      return;
    }
    finish_add(h, r, z1);
  }
  void finish_add(const Fq& h, const Fq& r, const Fq& z1) {
    Fq hh = h.square(), hhh = h * hh, v = x * hh;
    Fq x3 = r.square() - hhh - v.dbl();
    y = r * (v - x3) - y * hhh;
    x = x3;
    z = z1 * h;
  }
};

}  // namespace oneproof::guest::crypto::secp256k1
