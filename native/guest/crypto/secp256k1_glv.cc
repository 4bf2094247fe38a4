#include "guest/crypto/secp256k1_glv.h"

namespace oneproof::guest::crypto::secp256k1 {

const std::array<uint32_t, 8> kGlvLambda = {0x1B23BD72, 0xDF02967C, 0x20816678, 0x122E22EA,
                                            0x8812645A, 0xA5261C02, 0xC05C30E0, 0x5363AD4C};
const FieldElement kGlvBeta = FieldElement::from_limbs(
    {0x719501EE, 0xC1396C28, 0x12F58995, 0x9CF04975, 0xAC3434E9, 0x6E64479E, 0x657C0710, 0x7AE96A2B});

namespace {

// A reduced basis of the lattice {(x, y) : x + y * lambda = 0 (mod n)}: v1 = (a1, b1) and
// v2 = (a2, b2) with b1 < 0; a1 * b2 - a2 * b1 = n.
constexpr uint32_t kA1[4] = {0x9284EB15, 0xE86C90E4, 0xA7D46BCD, 0x3086D221};
constexpr uint32_t kMinusB1[4] = {0x0ABFE4C3, 0x6F547FA9, 0x010E8828, 0xE4437ED6};
constexpr uint32_t kA2[5] = {0x9D44CFD8, 0x57C1108D, 0xA8E2F3F6, 0x14CA50F7, 0x00000001};
constexpr const uint32_t* kB2 = kA1;
// g1 = round(2^384 * b2 / n) and g2 = round(2^384 * -b1 / n): c_i = round(k * g_i / 2^384)
// approximates the coordinates of k in the basis without a division.
constexpr uint32_t kG1[8] = {0x45DBB031, 0xE893209A, 0x71E8CA7F, 0x3DAA8A14,
                             0x9284EB15, 0xE86C90E4, 0xA7D46BCD, 0x3086D221};
constexpr uint32_t kG2[8] = {0x8AC47F71, 0x1571B4AE, 0x9DF506C6, 0x221208AC,
                             0x0ABFE4C4, 0x6F547FA9, 0x010E8828, 0xE4437ED6};

using Wide = std::array<uint32_t, kGlvLimbs>;  // two's complement, modulo 2^320

// round(k * g / 2^384), at most 5 limbs.
void rounded_quotient(const std::array<uint32_t, 8>& k, const uint32_t g[8], uint32_t c[5]) {
  uint32_t t[16];
  wide::mul<8>(t, k.data(), g);
  uint64_t carry = t[11] >> 31;  // the bit just below 2^384 rounds to nearest
  for (size_t i = 0; i < 4; ++i) {
    carry += t[12 + i];
    c[i] = uint32_t(carry);
    carry >>= 32;
  }
  c[4] = uint32_t(carry);
}

// acc += x * y (or acc -= x * y), schoolbook into kGlvLimbs limbs.
void mul_add(Wide& acc, const uint32_t* x, size_t nx, const uint32_t* y, size_t ny, bool subtract) {
  Wide prod{};
  for (size_t i = 0; i < nx; ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < ny && i + j < kGlvLimbs; ++j) {
      carry += uint64_t(x[i]) * y[j] + prod[i + j];
      prod[i + j] = uint32_t(carry);
      carry >>= 32;
    }
    if (i + ny < kGlvLimbs) prod[i + ny] = uint32_t(carry);
  }
  if (subtract) limbs::sub<kGlvLimbs>(acc.data(), acc.data(), prod.data());
  else limbs::add<kGlvLimbs>(acc.data(), acc.data(), prod.data());
}

SignedScalar to_signed(const Wide& w) {
  SignedScalar s;
  s.negative = w[kGlvLimbs - 1] >> 31;
  s.magnitude = w;
  if (s.negative) {
    Wide zero{};
    limbs::sub<kGlvLimbs>(s.magnitude.data(), zero.data(), w.data());
  }
  return s;
}

}  // namespace

void glv_split(const std::array<uint32_t, 8>& k, SignedScalar& k1, SignedScalar& k2) {
  uint32_t c1[5], c2[5];
  rounded_quotient(k, kG1, c1);
  rounded_quotient(k, kG2, c2);
  // k1 = k - c1 a1 - c2 a2 and k2 = -c1 b1 - c2 b2, exactly: (k1, k2) = (k, 0) - c1 v1 - c2 v2, and
  // both basis vectors map to 0 mod n, so k1 + k2 lambda = k (mod n) whatever c1, c2 are.
  Wide w1{}, w2{};
  for (size_t i = 0; i < 8; ++i) w1[i] = k[i];
  mul_add(w1, c1, 5, kA1, 4, true);
  mul_add(w1, c2, 5, kA2, 5, true);
  mul_add(w2, c1, 5, kMinusB1, 4, false);
  mul_add(w2, c2, 5, kB2, 4, true);
  k1 = to_signed(w1);
  k2 = to_signed(w2);
}

}  // namespace oneproof::guest::crypto::secp256k1
