#include "guest/precompiles/bls12_381.h"

#include <cstring>
#include <vector>

#include "guest/precompiles/bls12_381_curve.h"

namespace oneproof::guest::precompiles {
namespace {
using namespace bls12_381;

// 64-byte EIP-2537 field element: 16 zero bytes, then a 48-byte value below p.
bool decode_fq(const uint8_t* b, Fq& out) {
  for (int i = 0; i < 16; ++i)
    if (b[i]) return false;
  return Fq::from_be(b + 16, out);
}
void encode_fq(const Fq& v, uint8_t* out) {
  std::memset(out, 0, 16);
  v.to_be(out + 16);
}

bool all_zero(const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (p[i]) return false;
  return true;
}

bool decode_g1(const uint8_t* b, bool subgroup, G1& out) {
  Fq x, y;
  if (!decode_fq(b, x) || !decode_fq(b + 64, y)) return false;
  if (x.is_zero() && y.is_zero()) {
    out = G1::infinity();
    return true;
  }
  if (!G1::on_curve(x, y)) return false;
  out = G1::from_affine(x, y);
  return !subgroup || in_subgroup(out);
}

bool decode_g2(const uint8_t* b, bool subgroup, G2& out) {
  Fq2 x, y;
  if (!decode_fq(b, x.c0) || !decode_fq(b + 64, x.c1) || !decode_fq(b + 128, y.c0) || !decode_fq(b + 192, y.c1))
    return false;
  if (x.is_zero() && y.is_zero()) {
    out = G2::infinity();
    return true;
  }
  if (!G2::on_curve(x, y)) return false;
  out = G2::from_affine(x, y);
  return !subgroup || in_subgroup(out);
}

void encode_g1(const G1& p, uint8_t out[128]) {
  Fq x, y;
  if (!p.to_affine(x, y)) {
    std::memset(out, 0, 128);
    return;
  }
  encode_fq(x, out);
  encode_fq(y, out + 64);
}

void encode_g2(const G2& p, uint8_t out[256]) {
  Fq2 x, y;
  if (!p.to_affine(x, y)) {
    std::memset(out, 0, 256);
    return;
  }
  encode_fq(x.c0, out);
  encode_fq(x.c1, out + 64);
  encode_fq(y.c0, out + 128);
  encode_fq(y.c1, out + 192);
}

}  // namespace

bool bls12_g1add(const uint8_t* in, size_t n, uint8_t out[128]) {
  G1 a, b;
  if (n != 256 || !decode_g1(in, false, a) || !decode_g1(in + 128, false, b)) return false;
  encode_g1(a + b, out);
  return true;
}

bool bls12_g2add(const uint8_t* in, size_t n, uint8_t out[256]) {
  G2 a, b;
  if (n != 512 || !decode_g2(in, false, a) || !decode_g2(in + 256, false, b)) return false;
  encode_g2(a + b, out);
  return true;
}

bool bls12_g1msm(const uint8_t* in, size_t n, uint8_t out[128]) {
  if (n == 0 || n % 160 != 0) return false;
  G1 sum;
  for (size_t off = 0; off < n; off += 160) {
    G1 p;
    if (!decode_g1(in + off, true, p)) return false;
    if (!all_zero(in + off + 128, 32)) sum = sum + p.mul(in + off + 128, 32);
  }
  encode_g1(sum, out);
  return true;
}

bool bls12_g2msm(const uint8_t* in, size_t n, uint8_t out[256]) {
  if (n == 0 || n % 288 != 0) return false;
  G2 sum;
  for (size_t off = 0; off < n; off += 288) {
    G2 q;
    if (!decode_g2(in + off, true, q)) return false;
    if (!all_zero(in + off + 256, 32)) sum = sum + q.mul(in + off + 256, 32);
  }
  encode_g2(sum, out);
  return true;
}

bool bls12_pairing_check(const uint8_t* in, size_t n, bool& result) {
  if (n == 0 || n % 384 != 0) return false;
  std::vector<G1> ps;
  std::vector<G2> qs;
  for (size_t off = 0; off < n; off += 384) {
    G1 p;
    G2 q;
    if (!decode_g1(in + off, true, p) || !decode_g2(in + off + 128, true, q)) return false;
    ps.push_back(p);
    qs.push_back(q);
  }
  result = pairing_product_is_one(ps.data(), qs.data(), ps.size());
  return true;
}

}  // namespace oneproof::guest::precompiles
