// The BLS12-381 groups' generators, subgroup checks and the optimal ate pairing.
#include "guest/precompiles/bls12_381_curve.h"

namespace oneproof::guest::precompiles::bls12_381 {

const uint8_t kOrder[32] = {0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8,
                            0x08, 0x09, 0xa1, 0xd8, 0x05, 0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe,
                            0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01};

namespace {

Fq fq(const char* hex96) { return fq_from_hex(hex96); }

// |x| for the curve parameter x = -0xd201000000010000.
constexpr uint64_t kX = 0xd201000000010000ull;

// (p - 1) / 6 and the hard part (p^4 - p^2 + 1) / r of the final exponentiation.
constexpr std::array<uint32_t, 12> kPMinus1Over6 = {0xFFFFF1C7, 0x49AA7FFF, 0x72E35555, 0x051CAAAA,
                                                    0xD3C82906, 0xE688231A, 0x7DEB831F, 0xE613E1EB,
                                                    0xB5E1F223, 0x0C849BF3, 0x5EEAA66F, 0x045582FC};
constexpr std::array<uint32_t, 40> kHardExponent = {
    0x38E3BA79, 0xE516C3F4, 0xE208CCF1, 0xFA9912AA, 0x335D5B68, 0x905CE937, 0xB0DEA236, 0xC71A2629,
    0x996754C8, 0x83774940, 0xB6A1E799, 0x21D160AE, 0xED237DB4, 0x2ED0B283, 0x6C6F1821, 0x915C97F3,
    0xDE783765, 0x67F17FCB, 0x9096D1B7, 0x2378B903, 0x1BDC51DC, 0x7988F876, 0x03FC77A1, 0x20769950,
    0xA621315B, 0x827ECA0B, 0x8D63CB9F, 0xE5A72BCE, 0xC28B6F8A, 0xF68F7764, 0xCF081517, 0x2F230063,
    0x528D6A9A, 0x94506632, 0xEB996CA3, 0xD3CDE88E, 0x195C899E, 0xC0BD38C3, 0x3D807D01, 0x000F686B};

// xi^(i (p^2 - 1) / 6): the p^2 Frobenius on Fp12 coefficients.
const std::array<Fq2, 6>& frobenius_p2() {
  static const std::array<Fq2, 6> g = [] {
    Fq2 base = Fq12Spec::xi().pow(kPMinus1Over6);
    Fq2 step = base * base.conjugate();
    std::array<Fq2, 6> r;
    r[0] = Fq2::one();
    for (int i = 1; i < 6; ++i) r[i] = r[i - 1] * step;
    return r;
  }();
  return g;
}

struct Affine2 { Fq2 x, y; };

// The line through the untwisted T with twist slope lambda, at P, scaled by w^3 (which lies in
// Fp4 and vanishes in the final exponentiation): (lambda xT - yT) - lambda xP w^2 + yP w^3.
Fq12 line(const Fq2& lambda, const Affine2& t, const Fq& px, const Fq& py) {
  Fq12 l = Fq12::zero();
  l.c[0] = lambda * t.x - t.y;
  l.c[2] = -(lambda * px);
  l.c[3] = Fq2{py, Fq::zero()};
  return l;
}

}  // namespace

Fq fq_from_hex(const char* hex96) {
  uint8_t be[48];
  for (int i = 0; i < 48; ++i) {
    auto nib = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    be[i] = uint8_t(nib(hex96[2 * i]) << 4 | nib(hex96[2 * i + 1]));
  }
  Fq r;
  Fq::from_be(be, r);
  return r;
}

G1 g1_generator() {
  return G1::from_affine(fq("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
                         fq("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"));
}

G2 g2_generator() {
  return G2::from_affine(
      {fq("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"),
       fq("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e")},
      {fq("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801"),
       fq("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be")});
}

bool in_subgroup(const G1& p) { return p.mul(kOrder, 32).is_infinity(); }
bool in_subgroup(const G2& q) { return q.mul(kOrder, 32).is_infinity(); }

Fq12 miller_loop(const G1& p_in, const G2& q_in) {
  Fq px, py;
  Fq2 qx, qy;
  if (!p_in.to_affine(px, py) || !q_in.to_affine(qx, qy)) return Fq12::one();
  Affine2 q{qx, qy}, t = q;
  Fq12 f = Fq12::one();
  // Bits of |x| below the leading one. T never reaches infinity: |x| < r.
  for (int i = 62; i >= 0; --i) {
    Fq2 xx = t.x.square();
    Fq2 lambda = (xx + xx + xx) * t.y.dbl().inverse();
    f = f.square() * line(lambda, t, px, py);
    Fq2 x3 = lambda.square() - t.x.dbl();
    t = {x3, lambda * (t.x - x3) - t.y};
    if ((kX >> i) & 1) {
      Fq2 lambda_add = (q.y - t.y) * (q.x - t.x).inverse();
      f = f * line(lambda_add, t, px, py);
      Fq2 xa = lambda_add.square() - t.x - q.x;
      t = {xa, lambda_add * (t.x - xa) - t.y};
    }
  }
  return f.conjugate();  // x < 0: f_{-|x|} = 1 / f_{|x|}, and 1/f equals conj(f) after the final exponentiation
}

Fq12 final_exponentiation(const Fq12& f) {
  Fq12 easy = f.conjugate() * f.inverse();                       // f^(p^6 - 1)
  easy = easy.scale_coefficients(frobenius_p2()) * easy;         // ^(p^2 + 1)
  return easy.pow(kHardExponent);
}

bool pairing_product_is_one(const G1* p, const G2* q, size_t n) {
  Fq12 f = Fq12::one();
  for (size_t i = 0; i < n; ++i) f = f * miller_loop(p[i], q[i]);
  return final_exponentiation(f).is_one();
}

}  // namespace oneproof::guest::precompiles::bls12_381
