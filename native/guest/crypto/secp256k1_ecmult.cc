#include "guest/crypto/secp256k1_ecmult.h"

#include "guest/crypto/secp256k1_g_table.h"
#include "guest/crypto/secp256k1_glv.h"
#include "guest/crypto/secp256k1_wnaf.h"

namespace oneproof::guest::crypto::secp256k1 {

namespace {

constexpr size_t kPTableSize = size_t(1) << (kPWindow - 2);
constexpr size_t kMaxDigits = 32 * kGlvLimbs + 16;  // wnaf() needs 32 * limbs + w entries

// P, 3P, ..., (2 kPTableSize - 1) P with one common Jacobian Z, returned as the affine points of the
// isomorphic curve with factor zg: an entry (x, y) stands for (x / zg^2, y / zg^3) on secp256k1.
// Built as in libsecp256k1's odd-multiples table: on the curve isomorphic by D.z, D = 2P is affine,
// so each (2i + 1) P = (2i - 1) P + D is a mixed addition whose Z ratio H rescales the others.
void odd_multiples_shared_z(const AffinePoint& p, AffinePoint table[kPTableSize], Fq& zg) {
  JacobianPoint d = JacobianPoint::from_affine(p).dbl();
  Fq zz = d.z.square();
  AffinePoint d_affine{d.x, d.y};
  JacobianPoint t[kPTableSize];
  Fq ratio[kPTableSize];
  t[0] = JacobianPoint{p.x * zz, p.y * zz * d.z, Fq::one()};
  // (2i - 1) P is never +-2P (that needs n | 2i + 1 or n | 2i - 3, and n is a prime far above
  // 2 kPTableSize), nor infinity, so the addition needs no special cases.
  for (size_t i = 1; i < kPTableSize; ++i) t[i] = t[i - 1].add_affine_with_ratio(d_affine, ratio[i]);
  // t[j].z = ratio[1] * ... * ratio[j]; scale entry j by rho = t[last].z / t[j].z.
  constexpr size_t last = kPTableSize - 1;
  table[last] = AffinePoint{t[last].x, t[last].y};
  Fq rho = Fq::one();
  for (size_t j = last; j-- > 0;) {
    rho = rho * ratio[j + 1];
    Fq rho2 = rho.square();
    table[j] = AffinePoint{t[j].x * rho2, t[j].y * rho2 * rho};
  }
  zg = d.z * t[last].z;
}

// The table entry for an odd non-zero digit d: table[(|d| - 1) / 2] (the addition negates it for d < 0).
const AffinePoint& entry(const AffinePoint* table, int d) { return table[((d > 0 ? d : -d) - 1) / 2]; }

}  // namespace

JacobianPoint mul_g_and_point(const std::array<uint32_t, 8>& u1, const AffinePoint& p,
                              const std::array<uint32_t, 8>& u2) {
  // u1 G = k0 G + k1 (lambda G), u2 P = k2 P + k3 (lambda P).
  SignedScalar k[4];
  glv_split(u1, k[0], k[1]);
  glv_split(u2, k[2], k[3]);
  int16_t digits[4][kMaxDigits];
  size_t len[4];
  for (size_t i = 0; i < 2; ++i) len[i] = wnaf<kGlvLimbs, kGWindow>(digits[i], k[i].magnitude.data(), k[i].negative);
  for (size_t i = 2; i < 4; ++i) len[i] = wnaf<kGlvLimbs, kPWindow>(digits[i], k[i].magnitude.data(), k[i].negative);

  AffinePoint table[kPTableSize], lambda_table[kPTableSize];
  Fq zg;
  odd_multiples_shared_z(p, table, zg);
  // lambda (x, y) = (beta x, y) commutes with the isomorphism, so it applies to the table as is.
  for (size_t i = 0; i < kPTableSize; ++i) lambda_table[i] = AffinePoint{table[i].x * kGlvBeta, table[i].y};

  // The accumulator lives on the isomorphic curve of the P table; G's entries are mapped there
  // on the fly (add_affine_scaled_in_place), and the result is mapped back by Z * zg at the end.
  size_t top = 0;
  for (size_t l : len) top = l > top ? l : top;
  auto digit = [&](size_t s, size_t i) -> int { return i < len[s] ? digits[s][i] : 0; };
  JacobianPoint acc;
  for (size_t i = top; i-- > 0;) {
    acc.double_in_place();
    if (int d = digit(2, i)) acc.add_affine_in_place(entry(table, d), d < 0);
    if (int d = digit(3, i)) acc.add_affine_in_place(entry(lambda_table, d), d < 0);
    if (int d = digit(0, i)) acc.add_affine_scaled_in_place(entry(kGOddMultiples, d), zg, d < 0);
    if (int d = digit(1, i)) acc.add_affine_scaled_in_place(entry(kLambdaGOddMultiples, d), zg, d < 0);
  }
  acc.z = acc.z * zg;
  return acc;
}

}  // namespace oneproof::guest::crypto::secp256k1
