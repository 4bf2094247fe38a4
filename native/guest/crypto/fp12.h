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

  friend Fp12 operator*(const Fp12& a, const Fp12& b) {
    F2 t[11];
    for (auto& x : t) x = F2::zero();
    for (int i = 0; i < 6; ++i) {
      if (a.c[i].is_zero()) continue;  // sparse line values skip most products
      for (int j = 0; j < 6; ++j)
        if (!b.c[j].is_zero()) t[i + j] += a.c[i] * b.c[j];
    }
    Fp12 r;
    F2 xi = Spec::xi();
    for (int i = 0; i < 6; ++i) r.c[i] = t[i];
    for (int i = 6; i < 11; ++i) r.c[i - 6] += t[i] * xi;  // w^6 = xi
    return r;
  }
  Fp12 square() const { return *this * *this; }

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

  Fp12 inverse() const {
    // c0 = c[0] + c[2] v + c[4] v^2 and c1 = c[1] + c[3] v + c[5] v^2 in Fp6, with x = c0 + c1 w:
    // x^-1 = (c0 - c1 w) / (c0^2 - v c1^2).
    Fp6 a{c[0], c[2], c[4]}, b{c[1], c[3], c[5]};
    Fp6 d = (a.mul(a) - b.mul(b).mul_by_v()).inverse();
    Fp6 r0 = a.mul(d), r1 = (-b).mul(d);
    Fp12 r;
    r.c[0] = r0.a0; r.c[2] = r0.a1; r.c[4] = r0.a2;
    r.c[1] = r1.a0; r.c[3] = r1.a1; r.c[5] = r1.a2;
    return r;
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
  // a0 + a1 v + a2 v^2 with v^3 = xi.
  struct Fp6 {
    F2 a0, a1, a2;
    Fp6 operator-(const Fp6& o) const { return {a0 - o.a0, a1 - o.a1, a2 - o.a2}; }
    Fp6 operator-() const { return {-a0, -a1, -a2}; }
    Fp6 mul(const Fp6& o) const {
      F2 xi = Spec::xi();
      return {a0 * o.a0 + (a1 * o.a2 + a2 * o.a1) * xi, a0 * o.a1 + a1 * o.a0 + a2 * o.a2 * xi,
              a0 * o.a2 + a1 * o.a1 + a2 * o.a0};
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
