// BN254 (alt_bn128) as EIP-196/197 define it: G1 over Fp (y^2 = x^3 + 3), G2 on the D-type
// sextic twist over Fp2 (y^2 = x^3 + 3/xi, xi = 9 + u), and the optimal ate pairing.
#pragma once
#include "guest/crypto/fp12.h"
#include "guest/crypto/fp2.h"
#include "guest/crypto/montgomery_field.h"
#include "guest/crypto/weierstrass.h"

namespace oneproof::guest::precompiles::bn254 {

struct FieldSpec {
  static constexpr std::array<uint32_t, 8> kModulus = {0xD87CFD47, 0x3C208C16, 0x6871CA8D, 0x97816A91,
                                                       0x8181585D, 0xB85045B6, 0xE131A029, 0x30644E72};
};
using Fq = crypto::Fp<FieldSpec>;
using Fq2 = crypto::Fp2<Fq>;

struct Fq12Spec {
  using F2 = Fq2;
  static Fq2 xi() { return {Fq::from_u32(9), Fq::one()}; }
};
using Fq12 = crypto::Fp12<Fq12Spec>;

struct G1Curve {
  using Field = Fq;
  static constexpr bool kAIsZero = true;
  static Fq a() { return Fq::zero(); }
  static Fq b() { return Fq::from_u32(3); }
};
struct G2Curve {
  using Field = Fq2;
  static constexpr bool kAIsZero = true;
  static Fq2 a() { return Fq2::zero(); }
  static Fq2 b();  // 3 / xi
};
using G1 = crypto::Point<G1Curve>;
using G2 = crypto::Point<G2Curve>;

// The group order r, big-endian.
extern const uint8_t kOrder[32];

struct G1Affine { Fq x, y; bool infinity = true; };
struct G2Affine { Fq2 x, y; bool infinity = true; };

// The product of the Miller loops of all pairs, then one final exponentiation.
Fq12 miller_loop(const G1Affine& p, const G2Affine& q);
Fq12 final_exponentiation(const Fq12& f);

}  // namespace oneproof::guest::precompiles::bn254
