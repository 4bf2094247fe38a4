// Scalar KoalaBear Fp / Fp4 against an independent integer reference (canonical values, 64-bit
// arithmetic mod p), on edge cases and random values.
#include <cstdint>
#include <random>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/test.h"
#include "field/koalabear.h"
#include "field/matrix.h"
#include "field/monty_lane.h"

using namespace oneproof::field;

namespace {
constexpr uint64_t p = P;
uint64_t ref_add(uint64_t a, uint64_t b) { return (a + b) % p; }
uint64_t ref_sub(uint64_t a, uint64_t b) { return (a + p - b) % p; }
uint64_t ref_mul(uint64_t a, uint64_t b) { return (unsigned __int128)a * b % p; }
uint64_t ref_pow(uint64_t a, uint64_t e) {
  uint64_t r = 1;
  for (; e; e >>= 1, a = ref_mul(a, a)) if (e & 1) r = ref_mul(r, a);
  return r;
}

std::vector<uint32_t> sample_values(size_t random_count) {
  std::vector<uint32_t> v = {0, 1, 2, 3, P - 1, P - 2, P / 2, P / 2 + 1, (1u << 24), (1u << 24) - 1,
                             (1u << 30), 0x7effffffu, 0x00ffffffu};
  std::mt19937_64 rng(42);
  for (size_t i = 0; i < random_count; ++i) v.push_back(uint32_t(rng() % p));
  return v;
}

Fp4 random_fp4(std::mt19937_64& rng) {
  Fp4 r;
  for (auto& c : r.c) c = Fp::from_u32(uint32_t(rng() % p));
  return r;
}

// Reference product in F[X]/(X^4 - 3) on canonical coefficients.
std::array<uint64_t, 4> ref_fp4_mul(const Fp4& a, const Fp4& b) {
  uint64_t prod[7] = {};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) prod[i + j] = ref_add(prod[i + j], ref_mul(a.c[i].to_u32(), b.c[j].to_u32()));
  std::array<uint64_t, 4> r;
  for (int i = 0; i < 4; ++i) r[i] = prod[i];
  for (int i = 4; i < 7; ++i) r[i - 4] = ref_add(r[i - 4], ref_mul(prod[i], Fp4::W));
  return r;
}
}  // namespace

OP_TEST(constants_match_plonky3) {
  CHECK_EQ(detail::MU, 0x81000001u);
  CHECK_EQ(uint32_t(detail::MU * P), 1u);
  CHECK_EQ(uint32_t(detail::R2), 0x17f7efe4u);
  CHECK_EQ(Fp::one().v, 0x01fffffeu);  // R mod p
  // Published sanity vector (Plonky3 koala-bear tests).
  CHECK_EQ((Fp::from_u32(0x34167c58) * Fp::from_u32(0x61f3207b)).to_u32(), 0x54b46b81u);
}

OP_TEST(conversions_round_trip) {
  for (uint32_t x : sample_values(2000)) CHECK_EQ(Fp::from_u32(x).to_u32(), x);
  CHECK_EQ(Fp::from_u32(P).to_u32(), 0u);        // reduced on input
  CHECK_EQ(Fp::from_u32(0xffffffffu).to_u32(), uint32_t(0xffffffffull % p));
  CHECK_EQ(Fp::from_u64(~0ull).to_u32(), uint32_t(~0ull % p));
  CHECK_EQ(Fp::from_u64(uint64_t(P) * 5 + 7).to_u32(), 7u);
}

OP_TEST(operations_match_reference) {
  auto values = sample_values(400);
  for (uint32_t a : values) {
    Fp fa = Fp::from_u32(a);
    CHECK(fa.v < P);
    CHECK_EQ((-fa).to_u32(), uint32_t(ref_sub(0, a)));
    CHECK_EQ(fa.square().to_u32(), uint32_t(ref_mul(a, a)));
    CHECK_EQ(fa.halve().to_u32(), uint32_t(ref_mul(a, (p + 1) / 2)));
    for (uint32_t b : values) {
      Fp fb = Fp::from_u32(b);
      Fp s = fa + fb, d = fa - fb, m = fa * fb;
      CHECK(s.v < P && d.v < P && m.v < P);  // no redundant representations
      CHECK_EQ(s.to_u32(), uint32_t(ref_add(a, b)));
      CHECK_EQ(d.to_u32(), uint32_t(ref_sub(a, b)));
      CHECK_EQ(m.to_u32(), uint32_t(ref_mul(a, b)));
    }
  }
}

OP_TEST(monty_reduce_sum4_bounds) {
  // Sums of four products of canonical values, at and near the 4 p^2 bound, vs 128-bit reference.
  std::mt19937_64 rng(21);
  const uint64_t r_inv = ref_pow(ref_pow(2, 32), p - 2);  // 2^-32 mod p
  std::vector<uint64_t> xs = {0, 1, uint64_t(P - 1) * (P - 1) * 4, uint64_t(P - 1) * (P - 1) * 4 - 1,
                              uint64_t(P) << 32, (uint64_t(P) << 32) - 1, (uint64_t(P) << 32) + 1};
  for (int i = 0; i < 20000; ++i) {
    uint64_t x = 0;
    for (int k = 0; k < 4; ++k) x += (rng() % p) * (rng() % p);
    xs.push_back(x);
  }
  for (uint64_t x : xs) {
    uint32_t got = monty_reduce_sum4(x);
    CHECK(got < P);
    CHECK_EQ(uint64_t(got), uint64_t((unsigned __int128)(x % p) * r_inv % p));
  }
}

OP_TEST(pow_and_inverse) {
  std::mt19937_64 rng(7);
  for (uint32_t a : sample_values(300)) {
    Fp fa = Fp::from_u32(a);
    uint64_t e = rng();
    CHECK_EQ(fa.pow(e).to_u32(), uint32_t(ref_pow(a, e)));
    CHECK_EQ(fa.pow(0), Fp::one());
    if (a == 0) { CHECK(fa.inverse().is_zero()); continue; }
    CHECK_EQ(fa * fa.inverse(), Fp::one());
    CHECK_EQ(fa.pow(P - 1), Fp::one());  // Fermat
  }
}

OP_TEST(lane_div_2exp_matches_multiplication) {
  // The shift-based x * 2^-k used by the Poseidon2 kernels, for every k it supports.
  using Lane = MontyLane<struct TestTag>;
  const Fp half = Fp::from_u32(2).inverse();
  auto check_k = [&]<unsigned K>(std::integral_constant<unsigned, K>) {
    for (uint32_t a : sample_values(300)) {
      Fp x = Fp::from_u32(a), got;
      Lane::broadcast(x).div_2exp<K>().store(&got);
      CHECK_EQ(got, x * half.pow(K));
    }
  };
  [&]<unsigned... K>(std::integer_sequence<unsigned, K...>) {
    (check_k(std::integral_constant<unsigned, K + 1>{}), ...);
  }(std::make_integer_sequence<unsigned, 24>{});
}

OP_TEST(field_laws) {
  std::mt19937_64 rng(9);
  for (int i = 0; i < 2000; ++i) {
    Fp a = Fp::from_u32(uint32_t(rng() % p)), b = Fp::from_u32(uint32_t(rng() % p)), c = Fp::from_u32(uint32_t(rng() % p));
    CHECK_EQ(a + b, b + a);
    CHECK_EQ(a * b, b * a);
    CHECK_EQ((a + b) + c, a + (b + c));
    CHECK_EQ((a * b) * c, a * (b * c));
    CHECK_EQ(a * (b + c), a * b + a * c);
    CHECK_EQ(a - a, Fp::zero());
    CHECK_EQ(a + (-a), Fp::zero());
    CHECK_EQ(a * Fp::one(), a);
    CHECK_EQ(a.halve() + a.halve(), a);
  }
}

OP_TEST(two_adic_generators) {
  CHECK_EQ(two_adic_generator(24).to_u32(), 0x6ac49f88u);  // Plonky3 TWO_ADIC_GENERATORS[24]
  CHECK_EQ(two_adic_generator(1).to_u32(), P - 1);
  CHECK_EQ(two_adic_generator(0), Fp::one());
  for (uint32_t bits = 1; bits <= TWO_ADICITY; ++bits) {
    Fp g = two_adic_generator(bits);
    CHECK_EQ(g.pow(uint64_t(1) << bits), Fp::one());
    CHECK_EQ(g.pow(uint64_t(1) << (bits - 1)), -Fp::one());  // order exactly 2^bits
    CHECK_EQ(g.square(), two_adic_generator(bits - 1));
  }
  // 3 generates F*: it is not a square and not a 127th power (p - 1 = 2^24 * 127).
  Fp g = Fp::from_u32(MULTIPLICATIVE_GENERATOR);
  CHECK(g.pow((P - 1) / 2) != Fp::one());
  CHECK(g.pow((P - 1) / 127) != Fp::one());
}

OP_TEST(fp4_matches_reference_and_laws) {
  std::mt19937_64 rng(11);
  // X^4 - 3 is irreducible only if 3 is a non-square (p = 1 mod 4): check the premise.
  CHECK_EQ(Fp::from_u32(Fp4::W).pow((P - 1) / 2), -Fp::one());
  Fp4 x; x.c[1] = Fp::one();
  CHECK_EQ(x.pow(4), Fp4::from_base(Fp::from_u32(3)));
  for (int i = 0; i < 500; ++i) {
    Fp4 a = random_fp4(rng), b = random_fp4(rng), c = random_fp4(rng);
    auto ref = ref_fp4_mul(a, b);
    Fp4 m = a * b;
    for (int k = 0; k < 4; ++k) CHECK_EQ(m.c[k].to_u32(), uint32_t(ref[k]));
    CHECK_EQ(a * b, b * a);
    CHECK_EQ((a * b) * c, a * (b * c));
    CHECK_EQ(a * (b + c), a * b + a * c);
    CHECK_EQ(a - b + b, a);
    CHECK_EQ(a + (-a), Fp4::zero());
    CHECK_EQ(a.square(), a * a);
    Fp s = Fp::from_u32(uint32_t(rng() % p));
    CHECK_EQ(a * s, a * Fp4::from_base(s));
    CHECK_EQ(s * a, a * s);
    if (!a.is_zero()) CHECK_EQ(a * a.inverse(), Fp4::one());
  }
  CHECK(Fp4::zero().inverse().is_zero());
  // Largest coefficients: every product is (p-1)^2, the 64-bit sums reach their bound.
  Fp4 big;
  for (auto& c : big.c) c = -Fp::one();
  for (const Fp4& other : {big, Fp4::one(), random_fp4(rng)}) {
    auto ref = ref_fp4_mul(big, other);
    Fp4 m = big * other;
    for (int k = 0; k < 4; ++k) CHECK_EQ(m.c[k].to_u32(), uint32_t(ref[k]));
  }
  // Elements with zero odd or even parts exercise the norm computation's corner cases.
  for (int i = 0; i < 100; ++i) {
    Fp4 a = random_fp4(rng);
    a.c[i % 4] = Fp::zero();
    a.c[(i + 1) % 4] = Fp::zero();
    if (!a.is_zero()) CHECK_EQ(a * a.inverse(), Fp4::one());
  }
}

OP_TEST(fp4_group_order) {
  // a^(p^4 - 1) = 1 for nonzero a, computed without Frobenius maps: a^(p^4) by four p-th powers.
  std::mt19937_64 rng(13);
  for (int i = 0; i < 20; ++i) {
    Fp4 a = random_fp4(rng);
    Fp4 t = a;
    for (int k = 0; k < 4; ++k) t = t.pow(P);
    CHECK_EQ(t, a);
    // Not in a proper subfield for random a: a^(p^2) != a (fails with probability ~ p^-2).
    Fp4 u = a.pow(P).pow(P);
    CHECK(u != a);
  }
}

OP_TEST(matrix_allocate_is_zeroed_and_shaped) {
  for (size_t h : {size_t(0), size_t(1), size_t(3), size_t(1) << 20}) {
    Matrix m = Matrix::allocate(5, h);
    CHECK_EQ(m.width, size_t(5));
    CHECK_EQ(m.height, h);
    CHECK_EQ(m.values.size(), 5 * h);
    bool zero = true;
    for (Fp x : m.values) zero &= x.is_zero();
    CHECK(zero);
    CHECK(m == Matrix(5, h));
  }
}
