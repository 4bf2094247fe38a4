#include "guest/crypto/secp256k1_modinv.h"

namespace oneproof::guest::crypto::secp256k1 {

namespace {

constexpr uint32_t kMask30 = 0x3FFFFFFF;

// A signed integer as 9 limbs of 30 bits: v[0..7] in [0, 2^30), v[8] signed (270 bits in all).
struct Signed30 {
  int32_t v[9];
};

Signed30 to_signed30(const std::array<uint32_t, 8>& x) {
  Signed30 r{};
  for (int i = 0; i < 9; ++i) {
    int bit = 30 * i, limb = bit / 32, shift = bit % 32;
    uint64_t w = x[limb] >> shift;
    if (limb + 1 < 8 && shift > 2) w |= uint64_t(x[limb + 1]) << (32 - shift);
    r.v[i] = int32_t(uint32_t(w) & kMask30);
  }
  return r;
}

// For a normalized value in [0, 2^256).
std::array<uint32_t, 8> from_signed30(const Signed30& x) {
  std::array<uint32_t, 8> r{};
  for (int i = 0; i < 9; ++i) {
    int bit = 30 * i, limb = bit / 32, shift = bit % 32;
    uint64_t w = uint64_t(uint32_t(x.v[i])) << shift;
    r[limb] |= uint32_t(w);
    if (limb + 1 < 8) r[limb + 1] |= uint32_t(w >> 32);
  }
  return r;
}

bool is_zero(const Signed30& x) {
  int32_t any = 0;
  for (int32_t w : x.v) any |= w;
  return any == 0;
}

// x += m (sign = 1) or x -= m (sign = -1), keeping limbs 0..7 in [0, 2^30).
void add_multiple(Signed30& x, const Signed30& m, int32_t sign) {
  int64_t carry = 0;
  for (int i = 0; i < 8; ++i) {
    carry += int64_t(x.v[i]) + int64_t(sign) * m.v[i];
    x.v[i] = int32_t(carry & kMask30);
    carry >>= 30;
  }
  x.v[8] = int32_t(carry + x.v[8] + int64_t(sign) * m.v[8]);
}

// x from (-m, 2m) into [0, m).
void normalize(Signed30& x, const Signed30& m) {
  if (x.v[8] < 0) {
    add_multiple(x, m, 1);
    return;
  }
  Signed30 t = x;
  add_multiple(t, m, -1);
  if (t.v[8] >= 0) x = t;
}

// The matrix of 30 divsteps, scaled by 2^30: 2^30 (f', g') = (u f + v g, q f + r g).
struct Transition {
  int32_t u, v, q, r;
};

// 30 divsteps on the low 32 bits of f (odd) and g: each step halves g, so after step i only the
// low 32 - i bits are exact, still enough for the parity decisions of all 30 steps.
int32_t divsteps_30(int32_t delta, uint32_t f, uint32_t g, Transition& t) {
  int32_t u = 1, v = 0, q = 0, r = 1;  // rows: f = (u, v), g = (q, r)
  for (int left = 30; left > 0;) {
    if (!(g & 1)) {  // a run of even g: halve it, doubling the f row instead (k steps at once)
      int k = g ? __builtin_ctz(g) : left;
      if (k > left) k = left;
      g >>= k;
      u = int32_t(uint32_t(u) << k);
      v = int32_t(uint32_t(v) << k);
      delta += k;
      left -= k;
      continue;
    }
    if (delta > 0) {  // (f, g) = (g, (g - f) / 2)
      delta = 1 - delta;
      uint32_t old_f = f;
      f = g;
      g = (g - old_f) >> 1;
      int32_t nu = 2 * q, nv = 2 * r;
      q -= u;
      r -= v;
      u = nu;
      v = nv;
    } else {  // (f, g) = (f, (g + f) / 2)
      delta = 1 + delta;
      g = (g + f) >> 1;
      q += u;
      r += v;
      u *= 2;
      v *= 2;
    }
    --left;
  }
  t = Transition{u, v, q, r};
  return delta;
}

// (f, g) = T (f, g) / 2^30: exact, the low 30 bits of both sums are zero by construction.
void update_fg(Signed30& f, Signed30& g, const Transition& t) {
  int64_t cf = int64_t(t.u) * f.v[0] + int64_t(t.v) * g.v[0];
  int64_t cg = int64_t(t.q) * f.v[0] + int64_t(t.r) * g.v[0];
  cf >>= 30;
  cg >>= 30;
  for (int i = 1; i < 9; ++i) {
    cf += int64_t(t.u) * f.v[i] + int64_t(t.v) * g.v[i];
    cg += int64_t(t.q) * f.v[i] + int64_t(t.r) * g.v[i];
    f.v[i - 1] = int32_t(cf & kMask30);
    g.v[i - 1] = int32_t(cg & kMask30);
    cf >>= 30;
    cg >>= 30;
  }
  f.v[8] = int32_t(cf);
  g.v[8] = int32_t(cg);
}

// (d, e) = T (d, e) / 2^30 mod m, for d, e in [0, m): adds the multiples md m, me m (0 <= md, me
// < 2^30) that make the sums divisible by 2^30, which leaves them in (-m, 2m), then normalizes.
void update_de(Signed30& d, Signed30& e, const Transition& t, const Signed30& m, uint32_t m_inv30) {
  int64_t cd = int64_t(t.u) * d.v[0] + int64_t(t.v) * e.v[0];
  int64_t ce = int64_t(t.q) * d.v[0] + int64_t(t.r) * e.v[0];
  int32_t md = int32_t((0u - uint32_t(cd)) * m_inv30 & kMask30);
  int32_t me = int32_t((0u - uint32_t(ce)) * m_inv30 & kMask30);
  cd = (cd + int64_t(md) * m.v[0]) >> 30;
  ce = (ce + int64_t(me) * m.v[0]) >> 30;
  for (int i = 1; i < 9; ++i) {
    cd += int64_t(t.u) * d.v[i] + int64_t(t.v) * e.v[i] + int64_t(md) * m.v[i];
    ce += int64_t(t.q) * d.v[i] + int64_t(t.r) * e.v[i] + int64_t(me) * m.v[i];
    d.v[i - 1] = int32_t(cd & kMask30);
    e.v[i - 1] = int32_t(ce & kMask30);
    cd >>= 30;
    ce >>= 30;
  }
  d.v[8] = int32_t(cd);
  e.v[8] = int32_t(ce);
  normalize(d, m);
  normalize(e, m);
}

}  // namespace

std::array<uint32_t, 8> inverse_mod_divsteps(const std::array<uint32_t, 8>& x, const InverseModulus& modulus) {
  Signed30 m = to_signed30(modulus.m);
  Signed30 f = m, g = to_signed30(x), d{}, e{};
  if (is_zero(g)) return {};
  e.v[0] = 1;
  // Invariant: f = d x and g = e x (mod m). The loop ends (within 742 divsteps for 256-bit
  // inputs, Bernstein-Yang theorem 11.2) with g = 0 and f = +-gcd = +-1, so x^-1 = +-d.
  int32_t delta = 1;
  while (!is_zero(g)) {
    Transition t;
    uint32_t f_low = uint32_t(f.v[0]) | uint32_t(f.v[1]) << 30;
    uint32_t g_low = uint32_t(g.v[0]) | uint32_t(g.v[1]) << 30;
    delta = divsteps_30(delta, f_low, g_low, t);
    update_fg(f, g, t);
    update_de(d, e, t, m, modulus.m_inv30);
  }
  if (f.v[8] < 0 && !is_zero(d)) {  // f = -1: x^-1 = -d = m - d
    Signed30 r = m;
    add_multiple(r, d, -1);
    d = r;
  }
  return from_signed30(d);
}

}  // namespace oneproof::guest::crypto::secp256k1
