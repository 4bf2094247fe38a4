// BLS12-381 as EIP-2537 and EIP-4844 use it: G1 over Fp (y^2 = x^3 + 4), G2 on the M-type sextic
// twist over Fp2 (y^2 = x^3 + 4(1 + u)), and the optimal ate pairing with parameter
// x = -0xd201000000010000.
#pragma once
#include "guest/crypto/fp12.h"
#include "guest/crypto/fp2.h"
#include "guest/crypto/montgomery_field.h"
#include "guest/crypto/weierstrass.h"

namespace oneproof::guest::precompiles::bls12_381 {

struct FieldSpec {
  static constexpr std::array<uint32_t, 12> kModulus = {0xFFFFAAAB, 0xB9FEFFFF, 0xB153FFFF, 0x1EABFFFE,
                                                        0xF6B0F624, 0x6730D2A0, 0xF38512BF, 0x64774B84,
                                                        0x434BACD7, 0x4B1BA7B6, 0x397FE69A, 0x1A0111EA};
};
using Fq = crypto::Fp<FieldSpec>;  // 48-byte elements
using Fq2 = crypto::Fp2<Fq>;

struct Fq12Spec {
  using F2 = Fq2;
  static Fq2 xi() { return {Fq::one(), Fq::one()}; }
};
using Fq12 = crypto::Fp12<Fq12Spec>;

struct G1Curve {
  using Field = Fq;
  static constexpr bool kAIsZero = true;
  static Fq a() { return Fq::zero(); }
  static Fq b() { return Fq::from_u32(4); }
};
struct G2Curve {
  using Field = Fq2;
  static constexpr bool kAIsZero = true;
  static Fq2 a() { return Fq2::zero(); }
  static Fq2 b() { return {Fq::from_u32(4), Fq::from_u32(4)}; }
};
using G1 = crypto::Point<G1Curve>;
using G2 = crypto::Point<G2Curve>;

// The group order r, big-endian.
extern const uint8_t kOrder[32];

// A field element from 96 hex digits (a constant of this code: no validation).
Fq fq_from_hex(const char* hex96);

G1 g1_generator();
G2 g2_generator();

bool in_subgroup(const G1& p);
bool in_subgroup(const G2& q);

// The Miller loop of one pair (affine inputs; infinity gives 1) and the final exponentiation.
Fq12 miller_loop(const G1& p, const G2& q);
Fq12 final_exponentiation(const Fq12& f);
// prod e(p_i, q_i) == 1.
bool pairing_product_is_one(const G1* p, const G2* q, size_t n);

}  // namespace oneproof::guest::precompiles::bls12_381
