// FRI: round trips at one and several heights, and refusal of high degree and tampered proofs.
#include <random>
#include "common/test.h"
#include "fri/fri.h"
#include "ntt/ntt.h"

using namespace oneproof;
using namespace oneproof::fri;
using challenger::Challenger;

namespace {
std::mt19937_64 rng(7);
Fp4 random_ext() {
  Fp4 r;
  for (auto& c : r.c) c = Fp::from_u32(uint32_t(rng() % field::P));
  return r;
}
// Evaluations of a random polynomial of degree < 2^log_degree on shift * <omega_{2^log_n}>.
std::vector<Fp4> low_degree(unsigned log_degree, unsigned log_n) {
  field::Matrix m(4, size_t(1) << log_n);
  const Fp shift = coset_shift();
  Fp power = Fp::one();
  for (size_t i = 0; i < (size_t(1) << log_degree); ++i) {
    Fp4 c = random_ext();
    for (int k = 0; k < 4; ++k) m.at(i, k) = c.c[k] * power;
    power *= shift;
  }
  ntt::forward(m);
  std::vector<Fp4> out(m.height);
  for (size_t i = 0; i < m.height; ++i)
    for (int k = 0; k < 4; ++k) out[i].c[k] = m.at(i, k);
  return out;
}

using Inputs = std::map<unsigned, std::vector<Fp4>>;

// Proves, then verifies with honest input openings; returns whether verification passed.
bool round_trip(const FriParams& p, const Inputs& inputs, const std::function<void(FriProof&)>& tamper = {},
                const Inputs* claimed = nullptr) {
  Challenger pc;
  pc.observe(Fp::from_u32(99));
  Challenger vc = pc;
  auto res = prove(p, inputs, pc);
  if (tamper) tamper(res.proof);
  const Inputs& seen = claimed ? *claimed : inputs;
  std::vector<unsigned> heights;
  for (const auto& [h, v] : inputs) heights.push_back(h);
  try {
    verify(p, heights, res.proof, vc, [&](size_t, size_t index) {
      std::map<unsigned, Fp4> ro;
      for (const auto& [h, v] : seen) ro[h] = v[index % v.size()];
      return ro;
    });
    return true;
  } catch (const FriError&) {
    return false;
  }
}
const FriParams P{1, 12, 4, 0};
}  // namespace

OP_TEST(round_trip_single_height) {
  CHECK(round_trip(P, {{11, low_degree(10, 11)}}));
  CHECK(round_trip(FriParams{2, 6, 3, 0}, {{10, low_degree(8, 10)}}));
}

OP_TEST(round_trip_several_heights) {
  CHECK(round_trip(P, {{12, low_degree(11, 12)}, {9, low_degree(8, 9)}, {5, low_degree(4, 5)}}));
}

OP_TEST(round_trip_with_higher_arity) {
  // Arity 8 with inputs at heights that force smaller rounds (12 -> 9 -> 7 -> 5 -> 2 -> 1).
  const FriParams p8{1, 10, 2, 0, 3};
  Inputs in{{12, low_degree(11, 12)}, {7, low_degree(6, 7)}, {5, low_degree(4, 5)}};
  CHECK(round_trip(p8, in));
  CHECK(round_trip(FriParams{1, 10, 2, 2, 4}, {{11, low_degree(10, 11)}}));
  CHECK((round_log_arities(p8, {12, 7, 5}) == std::vector<unsigned>{3, 2, 2, 3, 1}));
  CHECK(!round_trip(p8, {{12, low_degree(12, 12)}, {7, low_degree(6, 7)}}));     // too high degree
  CHECK(!round_trip(p8, {{12, low_degree(11, 12)}, {7, low_degree(7, 7)}}));     // smaller input too high
  CHECK(!round_trip(p8, in, [](FriProof& p) { p.queries[3].layers[1].siblings[2].c[0] += Fp::one(); }));
  CHECK(!round_trip(p8, in, [](FriProof& p) { p.queries[3].layers[0].siblings.pop_back(); }));
}

OP_TEST(round_trip_with_a_final_polynomial) {
  CHECK(round_trip(FriParams{1, 10, 2, 3}, {{10, low_degree(9, 10)}, {4, low_degree(3, 4)}}));
}

OP_TEST(high_degree_input_is_refused) {
  CHECK(!round_trip(P, {{11, low_degree(11, 11)}}));            // degree 2^11 - 1 > 2^10 - 1
  CHECK(!round_trip(P, {{11, low_degree(10, 11)}, {8, low_degree(8, 8)}}));  // smaller input too high
  std::vector<Fp4> noise(1 << 10);
  for (auto& v : noise) v = random_ext();
  CHECK(!round_trip(P, {{10, noise}}));
}

OP_TEST(final_polynomial_of_wrong_length_is_refused) {
  Inputs in{{10, low_degree(9, 10)}};
  CHECK(!round_trip(P, in, [](FriProof& p) { p.final_poly.push_back(Fp4::one()); }));
  CHECK(!round_trip(P, in, [](FriProof& p) { p.final_poly.clear(); }));
  // A degree-1 final polynomial where degree 0 is allowed: the prover folds one round less.
  CHECK(!round_trip(P, in, [](FriProof& p) {
    p.final_poly.push_back(p.final_poly[0]);
    p.commits.pop_back();
    for (auto& q : p.queries) q.layers.pop_back();
  }));
}

OP_TEST(tampered_proofs_are_refused) {
  Inputs in{{10, low_degree(9, 10)}};
  CHECK(!round_trip(P, in, [](FriProof& p) { p.commits[3][0] += Fp::one(); }));
  CHECK(!round_trip(P, in, [](FriProof& p) { p.queries[5].layers[2].siblings[0].c[1] += Fp::one(); }));
  CHECK(!round_trip(P, in, [](FriProof& p) { p.queries[1].layers[0].path[4][7] += Fp::one(); }));
  CHECK(!round_trip(P, in, [](FriProof& p) { p.final_poly[0].c[0] += Fp::one(); }));
  CHECK(!round_trip(P, in, [](FriProof& p) { p.queries.pop_back(); }));
  // The witness of a 12-bit grind: another one passes with probability 2^-12.
  CHECK(!round_trip(FriParams{1, 12, 12, 0}, in, [](FriProof& p) { p.pow_witness += Fp::one(); }));
  // Input openings that disagree with the committed evaluations.
  Inputs wrong = in;
  for (auto& v : wrong[10]) v += Fp4::one();
  CHECK(!round_trip(P, in, {}, &wrong));
}

OP_TEST(security_estimates_of_presets) {
  auto d = security_bits(DEFAULT_PARAMS, 22);
  CHECK(d.conjectured >= 100.0);
  CHECK(d.conjectured <= 116.0);
  CHECK(d.provable < 100.0);
  auto pv = security_bits(PROVABLE_PARAMS, 22);
  CHECK(pv.provable >= 100.0);
  CHECK(security_bits(TEST_PARAMS, 10).conjectured < 20.0);
  bool threw = false;
  try { validate(FriParams{0, 10, 0, 0}); } catch (const std::invalid_argument&) { threw = true; }
  CHECK(threw);
}
