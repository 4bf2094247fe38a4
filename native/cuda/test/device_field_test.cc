// CPU-only checks of the CUDA backend's device code, compiled here as host code: the KoalaBear
// arithmetic (device_field.h) against field/koalabear.h, the constant image (raw_params.h) against
// native/hash's tables, the Poseidon2 / sponge / compression / grinding steps
// (device_poseidon2.h) against native/hash and native/challenger, and the NTT steps
// (device_ntt.h, driven in loops the way ntt.cu launches them) against native/ntt. Needs no GPU.
#include <cstdio>
#include <random>
#include <vector>

#include "challenger/challenger.h"
#include "common/test.h"
#include "cuda/device_field.h"
#include "cuda/device_ntt.h"
#include "cuda/device_poseidon2.h"
#include "cuda/raw_params.h"
#include "field/koalabear.h"
#include "field/matrix.h"
#include "hash/poseidon2.h"
#include "hash/poseidon2_constants.h"
#include "hash/sponge.h"
#include "ntt/ntt.h"
#include "ntt/twiddles.h"

namespace field = oneproof::field;
namespace hash = oneproof::hash;
namespace ntt = oneproof::ntt;
namespace dev = oneproof::cuda::dev;
using field::Fp;
using field::Fp4;
using field::Matrix;

namespace {

// Random canonical Montgomery words, with the edge values 0, 1, p - 1 (and their Montgomery forms) first.
std::vector<uint32_t> sample_words(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> v = {0, 1, field::P - 1, Fp::one().v, (-Fp::one()).v, 2, field::P / 2};
  while (v.size() < n) v.push_back(uint32_t(rng() % field::P));
  return v;
}

Fp fp(uint32_t word) { return Fp::from_monty(word); }

Fp4 to_fp4(const dev::Fp4& a) {
  Fp4 r;
  for (int i = 0; i < 4; ++i) r.c[i] = fp(a.c[i]);
  return r;
}

Matrix random_matrix(size_t width, size_t height, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Matrix m(width, height);
  for (auto& x : m.values) x = Fp::from_u32(uint32_t(rng() % field::P));
  return m;
}

uint32_t* words(Matrix& m) { return reinterpret_cast<uint32_t*>(m.values.data()); }

// ntt.cu's forward / inverse transform, step for step, in host loops. `divide_by_n` is the final
// 1/n of ntt_inverse (coset_lde skips it and folds 1/n into its factors).
void host_transform(Matrix& m, bool inverse, std::vector<uint32_t> tw, bool divide_by_n = true) {
  const size_t n = m.height, width = m.width;
  const unsigned log_n = unsigned(__builtin_ctzll(n));
  if (inverse) {
    std::vector<uint32_t> itw(n);
    for (size_t half = 1; half < n; half *= 2)
      for (size_t k = 0; k < half; ++k) itw[half + k] = dev::inverse_twiddle(tw.data(), half, k);
    tw = itw;
  }
  Matrix out(width, n);
  for (size_t t = 0; t < n * width; ++t) dev::bit_reverse_gather(words(m), words(out), width, log_n, t);
  for (size_t half = 1; half < n; half *= 2)
    for (size_t t = 0; t < n / 2 * width; ++t) dev::dit_butterfly(words(out), width, half, t, tw.data());
  if (inverse && divide_by_n) {
    const uint32_t inv_n = dev::inverse(dev::from_u32(uint32_t(n)));
    for (auto& x : out.values) x.v = dev::mul(x.v, inv_n);
  }
  m = out;
}

std::vector<uint32_t> twiddle_words(unsigned log_n) {
  auto table = ntt::twiddles(log_n);
  std::vector<uint32_t> tw(size_t(1) << log_n);
  for (size_t i = 0; i < tw.size(); ++i) tw[i] = (*table)[i].v;
  return tw;
}

// ntt.cu's coset_lde, step for step.
Matrix host_coset_lde(const Matrix& evals, unsigned log_blowup, Fp shift) {
  const size_t n = evals.height, width = evals.width;
  const unsigned log_n = unsigned(__builtin_ctzll(n)), log_big = log_n + log_blowup;
  const std::vector<uint32_t> tw_big = twiddle_words(log_big);
  Matrix coeffs = evals;
  host_transform(coeffs, true, {tw_big.begin(), tw_big.begin() + n}, false);
  std::vector<uint32_t> factor(n);  // shift^c / n
  factor[0] = dev::inverse(dev::from_u32(uint32_t(n)));
  for (size_t c = 1; c < n; ++c) factor[c] = dev::mul(factor[c - 1], shift.v);
  Matrix big(width, n << log_blowup);
  for (size_t t = 0; t < big.values.size(); ++t)
    dev::lde_gather(words(coeffs), factor.data(), words(big), width, n, log_big, t);
  for (size_t half = 1; half < big.height; half *= 2)
    for (size_t t = 0; t < big.height / 2 * width; ++t) dev::dit_butterfly(words(big), width, half, t, tw_big.data());
  return big;
}

}  // namespace

OP_TEST(field_constants_match_koalabear) {
  CHECK_EQ(dev::P, field::P);
  CHECK_EQ(dev::MU, field::detail::MU);
  CHECK_EQ(uint64_t(dev::R2), field::detail::R2);
  CHECK_EQ(dev::MONTY_ONE, Fp::one().v);
}

OP_TEST(base_field_ops_match_koalabear) {
  const auto xs = sample_words(400, 1), ys = sample_words(400, 2);
  for (uint32_t x : xs) {
    CHECK_EQ(dev::neg(x), (-fp(x)).v);
    CHECK_EQ(dev::to_u32(x), fp(x).to_u32());
    CHECK_EQ(dev::from_u32(x), Fp::from_u32(x).v);
    CHECK_EQ(dev::cube(x), (fp(x) * fp(x) * fp(x)).v);
    CHECK_EQ(dev::inverse(x), fp(x).inverse().v);
    CHECK_EQ(dev::pow(x, uint64_t(x) * 7 + 3), fp(x).pow(uint64_t(x) * 7 + 3).v);
    for (size_t j = 0; j < 40; ++j) {
      const uint32_t y = ys[(x + j) % ys.size()];
      CHECK_EQ(dev::add(x, y), (fp(x) + fp(y)).v);
      CHECK_EQ(dev::sub(x, y), (fp(x) - fp(y)).v);
      CHECK_EQ(dev::mul(x, y), (fp(x) * fp(y)).v);
    }
  }
  // from_u32 reduces any 32-bit integer, as Fp::from_u32 does.
  for (uint32_t x : {0xffffffffu, field::P, field::P + 5, 0x80000000u}) CHECK_EQ(dev::from_u32(x), Fp::from_u32(x).v);
}

OP_TEST(reductions_match_koalabear_at_the_bounds) {
  const uint64_t p = field::P;
  for (uint64_t x : {uint64_t(0), uint64_t(1), p, p * p - 1, (p - 1) * (p - 1), p * (uint64_t(1) << 32) - 1})
    CHECK_EQ(dev::monty_reduce(x), field::monty_reduce(x));
  for (uint64_t x : {uint64_t(0), 4 * (p - 1) * (p - 1), 3 * (p - 1) * (p - 1) + 12345, p * p})
    CHECK_EQ(dev::monty_reduce_sum4(x), field::monty_reduce_sum4(x));
}

OP_TEST(extension_ops_match_koalabear) {
  const auto w = sample_words(4 * 300, 3);
  for (size_t i = 0; i + 8 <= w.size(); i += 8) {
    const dev::Fp4 a{{w[i], w[i + 1], w[i + 2], w[i + 3]}}, b{{w[i + 4], w[i + 5], w[i + 6], w[i + 7]}};
    const Fp4 ra = to_fp4(a), rb = to_fp4(b);
    CHECK(to_fp4(dev::mul4(a, b)) == ra * rb);
    CHECK(to_fp4(dev::add4(a, b)) == ra + rb);
    CHECK(to_fp4(dev::sub4(a, b)) == ra - rb);
    CHECK(to_fp4(dev::scale4(a, b.c[2])) == ra * rb.c[2]);
  }
}

OP_TEST(constant_image_is_native_hash_tables) {
  namespace c = hash::poseidon2_constants;
  const auto& p16 = oneproof::cuda::RAW_PARAMS_16;
  const auto& p24 = oneproof::cuda::RAW_PARAMS_24;
  for (size_t r = 0; r < 4; ++r) {
    for (size_t i = 0; i < 16; ++i) {
      CHECK_EQ(p16.external_initial[r][i], hash::POSEIDON2_PARAMS_16.external_initial[r][i].v);
      CHECK_EQ(dev::to_u32(p16.external_initial[r][i]), c::RC16_EXTERNAL_INITIAL[r][i]);
      CHECK_EQ(dev::to_u32(p16.external_final[r][i]), c::RC16_EXTERNAL_FINAL[r][i]);
    }
    for (size_t i = 0; i < 24; ++i) {
      CHECK_EQ(dev::to_u32(p24.external_initial[r][i]), c::RC24_EXTERNAL_INITIAL[r][i]);
      CHECK_EQ(dev::to_u32(p24.external_final[r][i]), c::RC24_EXTERNAL_FINAL[r][i]);
    }
  }
  for (size_t r = 0; r < 20; ++r) CHECK_EQ(dev::to_u32(p16.internal[r]), c::RC16_INTERNAL[r]);
  for (size_t r = 0; r < 23; ++r) CHECK_EQ(dev::to_u32(p24.internal[r]), c::RC24_INTERNAL[r]);
  for (size_t i = 0; i < 16; ++i) CHECK_EQ(p16.diag[i], hash::POSEIDON2_PARAMS_16.diag[i].v);
  for (size_t i = 0; i < 24; ++i) CHECK_EQ(p24.diag[i], hash::POSEIDON2_PARAMS_24.diag[i].v);
}

OP_TEST(device_permutations_match_native_hash) {
  const auto w = sample_words(24 * 64, 4);
  for (size_t k = 0; k + 24 <= w.size(); k += 24) {
    uint32_t s16[16], s24[24];
    Fp r16[16], r24[24];
    for (size_t i = 0; i < 16; ++i) { s16[i] = w[k + i]; r16[i] = fp(w[k + i]); }
    for (size_t i = 0; i < 24; ++i) { s24[i] = w[k + i]; r24[i] = fp(w[k + i]); }
    dev::permute<16, 20>(s16, oneproof::cuda::RAW_PARAMS_16);
    dev::permute<24, 23>(s24, oneproof::cuda::RAW_PARAMS_24);
    hash::poseidon2_w16(r16);
    hash::poseidon2_w24(r24);
    for (size_t i = 0; i < 16; ++i) CHECK_EQ(s16[i], r16[i].v);
    for (size_t i = 0; i < 24; ++i) CHECK_EQ(s24[i], r24[i].v);
  }
}

OP_TEST(a_wrong_constant_is_detected) {
  // The comparison above can fail: one altered round constant changes the whole output.
  auto tampered = oneproof::cuda::RAW_PARAMS_16;
  tampered.internal[7] = dev::add(tampered.internal[7], dev::MONTY_ONE);
  uint32_t a[16] = {}, b[16] = {};
  dev::permute<16, 20>(a, oneproof::cuda::RAW_PARAMS_16);
  dev::permute<16, 20>(b, tampered);
  size_t same = 0;
  for (size_t i = 0; i < 16; ++i) same += a[i] == b[i];
  CHECK_EQ(same, size_t(0));
}

OP_TEST(sponge_and_compress_match_native_hash) {
  const auto w = sample_words(40, 5);
  for (size_t n = 0; n <= 33; ++n) {
    std::vector<Fp> row(n);
    for (size_t i = 0; i < n; ++i) row[i] = fp(w[i]);
    uint32_t digest[8];
    dev::hash_row(w.data(), n, digest, oneproof::cuda::RAW_PARAMS_16);
    const hash::Digest ref = hash::hash_row(row.data(), n);
    for (size_t i = 0; i < 8; ++i) CHECK_EQ(digest[i], ref[i].v);
  }
  hash::Digest left, right;
  for (size_t i = 0; i < 8; ++i) { left[i] = fp(w[i]); right[i] = fp(w[20 + i]); }
  uint32_t out[8];
  dev::compress(w.data(), w.data() + 20, out, oneproof::cuda::RAW_PARAMS_16);
  const hash::Digest ref = hash::compress(left, right);
  for (size_t i = 0; i < 8; ++i) CHECK_EQ(out[i], ref[i].v);
}

OP_TEST(grinding_rule_matches_challenger) {
  // For transcripts with 3 and with 8 + 5 observed elements, the device rule must accept the
  // challenger's witness and reject every smaller candidate.
  const auto w = sample_words(32, 6);
  for (size_t observed : {size_t(3), size_t(13)}) {
    for (unsigned bits : {1u, 6u, 9u}) {
      oneproof::challenger::Challenger ch;
      for (size_t i = 0; i < observed; ++i) ch.observe(fp(w[i]));
      // The sponge state grind starts from: a full rate of 8 was absorbed, the rest is pending.
      uint32_t base[16] = {};
      size_t pending_from = 0;
      if (observed >= 8) {
        Fp s[16] = {};
        for (size_t i = 0; i < 8; ++i) s[i] = fp(w[i]);
        hash::poseidon2_w16(s);
        for (size_t i = 0; i < 16; ++i) base[i] = s[i].v;
        pending_from = 8;
      }
      for (size_t i = pending_from; i < observed; ++i) base[i - pending_from] = w[i];
      const size_t slot = observed - pending_from;
      const uint32_t mask = (1u << bits) - 1;
      const uint32_t witness = ch.grind(bits).to_u32();
      CHECK(dev::grinding_witness_ok(base, slot, witness, mask, oneproof::cuda::RAW_PARAMS_16));
      for (uint32_t c = 0; c < witness; ++c)
        CHECK(!dev::grinding_witness_ok(base, slot, c, mask, oneproof::cuda::RAW_PARAMS_16));
    }
  }
}

OP_TEST(ntt_steps_match_native_ntt) {
  for (unsigned log_n : {0u, 1u, 3u, 6u}) {
    for (size_t width : {size_t(1), size_t(5), size_t(16)}) {
      const size_t n = size_t(1) << log_n;
      Matrix m = random_matrix(width, n, log_n * 100 + width);
      Matrix ours = m, ref = m;
      host_transform(ours, false, twiddle_words(log_n));
      ntt::forward(ref);
      CHECK(ours == ref);
      host_transform(ours, true, twiddle_words(log_n));
      ntt::inverse(ref);
      CHECK(ours == ref);
      CHECK(ours == m);
    }
  }
}

OP_TEST(coset_lde_steps_match_native_ntt) {
  const Fp shift = Fp::from_u32(field::MULTIPLICATIVE_GENERATOR);
  for (unsigned log_n : {0u, 2u, 5u}) {
    for (unsigned log_blowup : {0u, 1u, 3u}) {
      Matrix evals = random_matrix(7, size_t(1) << log_n, log_n * 10 + log_blowup);
      CHECK(host_coset_lde(evals, log_blowup, shift) == ntt::coset_lde(evals, log_blowup, shift));
      CHECK(host_coset_lde(evals, log_blowup, Fp::from_u32(11)) == ntt::coset_lde(evals, log_blowup, Fp::from_u32(11)));
    }
  }
}

OP_TEST(a_wrong_twiddle_is_detected) {
  Matrix m = random_matrix(3, 16, 9), ref = m;
  auto tw = twiddle_words(4);
  tw[8 + 3] = dev::add(tw[8 + 3], dev::MONTY_ONE);
  host_transform(m, false, tw);
  ntt::forward(ref);
  CHECK(!(m == ref));
}
