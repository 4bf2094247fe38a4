// secp256k1 (SEC 2, section 2.4.1): the base field, the scalar field and the curve y^2 = x^3 + 7.
#pragma once
#include "guest/crypto/montgomery_field.h"
#include "guest/crypto/secp256k1_field.h"
#include "guest/crypto/weierstrass.h"

namespace oneproof::guest::crypto::secp256k1 {

struct BaseFieldSpec {
  static constexpr std::array<uint32_t, 8> kModulus = {0xFFFFFC2F, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF,
                                                       0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};
};
struct ScalarFieldSpec {
  static constexpr std::array<uint32_t, 8> kModulus = {0xD0364141, 0xBFD25E8C, 0xAF48A03B, 0xBAAEDCE6,
                                                       0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};
};
// Fq uses the special-form reduction; FqMontgomery is the generic field, kept to cross-check it.
using Fq = FieldElement;
using FqMontgomery = Fp<BaseFieldSpec>;
using Fn = Fp<ScalarFieldSpec>;

struct Curve {
  using Field = Fq;
  static constexpr bool kAIsZero = true;
  static Fq a() { return Fq::zero(); }
  static Fq b() { return Fq::from_u32(7); }
};
using CurvePoint = Point<Curve>;

// The generator G.
CurvePoint generator();

}  // namespace oneproof::guest::crypto::secp256k1
