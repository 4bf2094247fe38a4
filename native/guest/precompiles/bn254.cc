#include "guest/precompiles/bn254.h"

#include <cstring>

#include "guest/precompiles/bn254_curve.h"

namespace oneproof::guest::precompiles {
namespace bn254 {

const uint8_t kOrder[32] = {0x30, 0x64, 0x4e, 0x72, 0xe1, 0x31, 0xa0, 0x29, 0xb8, 0x50, 0x45,
                            0xb6, 0x81, 0x81, 0x58, 0x5d, 0x28, 0x33, 0xe8, 0x48, 0x79, 0xb9,
                            0x70, 0x91, 0x43, 0xe1, 0xf5, 0x93, 0xf0, 0x00, 0x00, 0x01};

Fq2 G2Curve::b() {
  static const Fq2 b = Fq2{Fq::from_u32(3), Fq::zero()} * Fq12Spec::xi().inverse();
  return b;
}

namespace {

// 6u + 2 for the BN parameter u = 4965661367192848881: the optimal ate loop count.
constexpr uint64_t kAteLoopCount = 0x9D797039BE763BA8ull;  // low 64 bits; bit 64 is set too
constexpr int kAteLoopBits = 65;
bool ate_bit(int i) { return i == 64 ? true : ((kAteLoopCount >> i) & 1); }

// (p - 1) / 6: xi^((p-1)/6) generates every Frobenius constant needed here.
constexpr std::array<uint32_t, 8> kPMinus1Over6 = {0x2414D4E1, 0x34B01759, 0xE6BDA1C2, 0xEE9591C2,
                                                   0xC0403964, 0xF40D60F3, 0xD032F006, 0x0810B7BD};
// (p^4 - p^2 + 1) / r: the "hard part" of the final exponentiation.
constexpr std::array<uint32_t, 24> kHardExponent = {
    0xCCDF42B1, 0xE81BB482, 0xF49C36D4, 0x5ABF5CC4, 0x1DA014FD, 0xF1154E7E, 0x87CDBACF, 0xDCC7B44C,
    0x954BCF8A, 0xAAA441E3, 0xD5095F23, 0x6B887D56, 0xF3FD90C6, 0x79581E16, 0xD189227D, 0x3B1B1355,
    0x61876F6B, 0x4E529A58, 0xD5B12278, 0x6C0EB522, 0x83177FAF, 0x331EC151, 0x0B0759AD, 0x01BAAA71};

struct Frobenius {
  Fq2 g2, g3;                  // xi^((p-1)/3), xi^((p-1)/2): the twist's Frobenius on x and y
  std::array<Fq2, 6> p2;       // xi^(i(p^2-1)/6): the p^2 Frobenius on Fp12 coefficients
};
const Frobenius& frobenius() {
  static const Frobenius f = [] {
    Frobenius r;
    Fq2 g = Fq12Spec::xi().pow(kPMinus1Over6);
    r.g2 = g.square();
    r.g3 = r.g2 * g;
    Fq2 gp2 = g * g.conjugate();  // xi^((p-1)/6 * (p+1))
    r.p2[0] = Fq2::one();
    for (int i = 1; i < 6; ++i) r.p2[i] = r.p2[i - 1] * gp2;
    return r;
  }();
  return f;
}

// The p-power Frobenius endomorphism carried to the twist.
G2Affine twist_frobenius(const G2Affine& q) {
  const Frobenius& f = frobenius();
  return {q.x.conjugate() * f.g2, q.y.conjugate() * f.g3, q.infinity};
}

// The line through the untwisted T with slope lambda*w, evaluated at P:
// yP - lambda*xP*w + (lambda*xT - yT)*w^3.
Fq12 line(const Fq2& lambda, const G2Affine& t, const G1Affine& p) {
  Fq12 l = Fq12::zero();
  l.c[0] = Fq2{p.y, Fq::zero()};
  l.c[1] = -(lambda * p.x);
  l.c[3] = lambda * t.x - t.y;
  return l;
}

// T <- 2T, returning the tangent line at P (T is never of order 2: r is odd).
Fq12 double_step(G2Affine& t, const G1Affine& p) {
  Fq2 xx = t.x.square();
  Fq2 lambda = (xx + xx + xx) * t.y.dbl().inverse();
  Fq12 l = line(lambda, t, p);
  Fq2 x3 = lambda.square() - t.x.dbl();
  t.y = lambda * (t.x - x3) - t.y;
  t.x = x3;
  return l;
}

// T <- T + Q, returning the chord at P; vertical chords (T = -Q) vanish in the final exponentiation.
Fq12 add_step(G2Affine& t, const G2Affine& q, const G1Affine& p) {
  if (t.infinity) {
    t = q;
    return Fq12::one();
  }
  if (t.x == q.x) {
    if (t.y == q.y) return double_step(t, p);
    t.infinity = true;
    return Fq12::one();
  }
  Fq2 lambda = (q.y - t.y) * (q.x - t.x).inverse();
  Fq12 l = line(lambda, t, p);
  Fq2 x3 = lambda.square() - t.x - q.x;
  t.y = lambda * (t.x - x3) - t.y;
  t.x = x3;
  return l;
}

}  // namespace

Fq12 miller_loop(const G1Affine& p, const G2Affine& q) {
  if (p.infinity || q.infinity) return Fq12::one();
  G2Affine t = q;
  Fq12 f = Fq12::one();
  for (int i = kAteLoopBits - 2; i >= 0; --i) {
    f = f.square() * double_step(t, p);
    if (ate_bit(i)) f = f * add_step(t, q, p);
  }
  G2Affine q1 = twist_frobenius(q);
  G2Affine q2 = twist_frobenius(q1);
  q2.y = -q2.y;
  f = f * add_step(t, q1, p);
  f = f * add_step(t, q2, p);
  return f;
}

Fq12 final_exponentiation(const Fq12& f) {
  Fq12 easy = f.conjugate() * f.inverse();                               // f^(p^6 - 1)
  easy = easy.scale_coefficients(frobenius().p2) * easy;                 // ^(p^2 + 1)
  return easy.pow(kHardExponent);
}

}  // namespace bn254

namespace {
using namespace bn254;

// Copies `len` bytes at `offset` of the zero-padded input.
void read_padded(const uint8_t* in, size_t n, size_t offset, size_t len, uint8_t* out) {
  std::memset(out, 0, len);
  if (offset < n) std::memcpy(out, in + offset, n - offset < len ? n - offset : len);
}

bool all_zero(const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (p[i]) return false;
  return true;
}

// A G1 point from 64 bytes: both coordinates < p and on the curve, or (0, 0) for infinity.
bool decode_g1(const uint8_t* b, G1Affine& out) {
  if (all_zero(b, 64)) {
    out.infinity = true;
    return true;
  }
  if (!Fq::from_be(b, out.x) || !Fq::from_be(b + 32, out.y)) return false;
  out.infinity = false;
  return G1::on_curve(out.x, out.y);
}

// A G2 point from 128 bytes (x_im, x_re, y_im, y_re): on the twist and in the order-r subgroup.
bool decode_g2(const uint8_t* b, G2Affine& out) {
  if (all_zero(b, 128)) {
    out.infinity = true;
    return true;
  }
  if (!Fq::from_be(b, out.x.c1) || !Fq::from_be(b + 32, out.x.c0) || !Fq::from_be(b + 64, out.y.c1) ||
      !Fq::from_be(b + 96, out.y.c0))
    return false;
  out.infinity = false;
  if (!G2::on_curve(out.x, out.y)) return false;
  return G2::from_affine(out.x, out.y).mul(kOrder, 32).is_infinity();
}

void encode_g1(const G1& p, uint8_t out[64]) {
  Fq x, y;
  if (!p.to_affine(x, y)) {
    std::memset(out, 0, 64);
    return;
  }
  x.to_be(out);
  y.to_be(out + 32);
}

G1 to_jacobian(const G1Affine& a) { return a.infinity ? G1::infinity() : G1::from_affine(a.x, a.y); }

}  // namespace

bool bn254_add(const uint8_t* in, size_t n, uint8_t out[64]) {
  uint8_t buf[128];
  read_padded(in, n, 0, 128, buf);
  G1Affine a, b;
  if (!decode_g1(buf, a) || !decode_g1(buf + 64, b)) return false;
  encode_g1(to_jacobian(a) + to_jacobian(b), out);
  return true;
}

bool bn254_mul(const uint8_t* in, size_t n, uint8_t out[64]) {
  uint8_t buf[96];
  read_padded(in, n, 0, 96, buf);
  G1Affine a;
  if (!decode_g1(buf, a)) return false;
  encode_g1(to_jacobian(a).mul(buf + 64, 32), out);
  return true;
}

bool bn254_pairing(const uint8_t* in, size_t n, bool& result) {
  if (n % 192 != 0) return false;
  Fq12 f = Fq12::one();
  for (size_t off = 0; off < n; off += 192) {
    G1Affine p;
    G2Affine q;
    if (!decode_g1(in + off, p) || !decode_g2(in + off + 64, q)) return false;
    f = f * miller_loop(p, q);
  }
  result = final_exponentiation(f).is_one();
  return true;
}

}  // namespace oneproof::guest::precompiles
