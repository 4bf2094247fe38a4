// Short Weierstrass curves y^2 = x^3 + a*x + b in Jacobian coordinates (x = X/Z^2, y = Y/Z^3),
// generic over the coordinate field (a prime field or an extension such as Fp2). A curve is a
// spec type with `using Field`, `static constexpr bool kAIsZero`, `static Field a()`, `static Field b()`.
// Variable-time on purpose (see secp256k1.h).
#pragma once
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::crypto {

template <class Curve>
struct Point {
  using F = typename Curve::Field;
  F x = F::one(), y = F::one(), z = F::zero();  // default: the point at infinity

  static Point infinity() { return Point{}; }
  static Point from_affine(const F& ax, const F& ay) { return Point{ax, ay, F::one()}; }
  bool is_infinity() const { return z.is_zero(); }

  static bool on_curve(const F& ax, const F& ay) {
    F rhs = ax.square() * ax + Curve::b();
    if constexpr (!Curve::kAIsZero) rhs = rhs + Curve::a() * ax;
    return ay.square() == rhs;
  }

  // Affine coordinates; false for the point at infinity.
  bool to_affine(F& ax, F& ay) const {
    if (is_infinity()) return false;
    F zi = z.inverse(), zi2 = zi.square();
    ax = x * zi2;
    ay = y * zi2 * zi;
    return true;
  }

  Point negate() const { return Point{x, -y, z}; }

  // dbl-2007-bl (with the a*Z^4 term when a != 0).
  Point dbl() const {
    if (is_infinity() || y.is_zero()) return infinity();
    F xx = x.square(), yy = y.square(), yyyy = yy.square(), zz = z.square();
    F s = ((x + yy).square() - xx - yyyy).dbl();
    F m = xx.dbl() + xx;
    if constexpr (!Curve::kAIsZero) m = m + Curve::a() * zz.square();
    F t = m.square() - s.dbl();
    Point r;
    r.x = t;
    F y8 = yyyy.dbl().dbl().dbl();
    r.y = m * (s - t) - y8;
    r.z = (y + z).square() - yy - zz;
    return r;
  }

  // add-2007-bl, falling back to doubling for equal points.
  friend Point operator+(const Point& p, const Point& q) {
    if (p.is_infinity()) return q;
    if (q.is_infinity()) return p;
    F z1z1 = p.z.square(), z2z2 = q.z.square();
    F u1 = p.x * z2z2, u2 = q.x * z1z1;
    F s1 = p.y * q.z * z2z2, s2 = q.y * p.z * z1z1;
    if (u1 == u2) return s1 == s2 ? p.dbl() : infinity();
    F h = u2 - u1, i = h.dbl().square(), j = h * i, rr = (s2 - s1).dbl(), v = u1 * i;
    Point r;
    r.x = rr.square() - j - v.dbl();
    r.y = rr * (v - r.x) - (s1 * j).dbl();
    r.z = ((p.z + q.z).square() - z1z1 - z2z2) * h;
    return r;
  }

  bool equals(const Point& q) const {
    if (is_infinity() || q.is_infinity()) return is_infinity() && q.is_infinity();
    F z1z1 = z.square(), z2z2 = q.z.square();
    return x * z2z2 == q.x * z1z1 && y * q.z * z2z2 == q.y * z * z1z1;
  }

  // k * this for a big-endian scalar of any length (left-to-right double-and-add).
  Point mul(const uint8_t* scalar_be, size_t n) const {
    Point r;
    for (size_t i = 0; i < n; ++i)
      for (int b = 7; b >= 0; --b) {
        r = r.dbl();
        if ((scalar_be[i] >> b) & 1) r = r + *this;
      }
    return r;
  }
};

// a*P + b*Q with shared doublings (Shamir's trick); scalars big-endian, both n bytes.
template <class Curve>
Point<Curve> double_mul(const Point<Curve>& p, const uint8_t* a, const Point<Curve>& q, const uint8_t* b, size_t n) {
  Point<Curve> pq = p + q, r;
  for (size_t i = 0; i < n; ++i)
    for (int bit = 7; bit >= 0; --bit) {
      r = r.dbl();
      bool x = (a[i] >> bit) & 1, y = (b[i] >> bit) & 1;
      if (x && y) r = r + pq;
      else if (x) r = r + p;
      else if (y) r = r + q;
    }
  return r;
}

}  // namespace oneproof::guest::crypto
