// The AVX2 / AVX-512 kernels must equal the scalar Fp operators bit for bit. ISAs this CPU lacks
// are reported and skipped (the scalar kernel is always checked).
#include <cstdio>
#include <random>
#include <vector>

#include "common/test.h"
#include "field/vector_ops.h"

using namespace oneproof::field;

namespace {
std::vector<Fp> sample(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fp> v(n);
  // Edge values first so every lane position sees 0, 1 and p - 1 against everything.
  const uint32_t edges[] = {0, 1, P - 1, P - 2, 2, P / 2};
  for (size_t i = 0; i < n; ++i) v[i] = Fp::from_u32(i < 96 ? edges[(i + seed) % 6] : uint32_t(rng() % P));
  return v;
}

bool check_isa(Isa isa) {
  if (isa_supported(isa)) return true;
  std::printf("skip %s: not supported by this CPU or build\n", isa_name(isa));
  return false;
}
}  // namespace

OP_TEST(simd_matches_scalar) {
  for (Isa isa : {Isa::scalar, Isa::avx2, Isa::avx512}) {
    if (!check_isa(isa)) continue;
    for (size_t n : {size_t(0), size_t(1), size_t(4), size_t(7), size_t(8), size_t(12), size_t(15), size_t(16),
                     size_t(17), size_t(28), size_t(31), size_t(4099)}) {
      auto a = sample(n, 1 + n), b = sample(n, 2 + n);
      std::vector<Fp> out(n);
      add_arrays(isa, a.data(), b.data(), out.data(), n);
      for (size_t i = 0; i < n; ++i) CHECK_EQ(out[i], a[i] + b[i]);
      sub_arrays(isa, a.data(), b.data(), out.data(), n);
      for (size_t i = 0; i < n; ++i) CHECK_EQ(out[i], a[i] - b[i]);
      mul_arrays(isa, a.data(), b.data(), out.data(), n);
      for (size_t i = 0; i < n; ++i) CHECK_EQ(out[i], a[i] * b[i]);
      Fp s = n ? b[n / 2] : Fp::from_u32(5);
      scale_array(isa, a.data(), s, out.data(), n);
      for (size_t i = 0; i < n; ++i) CHECK_EQ(out[i], a[i] * s);
      // In place (out aliases an input) is allowed.
      std::vector<Fp> c = a;
      mul_arrays(isa, c.data(), b.data(), c.data(), n);
      for (size_t i = 0; i < n; ++i) CHECK_EQ(c[i], a[i] * b[i]);
    }
  }
}

OP_TEST(simd_edge_products_exhaustive_pairs) {
  // Every pair of edge values lands in every lane: catches lane-merge and wrap-around mistakes.
  const uint32_t edges[] = {0, 1, 2, P - 1, P - 2, P / 2, P / 2 + 1, 0x7effffffu, 0x00ffffffu, 0x01000000u};
  std::vector<Fp> a, b;
  for (int rep = 0; rep < 17; ++rep)
    for (uint32_t x : edges)
      for (uint32_t y : edges) { a.push_back(Fp::from_monty(x)); b.push_back(Fp::from_monty(y)); }
  std::vector<Fp> out(a.size());
  for (Isa isa : {Isa::avx2, Isa::avx512}) {
    if (!check_isa(isa)) continue;
    mul_arrays(isa, a.data(), b.data(), out.data(), a.size());
    for (size_t i = 0; i < a.size(); ++i) CHECK_EQ(out[i], a[i] * b[i]);
    add_arrays(isa, a.data(), b.data(), out.data(), a.size());
    for (size_t i = 0; i < a.size(); ++i) CHECK_EQ(out[i], a[i] + b[i]);
    sub_arrays(isa, a.data(), b.data(), out.data(), a.size());
    for (size_t i = 0; i < a.size(); ++i) CHECK_EQ(out[i], a[i] - b[i]);
  }
}

OP_TEST(active_isa_is_supported) {
  CHECK(isa_supported(active_isa()));
  CHECK(isa_supported(Isa::scalar));
  Isa parsed;
  CHECK(parse_isa("avx512", parsed) && parsed == Isa::avx512);
  CHECK(!parse_isa("sse9", parsed));
  std::printf("active isa: %s (%u lanes)\n", isa_name(active_isa()), isa_lanes(active_isa()));
}
