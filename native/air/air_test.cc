// The AIR layer without proofs: compile, degree bound, trace checker, bus balance.
#include <array>
#include "air/checker.h"
#include "air/examples/fibonacci.h"
#include "air/examples/poseidon2_chain.h"
#include "air/examples/range_lookup.h"
#include "air/examples/wide.h"
#include "air/symbolic.h"
#include "common/test.h"
#include "hash/poseidon2.h"

using namespace oneproof;
using namespace oneproof::air;
using field::Fp;

OP_TEST(fibonacci_trace_satisfies_its_air) {
  examples::FibonacciAir fib;
  CompiledAir c = compile(fib);
  CHECK_EQ(c.constraints.size(), size_t(5));
  CHECK_EQ(c.max_degree, 2u);
  std::vector<Fp> pub;
  auto t = examples::FibonacciAir::trace(6, Fp::zero(), Fp::one(), &pub);
  CHECK(!check_constraints(c, t, nullptr, pub));
  // F_64 mod p, computed independently.
  uint64_t a = 0, b = 1;
  for (int i = 0; i < 64; ++i) { uint64_t s = (a + b) % field::P; a = b; b = s; }
  CHECK_EQ(pub[2].to_u32(), uint32_t(a));
}

OP_TEST(checker_names_the_failing_row_and_constraint) {
  examples::FibonacciAir fib;
  CompiledAir c = compile(fib);
  std::vector<Fp> pub;
  auto t = examples::FibonacciAir::trace(5, Fp::zero(), Fp::one(), &pub);
  t.at(7, 1) += Fp::one();
  auto v = check_constraints(c, t, nullptr, pub);
  REQUIRE(v.has_value());
  CHECK_EQ(v->row, size_t(6));  // row 6's "b' = a + b" sees the changed b on row 7
  CHECK_EQ(v->constraint, size_t(3));
  CHECK(v->message.find("b' = a + b") != std::string::npos);
  // Wrong public value: the last-row constraint fails.
  auto t2 = examples::FibonacciAir::trace(5, Fp::zero(), Fp::one(), &pub);
  pub[2] += Fp::one();
  auto w = check_constraints(c, t2, nullptr, pub);
  REQUIRE(w.has_value());
  CHECK_EQ(w->row, size_t(31));
}

namespace {
struct CubicAir : Air {
  bool guarded;
  explicit CubicAir(bool g) : guarded(g) {}
  std::string name() const override { return "test/cubic"; }
  size_t width() const override { return 1; }
  void eval(AirBuilder& b) const override {
    Expr x = b.local(0);
    if (guarded) b.when_transition().assert_eq(b.next(0), x * x * x);  // degree 4
    else b.assert_eq(b.next(0), x * x * x);                              // degree 3
  }
};
struct BadColumnAir : Air {
  std::string name() const override { return "test/bad-column"; }
  size_t width() const override { return 1; }
  void eval(AirBuilder& b) const override { b.assert_zero(b.local(1)); }
};
}  // namespace

OP_TEST(degree_above_three_is_refused) {
  CHECK_EQ(compile(CubicAir(false)).max_degree, 3u);
  bool threw = false;
  try { compile(CubicAir(true)); } catch (const std::invalid_argument&) { threw = true; }
  CHECK(threw);
  threw = false;
  try { compile(BadColumnAir()); } catch (const std::out_of_range&) { threw = true; }
  CHECK(threw);
}

OP_TEST(structural_digest_tracks_the_constraints) {
  CHECK(compile(CubicAir(false)).digest == compile(CubicAir(false)).digest);
  CHECK(compile(examples::WideAir(4)).digest != compile(examples::WideAir(5)).digest);
}

OP_TEST(poseidon2_chain_trace_matches_the_permutation) {
  examples::Poseidon2ChainAir air(7);  // 4 permutations
  CompiledAir c = compile(air);
  CHECK_EQ(c.max_degree, 3u);
  std::array<Fp, 16> input;
  for (size_t i = 0; i < 16; ++i) input[i] = Fp::from_u32(uint32_t(i * 7 + 1));
  std::vector<Fp> pub;
  auto t = air.trace(input, &pub);
  auto pre = air.preprocessed_trace();
  CHECK(!check_constraints(c, t, &pre, pub));
  Fp s[16];
  for (size_t i = 0; i < 16; ++i) s[i] = input[i];
  for (int k = 0; k < 4; ++k) hash::poseidon2_w16(s);
  for (size_t i = 0; i < 16; ++i) CHECK(pub[16 + i] == s[i]);
  // A wrong cube is caught.
  t.at(10, 16 + 3) += Fp::one();
  CHECK(check_constraints(c, t, &pre, pub).has_value());
}

OP_TEST(range_lookup_buses_balance_and_imbalance_is_found) {
  examples::ByteRangeAir bytes_air;
  examples::U16UserAir user_air;
  CompiledAir cb = compile(bytes_air), cu = compile(user_air);
  auto traces = examples::range_lookup_traces(6, 42);
  auto pre = bytes_air.preprocessed_trace();
  CHECK(!check_constraints(cb, traces.bytes, &pre, {}));
  CHECK(!check_constraints(cu, traces.user, nullptr, {}));
  std::vector<TableTrace> tables{{&cb, &traces.bytes, &pre, {}}, {&cu, &traces.user, nullptr, {}}};
  CHECK(!check_buses(tables));
  traces.bytes.at(17, 0) += Fp::one();
  auto imbalance = check_buses(tables);
  REQUIRE(imbalance.has_value());
  CHECK_EQ(imbalance->bus, examples::BUS_BYTE);
  CHECK(imbalance->tuple.size() == 1 && imbalance->tuple[0] == Fp::from_u32(17));
  CHECK(imbalance->net_multiplicity == -Fp::one());
}
