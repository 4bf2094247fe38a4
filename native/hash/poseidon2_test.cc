// Poseidon2 KoalaBear: Plonky3's published vectors, constants, and SIMD batch == scalar.
#include <cstdio>
#include <random>
#include <type_traits>
#include <vector>

#include "common/test.h"
#include "hash/poseidon2.h"
#include "field/monty_lane.h"
#include "hash/poseidon2_kernel.h"
#include "hash/poseidon2_params.h"

using namespace oneproof;
using namespace oneproof::hash;
using field::Fp;
using field::Isa;

namespace {
template <size_t N>
std::vector<Fp> from_canonical(const uint32_t (&v)[N]) {
  std::vector<Fp> out;
  for (uint32_t x : v) out.push_back(Fp::from_u32(x));
  return out;
}
template <size_t N>
bool equals_canonical(const std::vector<Fp>& s, const uint32_t (&v)[N]) {
  if (s.size() != N) return false;
  for (size_t i = 0; i < N; ++i) if (s[i].to_u32() != v[i]) return false;
  return true;
}

// Plonky3 koala-bear/src/poseidon2.rs tests (v0.5.0+ defaults).
constexpr uint32_t W16_INPUT[16] = {894848333, 1437655012, 1200606629, 1690012884, 71131202, 1749206695,
                                    1717947831, 120589055, 19776022, 42382981, 1831865506, 724844064,
                                    171220207, 1299207443, 227047920, 1783754913};
constexpr uint32_t W16_EXPECTED[16] = {1934285469, 604889435, 133449501, 1026180808, 1830659359, 176667110,
                                       1391183747, 351743874, 1238264085, 1292768839, 2023573270, 1201586780,
                                       1360691759, 1230682461, 748270449, 651545025};
constexpr uint32_t W24_INPUT[24] = {886409618, 1327899896, 1902407911, 591953491, 648428576, 1844789031,
                                    1198336108, 355597330, 1799586834, 59617783, 790334801, 1968791836,
                                    559272107, 31054313, 1042221543, 474748436, 135686258, 263665994,
                                    1962340735, 1741539604, 2026927696, 449439011, 1131357108, 50869465};
constexpr uint32_t W24_EXPECTED[24] = {382801106, 82839311, 1503190615, 1987418517, 854076995, 1862291425,
                                       262755189, 1050814217, 722724562, 741265943, 1026879332, 754316749,
                                       1966025564, 1518878196, 502200188, 1368172258, 845459257, 1711434837,
                                       724453836, 171032289, 655223446, 1098636135, 407832555, 1707498914};
// The same width-16 test under Plonky3 v0.4.x constants: must NOT match (pins the version).
constexpr uint32_t W16_EXPECTED_V04[16] = {190453639, 458899855, 383789123, 1958965770, 1470307143, 135446903,
                                           1980271247, 26609194, 337889870, 543343594, 900082402, 1267415354,
                                           1018710090, 902823573, 1161524658, 1483653556};

std::vector<Fp> random_states(size_t count, size_t width, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fp> v(count * width);
  for (auto& x : v) x = Fp::from_u32(uint32_t(rng() % field::P));
  return v;
}
}  // namespace

OP_TEST(published_vector_width16) {
  auto s = from_canonical(W16_INPUT);
  poseidon2_w16(s.data());
  CHECK(equals_canonical(s, W16_EXPECTED));
  CHECK(!equals_canonical(s, W16_EXPECTED_V04));
}

OP_TEST(published_vector_width24) {
  auto s = from_canonical(W24_INPUT);
  poseidon2_w24(s.data());
  CHECK(equals_canonical(s, W24_EXPECTED));
}

OP_TEST(internal_diagonal_matches_published_values) {
  // Canonical values of V for width 16 as listed with Plonky3's constants.
  const uint32_t expected[16] = {2130706431, 1, 2, 1065353217, 3, 4, 1065353216, 2130706430, 2130706429,
                                 2122383361, 1864368129, 2130706306, 8323072, 266338304, 133169152, 127};
  for (size_t i = 0; i < 16; ++i) CHECK_EQ(POSEIDON2_PARAMS_16.diag[i].to_u32(), expected[i]);
  // Width 24 by definition: V_i * 2^shift = numerator.
  for (size_t i = 0; i < 24; ++i) {
    auto e = poseidon2_constants::DIAG24[i];
    Fp back = POSEIDON2_PARAMS_24.diag[i] * Fp::from_u32(2).pow(e.shift);
    Fp num = e.numerator < 0 ? -Fp::from_u32(uint32_t(-e.numerator)) : Fp::from_u32(uint32_t(e.numerator));
    CHECK_EQ(back, num);
  }
}

OP_TEST(tampered_input_or_constant_changes_output) {
  // Any single-element change of the input changes every output element (full diffusion).
  auto base = from_canonical(W16_INPUT);
  for (size_t k = 0; k < 16; ++k) {
    auto s = base;
    s[k] += Fp::one();
    poseidon2_w16(s.data());
    for (size_t i = 0; i < 16; ++i) CHECK(s[i].to_u32() != W16_EXPECTED[i]);
  }
  // The kernel template with the official parameters reproduces the vector; with any one
  // constant changed (external, internal, diagonal) it does not: the vector pins every table.
  using Lane = field::MontyLane<struct TestTag>;
  auto run = [](const Poseidon2Params16& params) {
    Lane s[16];
    for (size_t i = 0; i < 16; ++i) s[i] = Lane::broadcast(Fp::from_u32(W16_INPUT[i]));
    kernels::permute<Lane, 16, 20>(s, params);
    std::vector<Fp> out(16);
    for (size_t i = 0; i < 16; ++i) s[i].store(&out[i]);
    return out;
  };
  CHECK(equals_canonical(run(POSEIDON2_PARAMS_16), W16_EXPECTED));
  for (size_t which = 0; which < 3; ++which) {
    auto params = POSEIDON2_PARAMS_16;
    if (which == 0) params.external_initial[2][5] += Fp::one();
    if (which == 1) params.internal[19] += Fp::one();
    if (which == 2) params.external_final[3][15] += Fp::one();
    CHECK(!equals_canonical(run(params), W16_EXPECTED));
  }
}

OP_TEST(fast_internal_layer_equals_matrix_product) {
  // The kernels apply J + Diag(V) with additions and shifts; compare with the plain product using
  // the diagonal values of the params, on random and edge states, for both widths.
  using Lane = field::MontyLane<struct TestTag>;
  std::mt19937_64 rng(5);
  auto check_width = [&](auto width_tag, const auto& params) {
    constexpr size_t W = decltype(width_tag)::value;
    for (int t = 0; t < 200; ++t) {
      Fp x[W];
      for (size_t i = 0; i < W; ++i)
        x[i] = t < 3 ? Fp::from_u32(t == 0 ? 0 : t == 1 ? 1 : field::P - 1) : Fp::from_u32(uint32_t(rng() % field::P));
      Lane s[W];
      for (size_t i = 0; i < W; ++i) s[i] = Lane::broadcast(x[i]);
      kernels::internal_linear<Lane, W>(s);
      Fp sum;
      for (size_t i = 0; i < W; ++i) sum += x[i];
      for (size_t i = 0; i < W; ++i) {
        Fp got;
        s[i].store(&got);
        CHECK_EQ(got, sum + params.diag[i] * x[i]);
      }
    }
  };
  check_width(std::integral_constant<size_t, 16>{}, POSEIDON2_PARAMS_16);
  check_width(std::integral_constant<size_t, 24>{}, POSEIDON2_PARAMS_24);
}

OP_TEST(batched_kernels_match_scalar) {
  for (Isa isa : {Isa::scalar, Isa::avx2, Isa::avx512}) {
    if (!field::isa_supported(isa)) { std::printf("skip %s\n", field::isa_name(isa)); continue; }
    for (size_t count : {size_t(0), size_t(1), size_t(8), size_t(16), size_t(33), size_t(100)}) {
      auto s16 = random_states(count, 16, count + 1), ref16 = s16;
      for (size_t j = 0; j < count; ++j) poseidon2_w16(ref16.data() + j * 16);
      poseidon2_w16_many(isa, s16.data(), count);
      CHECK(s16 == ref16);
      auto s24 = random_states(count, 24, count + 2), ref24 = s24;
      for (size_t j = 0; j < count; ++j) poseidon2_w24(ref24.data() + j * 24);
      poseidon2_w24_many(isa, s24.data(), count);
      CHECK(s24 == ref24);
    }
  }
  // The published vector through the batch path, in every lane position.
  auto one = from_canonical(W16_INPUT);
  std::vector<Fp> many;
  for (int j = 0; j < 37; ++j) many.insert(many.end(), one.begin(), one.end());
  poseidon2_w16_batch(many.data(), 37);
  for (int j = 0; j < 37; ++j) CHECK(equals_canonical(std::vector<Fp>(many.begin() + j * 16, many.begin() + j * 16 + 16), W16_EXPECTED));
}

OP_TEST(threaded_batch_matches_scalar) {
  const size_t count = 5000 + 3;
  auto s16 = random_states(count, 16, 99), ref16 = s16;
  for (size_t j = 0; j < count; ++j) poseidon2_w16(ref16.data() + j * 16);
  poseidon2_w16_batch(s16.data(), count);
  CHECK(s16 == ref16);
  auto s24 = random_states(count, 24, 98), ref24 = s24;
  for (size_t j = 0; j < count; ++j) poseidon2_w24(ref24.data() + j * 24);
  poseidon2_w24_batch(s24.data(), count);
  CHECK(s24 == ref24);
}
