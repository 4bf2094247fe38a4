// GPU kernels against the CPU reference, word for word, on random inputs (needs a CUDA device;
// gpu_test_main.cc skips otherwise). Shapes include the awkward ones: widths not a multiple of the
// sponge rate, single rows, partial thread blocks.
#include <random>
#include <stdexcept>
#include <vector>

#include "challenger/challenger.h"
#include "common/test.h"
#include "cuda/backend.h"
#include "hash/poseidon2.h"
#include "hash/sponge.h"
#include "ntt/ntt.h"

namespace field = oneproof::field;
namespace hash = oneproof::hash;
namespace ntt = oneproof::ntt;
namespace cuda = oneproof::cuda;
using field::Fp;
using field::Matrix;

namespace {

std::vector<Fp> random_elems(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fp> v(n);
  for (auto& x : v) x = Fp::from_u32(uint32_t(rng() % field::P));
  return v;
}

Matrix random_matrix(size_t width, size_t height, uint64_t seed) {
  return Matrix(width, height, random_elems(width * height, seed));
}

template <class F>
bool throws_invalid_argument(F&& f) {
  try { f(); } catch (const std::invalid_argument&) { return true; }
  return false;
}

}  // namespace

OP_TEST(poseidon2_many_matches_cpu) {
  for (size_t count : {size_t(1), size_t(255), size_t(1000)}) {
    std::vector<Fp> s16 = random_elems(16 * count, count), s24 = random_elems(24 * count, count + 1);
    std::vector<Fp> r16 = s16, r24 = s24;
    cuda::poseidon2_w16_many(s16);
    cuda::poseidon2_w24_many(s24);
    for (size_t i = 0; i < count; ++i) {
      hash::poseidon2_w16(r16.data() + 16 * i);
      hash::poseidon2_w24(r24.data() + 24 * i);
    }
    CHECK(s16 == r16);
    CHECK(s24 == r24);
  }
  std::vector<Fp> bad(17);
  CHECK(throws_invalid_argument([&] { cuda::poseidon2_w16_many(bad); }));
}

OP_TEST(hash_rows_matches_cpu) {
  for (size_t width : {size_t(1), size_t(8), size_t(13), size_t(40)}) {
    const Matrix m = random_matrix(width, 777, width);
    std::vector<hash::Digest> ref(m.height);
    hash::hash_rows(m.values.data(), width, m.height, ref.data());
    CHECK(cuda::hash_rows(m) == ref);
  }
}

OP_TEST(merkle_layer_matches_cpu) {
  for (size_t count : {size_t(1), size_t(300), size_t(4096)}) {
    const std::vector<Fp> elems = random_elems(16 * count, count * 3);
    std::vector<hash::Digest> in(2 * count);
    for (size_t i = 0; i < in.size(); ++i)
      for (size_t k = 0; k < 8; ++k) in[i][k] = elems[8 * i + k];
    std::vector<hash::Digest> ref(count);
    hash::compress_pairs(in.data(), count, ref.data());
    CHECK(cuda::merkle_layer(in) == ref);
  }
  std::vector<hash::Digest> odd(3);
  CHECK(throws_invalid_argument([&] { cuda::merkle_layer(odd); }));
}

OP_TEST(ntt_matches_cpu) {
  for (unsigned log_n : {0u, 1u, 5u, 12u}) {
    for (size_t width : {size_t(1), size_t(7), size_t(64)}) {
      const Matrix m = random_matrix(width, size_t(1) << log_n, log_n * 131 + width);
      Matrix gpu = m, cpu = m;
      cuda::ntt_forward(gpu);
      ntt::forward(cpu);
      CHECK(gpu == cpu);
      cuda::ntt_inverse(gpu);
      ntt::inverse(cpu);
      CHECK(gpu == cpu);
      CHECK(gpu == m);
    }
  }
  Matrix bad(3, 6);
  CHECK(throws_invalid_argument([&] { cuda::ntt_forward(bad); }));
}

OP_TEST(coset_lde_matches_cpu) {
  for (unsigned log_n : {0u, 3u, 10u}) {
    for (unsigned log_blowup : {0u, 1u, 3u}) {
      const Matrix m = random_matrix(9, size_t(1) << log_n, log_n * 17 + log_blowup);
      CHECK(cuda::coset_lde(m, log_blowup) == ntt::coset_lde(m, log_blowup));
      CHECK(cuda::coset_lde(m, log_blowup, Fp::from_u32(5)) == ntt::coset_lde(m, log_blowup, Fp::from_u32(5)));
    }
  }
  CHECK(throws_invalid_argument([&] { cuda::coset_lde(random_matrix(2, 4, 1), 1, Fp::zero()); }));
  CHECK(throws_invalid_argument([&] { cuda::coset_lde(random_matrix(2, 1 << 20, 1), 5); }));
}

OP_TEST(grind_matches_challenger) {
  const std::vector<Fp> observed = random_elems(11, 99);
  for (unsigned bits : {0u, 4u, 12u, 16u}) {
    oneproof::challenger::Challenger ch;
    for (const Fp& x : observed) ch.observe(x);
    // After 11 observations: 8 absorbed (one permutation of x0..x7 over zeros), 3 pending.
    Fp base[16] = {};
    for (size_t i = 0; i < 8; ++i) base[i] = observed[i];
    hash::poseidon2_w16(base);
    for (size_t i = 8; i < 11; ++i) base[i - 8] = observed[i];
    const Fp gpu = cuda::grind(std::span<const Fp, 16>(base, 16), 3, bits);
    CHECK_EQ(gpu, ch.grind(bits));
  }
  Fp zero[16] = {};
  CHECK(throws_invalid_argument([&] { cuda::grind(std::span<const Fp, 16>(zero, 16), 8, 4); }));
  CHECK(throws_invalid_argument([&] { cuda::grind(std::span<const Fp, 16>(zero, 16), 0, 25); }));
}
