// The degree-12 extension used by pairings, as a sextic extension of Fp2: Fp12 = Fp2[w]/(w^6 - xi)
// with xi a non-residue (9 + u for BN254, 1 + u for BLS12-381). Elements are sum c[i] w^i.
// Equivalently the tower Fp6 = Fp2[v]/(v^3 - xi), Fp12 = Fp6[w]/(w^2 - v): the inverse uses it.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

namespace oneproof::guest::crypto {

// Spec: `using F2` (an Fp2) and `static F2 xi()`.
template <class Spec>
struct Fp12 {
  using F2 = typename Spec::F2;
  std::array<F2, 6> c;

  static Fp12 zero() {
    Fp12 r;
    for (auto& x : r.c) x = F2::zero();
    return r;
  }
  static Fp12 one() {
    Fp12 r = zero();
    r.c[0] = F2::one();
    return r;
  }
  bool is_one() const {
    if (c[0] != F2::one()) return false;
    for (int i = 1; i < 6; ++i)
      if (!c[i].is_zero()) return false;
    return true;
  }
  friend bool operator==(const Fp12& a, const Fp12& b) { return a.c == b.c; }

  // Through the tower: a = a0 + a1 w with a0 = (c0, c2, c4), a1 = (c1, c3, c5) in Fp6 and w^2 = v.
  // Karatsuba at both levels: 18 Fp2 products instead of 36.
  friend Fp12 operator*(const Fp12& a, const Fp12& b) {
    Fp6 a0 = a.even(), a1 = a.odd(), b0 = b.even(), b1 = b.odd();
    Fp6 t0 = a0.mul(b0), t1 = a1.mul(b1);
    return from_halves(t0 + t1.mul_by_v(), (a0 + a1).mul(b0 + b1) - t0 - t1);
  }
  // Complex squaring: (a0 + a1 w)^2 = (a0 + a1)(a0 + v a1) - t - v t + 2t w with t = a0 a1.
  Fp12 square() const {
    Fp6 a0 = even(), a1 = odd();
    Fp6 t = a0.mul(a1);
    Fp6 c0 = (a0 + a1).mul(a0 + a1.mul_by_v()) - t - t.mul_by_v();
    return from_halves(c0, t + t);
  }

  // The p^6 Frobenius: w -> -w (Fp2 coefficients are fixed by it).
  Fp12 conjugate() const {
    Fp12 r = *this;
    for (int i = 1; i < 6; i += 2) r.c[i] = -r.c[i];
    return r;
  }
  // Multiplies coefficient i by g[i] (Frobenius maps are of this form once coefficients are conjugated).
  Fp12 scale_coefficients(const std::array<F2, 6>& g) const {
    Fp12 r;
    for (int i = 0; i < 6; ++i) r.c[i] = c[i] * g[i];
    return r;
  }

  // x = a + b w: x^-1 = (a - b w) / (a^2 - v b^2).
  Fp12 inverse() const {
    Fp6 a = even(), b = odd();
    Fp6 d = (a.mul(a) - b.mul(b).mul_by_v()).inverse();
    return from_halves(a.mul(d), (-b).mul(d));
  }

  template <size_t M>
  Fp12 pow(const std::array<uint32_t, M>& e) const {
    Fp12 r = one();
    bool started = false;
    for (size_t i = M; i-- > 0;)
      for (int b = 31; b >= 0; --b) {
        if (started) r = r.square();
        if ((e[i] >> b) & 1) {
          r = started ? r * *this : *this;
          started = true;
        }
      }
    return r;
  }

 private:
  struct Fp6;
  Fp6 even() const { return {c[0], c[2], c[4]}; }
  Fp6 odd() const { return {c[1], c[3], c[5]}; }
  static Fp12 from_halves(const Fp6& lo, const Fp6& hi) {
    Fp12 r;
    r.c[0] = lo.a0; r.c[2] = lo.a1; r.c[4] = lo.a2;
    r.c[1] = hi.a0; r.c[3] = hi.a1; r.c[5] = hi.a2;
    return r;
  }
  // a0 + a1 v + a2 v^2 with v^3 = xi.
  struct Fp6 {
    F2 a0, a1, a2;
    Fp6 operator+(const Fp6& o) const { return {a0 + o.a0, a1 + o.a1, a2 + o.a2}; }
    Fp6 operator-(const Fp6& o) const { return {a0 - o.a0, a1 - o.a1, a2 - o.a2}; }
    Fp6 operator-() const { return {-a0, -a1, -a2}; }
    // Karatsuba: 6 Fp2 products.
    Fp6 mul(const Fp6& o) const {
      F2 xi = Spec::xi();
      F2 v0 = a0 * o.a0, v1 = a1 * o.a1, v2 = a2 * o.a2;
      return {v0 + ((a1 + a2) * (o.a1 + o.a2) - v1 - v2) * xi, (a0 + a1) * (o.a0 + o.a1) - v0 - v1 + v2 * xi,
              (a0 + a2) * (o.a0 + o.a2) - v0 - v2 + v1};
    }
    Fp6 mul_by_v() const { return {a2 * Spec::xi(), a0, a1}; }
    Fp6 inverse() const {
      F2 xi = Spec::xi();
      F2 t0 = a0.square() - a1 * a2 * xi, t1 = a2.square() * xi - a0 * a1, t2 = a1.square() - a0 * a2;
      F2 n = (a0 * t0 + (a2 * t1 + a1 * t2) * xi).inverse();
      return {t0 * n, t1 * n, t2 * n};
    }
  };
};

}  // namespace oneproof::guest::crypto
