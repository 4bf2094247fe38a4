// End-to-end STARK tests: round trips on the example machines, and rejection of bad traces,
// wrong public values, unbalanced buses, tampered and malformed proofs and mismatched keys.
#include <random>
#include "air/examples/fibonacci.h"
#include "common/test.h"
#include "stark/air_registry.h"
#include "stark/examples.h"
#include "stark/serialize.h"
#include "stark/transcript.h"
#include "stark/verifier.h"

using namespace oneproof;
using namespace oneproof::stark;

namespace {
const fri::FriParams P{1, 16, 4, 0};

struct Setup {
  ExampleMachine m;
  ProvingKey pk;
  std::vector<air::CompiledAir> airs;
  Setup(const std::string& name, unsigned log_rows, fri::FriParams params = P)
      : m(make_example(name, log_rows)), pk(setup(m.air_ptrs(), params, 16)), airs(pk.airs) {}
  StarkProof prove(const ProverOptions& o = {}) const { return stark::prove(pk, m.witnesses, o); }
  VerifyResult check(const StarkProof& p) const { return verify(pk.vk, airs, p, m.publics()); }
  VerifyResult check_bytes(std::span<const uint8_t> b) const { return verify_bytes(pk.vk, airs, b, m.publics()); }
};

bool prover_refuses(const Setup& s, const std::vector<TableWitness>& w) {
  try { stark::prove(s.pk, w); } catch (const std::invalid_argument&) { return true; }
  return false;
}
}  // namespace

OP_TEST(fibonacci_round_trip_through_bytes) {
  Setup s("fibonacci", 6);
  StarkProof proof = s.prove();
  VerifyResult r = s.check(proof);
  CHECK(r.ok);
  auto bytes = serialize_proof(proof);
  CHECK(s.check_bytes(bytes).ok);
  CHECK(serialize_proof(deserialize_proof(bytes)) == bytes);
}

OP_TEST(poseidon2_chain_round_trip) {
  Setup s("poseidon2", 7);
  auto r = s.check(s.prove());
  CHECK(r.ok);
  if (!r.ok) std::fprintf(stderr, "%s\n", r.error.c_str());
}

OP_TEST(range_lookup_round_trip_with_tables_of_different_heights) {
  Setup s("range-lookup", 5);  // byte table 2^8 rows, user table 2^5
  auto r = s.check(s.prove());
  CHECK(r.ok);
  if (!r.ok) std::fprintf(stderr, "%s\n", r.error.c_str());
  Setup big("range-lookup", 10);  // user table taller than the byte table
  CHECK(big.check(big.prove()).ok);
}

OP_TEST(round_trip_with_final_polynomial_and_larger_blowup) {
  Setup a("fibonacci", 5, fri::FriParams{2, 8, 2, 2});
  CHECK(a.check(a.prove()).ok);
  Setup b("range-lookup", 4, fri::FriParams{1, 8, 2, 3});
  CHECK(b.check(b.prove()).ok);
}

OP_TEST(violating_trace_is_refused_by_checker_and_verifier) {
  Setup s("fibonacci", 6);
  auto bad = s.m.witnesses;
  bad[0].main.at(20, 0) += Fp::one();
  CHECK(prover_refuses(s, bad));
  StarkProof forced = stark::prove(s.pk, bad, ProverOptions{false});
  CHECK(!verify(s.pk.vk, s.airs, forced, s.m.publics()).ok);

  Setup p("poseidon2", 6);
  auto bad2 = p.m.witnesses;
  bad2[0].main.at(40, 16 + 5) += Fp::one();  // a wrong S-box output
  CHECK(prover_refuses(p, bad2));
  CHECK(!verify(p.pk.vk, p.airs, stark::prove(p.pk, bad2, ProverOptions{false}), p.m.publics()).ok);
}

OP_TEST(wrong_public_values_are_refused) {
  Setup s("fibonacci", 6);
  StarkProof proof = s.prove();
  for (size_t i = 0; i < 3; ++i) {
    auto pub = s.m.publics();
    pub[0][i] += Fp::one();
    CHECK(!verify(s.pk.vk, s.airs, proof, pub).ok);
  }
  auto extra = s.m.publics();
  extra[0].push_back(Fp::one());
  CHECK(!verify(s.pk.vk, s.airs, proof, extra).ok);
}

OP_TEST(unbalanced_logup_multiplicities_are_refused) {
  Setup s("range-lookup", 5);
  auto bad = s.m.witnesses;
  bad[0].main.at(7, 0) += Fp::one();  // the byte table claims one more lookup of 7
  CHECK(prover_refuses(s, bad));
  StarkProof forced = stark::prove(s.pk, bad, ProverOptions{false});
  VerifyResult r = verify(s.pk.vk, s.airs, forced, s.m.publics());
  CHECK(!r.ok);
  CHECK(r.error.find("balance") != std::string::npos);
  // A value out of byte range in the user table (v = lo + 256 hi still holds): unbalanced too.
  auto bad2 = s.m.witnesses;
  bad2[1].main.at(3, 1) = Fp::from_u32(300);
  bad2[1].main.at(3, 0) = Fp::from_u32(300) + bad2[1].main.at(3, 2) * Fp::from_u32(256);
  CHECK(prover_refuses(s, bad2));
  CHECK(!verify(s.pk.vk, s.airs, stark::prove(s.pk, bad2, ProverOptions{false}), s.m.publics()).ok);
}

OP_TEST(shifting_cumulative_sums_between_tables_is_refused) {
  Setup s("range-lookup", 5);
  StarkProof proof = s.prove();
  Fp4 delta = Fp4::one();
  proof.tables[0].cumulative_sum += delta;
  proof.tables[1].cumulative_sum -= delta;  // still sums to zero
  CHECK(!s.check(proof).ok);
}

OP_TEST(every_sampled_byte_flip_is_refused) {
  Setup s("range-lookup", 4, fri::FriParams{1, 6, 2, 0, 3});  // arity-8 FRI rounds
  auto bytes = serialize_proof(s.prove());
  std::mt19937_64 rng(11);
  std::vector<size_t> positions;
  for (size_t i = 0; i < 64; ++i) positions.push_back(i);                      // header and first table
  for (size_t i = 0; i < 256; ++i) positions.push_back(rng() % bytes.size());  // everywhere
  for (size_t i = 0; i < 16; ++i) positions.push_back(bytes.size() - 1 - i);   // the tail
  size_t accepted = 0;
  for (size_t pos : positions) {
    auto flipped = bytes;
    flipped[pos] ^= uint8_t(1 + rng() % 255);
    if (s.check_bytes(flipped).ok) { ++accepted; std::fprintf(stderr, "flip at %zu accepted\n", pos); }
  }
  CHECK_EQ(accepted, size_t(0));
}

OP_TEST(truncated_oversized_and_garbage_proofs_are_refused) {
  Setup s("fibonacci", 5);
  auto bytes = serialize_proof(s.prove());
  for (size_t len : {size_t(0), size_t(3), size_t(8), bytes.size() / 2, bytes.size() - 1}) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + len);
    CHECK(!s.check_bytes(cut).ok);
  }
  auto longer = bytes;
  longer.push_back(0);
  CHECK(!s.check_bytes(longer).ok);
  std::mt19937_64 rng(3);
  for (int i = 0; i < 20; ++i) {
    std::vector<uint8_t> junk(size_t(rng() % 4096));
    for (auto& b : junk) b = uint8_t(rng());
    if (junk.size() >= 8) std::copy(bytes.begin(), bytes.begin() + 8, junk.begin());  // valid magic + version
    CHECK(!s.check_bytes(junk).ok);
  }
  // A huge table count right after the header (magic, version, 4 parameters) must not allocate.
  std::vector<uint8_t> huge(bytes.begin(), bytes.begin() + 24);
  for (int i = 0; i < 4; ++i) huge.push_back(0xff);
  VerifyResult r = s.check_bytes(huge);
  CHECK(!r.ok);
  CHECK(r.error.find("malformed") != std::string::npos);
}

OP_TEST(final_polynomial_of_too_high_degree_is_refused) {
  Setup s("fibonacci", 6);
  StarkProof proof = s.prove();
  proof.fri.final_poly.push_back(Fp4::one());
  CHECK(!s.check(proof).ok);
  StarkProof p2 = s.prove();
  p2.fri.final_poly.push_back(p2.fri.final_poly[0]);  // fold one round less, send degree 1
  p2.fri.commits.pop_back();
  for (auto& q : p2.fri.queries) q.layers.pop_back();
  CHECK(!s.check(p2).ok);
}

OP_TEST(key_mismatch_is_refused) {
  Setup s("fibonacci", 6);
  StarkProof proof = s.prove();
  VerifyingKey other = s.pk.vk;
  other.fri.num_queries += 1;
  VerifyResult r = verify(other, s.airs, proof, s.m.publics());
  CHECK(!r.ok);
  CHECK(r.error.find("FRI parameters") != std::string::npos);
  StarkProof relabelled = proof;  // the proof claims the other parameters too: still refused
  relabelled.params = other.fri;
  CHECK(!verify(other, s.airs, relabelled, s.m.publics()).ok);
  VerifyingKey renamed = s.pk.vk;
  renamed.tables[0].air_digest[0] += Fp::one();
  CHECK(!verify(renamed, s.airs, proof, s.m.publics()).ok);
  Setup w("wide-3", 6);
  CHECK(!verify(s.pk.vk, w.airs, proof, s.m.publics()).ok);  // other AIR code
  // Key bytes round trip; malformed keys are refused.
  auto vk_bytes = serialize_vk(s.pk.vk);
  CHECK(deserialize_vk(vk_bytes) == s.pk.vk);
  bool threw = false;
  try { deserialize_vk(std::span<const uint8_t>(vk_bytes).first(vk_bytes.size() - 1)); } catch (const FormatError&) { threw = true; }
  CHECK(threw);
  // Key for a different preprocessed table height.
  Setup p6("poseidon2", 6), p7("poseidon2", 7);
  CHECK(!verify(p7.pk.vk, p6.airs, p6.prove(), p6.m.publics()).ok);
}

OP_TEST(each_absorbed_value_changes_the_challenges) {
  Setup s("range-lookup", 4);
  StarkProof proof = s.prove();
  auto next_challenge = [&](const StarkProof& p, const VerifyingKey& vk, const std::vector<std::vector<Fp>>& pub) {
    challenger::Challenger ch;
    std::vector<uint32_t> heights;
    for (const auto& t : p.tables) heights.push_back(t.log_height);
    observe_instance(ch, vk, heights, pub);
    for (const auto& t : p.tables) { ch.observe(t.main_commit); ch.observe(t.permutation_commit); ch.observe(t.cumulative_sum); ch.observe(t.quotient_commit); }
    observe_openings(ch, p.tables);
    return ch.sample_ext();
  };
  const auto pub = s.m.publics();
  const Fp4 base = next_challenge(proof, s.pk.vk, pub);
  auto changed = [&](auto&& mutate) {
    StarkProof p = proof;
    VerifyingKey vk = s.pk.vk;
    auto pb = pub;
    mutate(p, vk, pb);
    return !(next_challenge(p, vk, pb) == base);
  };
  CHECK(changed([](StarkProof&, VerifyingKey& vk, auto&) { vk.fri.pow_bits += 1; }));
  CHECK(changed([](StarkProof&, VerifyingKey& vk, auto&) { vk.tables[1].preprocessed_commit[2] += Fp::one(); }));
  CHECK(changed([](StarkProof& p, VerifyingKey&, auto&) { p.tables[1].log_height += 1; }));
  CHECK(changed([](StarkProof& p, VerifyingKey&, auto&) { p.tables[0].main_commit[7] += Fp::one(); }));
  CHECK(changed([](StarkProof& p, VerifyingKey&, auto&) { p.tables[1].permutation_commit[0] += Fp::one(); }));
  CHECK(changed([](StarkProof& p, VerifyingKey&, auto&) { p.tables[0].cumulative_sum.c[3] += Fp::one(); }));
  CHECK(changed([](StarkProof& p, VerifyingKey&, auto&) { p.tables[1].quotient_commit[4] += Fp::one(); }));
  for (size_t t = 0; t < 2; ++t) {
    CHECK(changed([&](StarkProof& p, VerifyingKey&, auto&) { p.tables[t].main.local.back().c[1] += Fp::one(); }));
    CHECK(changed([&](StarkProof& p, VerifyingKey&, auto&) { p.tables[t].main.next[0].c[0] += Fp::one(); }));
    CHECK(changed([&](StarkProof& p, VerifyingKey&, auto&) { p.tables[t].permutation.next.back().c[2] += Fp::one(); }));
    CHECK(changed([&](StarkProof& p, VerifyingKey&, auto&) { p.tables[t].quotient.local[1].c[0] += Fp::one(); }));
  }
  CHECK(changed([](StarkProof& p, VerifyingKey&, auto&) { p.tables[0].preprocessed.local[0].c[0] += Fp::one(); }));
  // Public values: on the Fibonacci machine.
  Setup f("fibonacci", 4);
  StarkProof fp = f.prove();
  auto fpub = f.m.publics();
  const Fp4 fbase = next_challenge(fp, f.pk.vk, fpub);
  fpub[0][2] += Fp::one();
  CHECK(!(next_challenge(fp, f.pk.vk, fpub) == fbase));
  // And the verifier refuses a proof whose opened values were changed (all absorbed and checked).
  StarkProof q = proof;
  q.tables[1].main.local[0].c[0] += Fp::one();
  CHECK(!s.check(q).ok);
}

OP_TEST(provable_preset_round_trip) {
  Setup s("fibonacci", 4, fri::PROVABLE_PARAMS);
  CHECK(s.check(s.prove()).ok);
}

namespace {
// send(BUS, {v}, m) with m a trace column: with `negate`, the second table's multiplicities are
// the negated (p - m) ones, so the two tables balance only through negative field multiplicities.
struct SignedSendAir : air::Air {
  std::string tag;
  explicit SignedSendAir(std::string t) : tag(std::move(t)) {}
  std::string name() const override { return "test/signed-send-" + tag; }
  size_t width() const override { return 2; }
  void eval(air::AirBuilder& b) const override { b.send(7, {b.local(0)}, b.local(1), "signed"); }
};
}  // namespace

OP_TEST(negative_multiplicities_balance_across_tables) {
  SignedSendAir a("a"), b("b");
  const air::Air* airs[] = {&a, &b};
  ProvingKey pk = setup(airs, P, 10);
  field::Matrix ta(2, 16), tb(2, 32);
  for (size_t r = 0; r < 16; ++r) { ta.at(r, 0) = Fp::from_u32(uint32_t(r % 5)); ta.at(r, 1) = Fp::from_u32(uint32_t(r + 1)); }
  // Table b: the same (value, multiplicity) pairs negated, plus zero-multiplicity padding rows.
  for (size_t r = 0; r < 16; ++r) { tb.at(r, 0) = ta.at(r, 0); tb.at(r, 1) = -ta.at(r, 1); }
  for (size_t r = 16; r < 32; ++r) tb.at(r, 0) = Fp::from_u32(uint32_t(1000 + r));
  std::vector<TableWitness> w{{ta, {}}, {tb, {}}};
  std::vector<std::vector<Fp>> pub{{}, {}};
  CHECK(verify(pk.vk, pk.airs, stark::prove(pk, w), pub).ok);
  w[1].main.at(20, 1) = Fp::one();  // a padding row now sends once: unbalanced
  bool refused = false;
  try { stark::prove(pk, w); } catch (const std::invalid_argument&) { refused = true; }
  CHECK(refused);
  CHECK(!verify(pk.vk, pk.airs, stark::prove(pk, w, ProverOptions{false}), pub).ok);
}

OP_TEST(registered_air_factories_resolve_key_tables) {
  SignedSendAir a("registry-a"), b("registry-b");
  const air::Air* airs[] = {&a, &b};
  ProvingKey pk = setup(airs, P, 10);
  bool unknown = false;
  try { airs_for(pk.vk); } catch (const std::invalid_argument&) { unknown = true; }
  CHECK(unknown);
  register_air_factory([](const TableKey& t) -> std::unique_ptr<air::Air> {
    const std::string prefix = "test/signed-send-";
    if (t.name.rfind(prefix, 0) != 0) return nullptr;
    return std::make_unique<SignedSendAir>(t.name.substr(prefix.size()));
  });
  const auto resolved = airs_for(pk.vk);
  REQUIRE(resolved.size() == 2);
  CHECK(resolved[0].digest == pk.airs[0].digest && resolved[1].digest == pk.airs[1].digest);
  Setup f("fibonacci", 4);  // example tables need no registration
  CHECK(airs_for(f.pk.vk)[0].digest == f.airs[0].digest);
}

namespace {
// Columns v, m1, m2, m3: sends (v) with m1, (v + 1) with m2 and receives (v) with m3, three
// degree-1 interactions: LogUp batches them two and one (degree 3 each at most).
struct BatchedAir : air::Air {
  std::string name() const override { return "test/batched-lookups"; }
  size_t width() const override { return 4; }
  void eval(air::AirBuilder& b) const override {
    b.send(9, {b.local(0)}, b.local(1), "first");
    b.send(9, {b.local(0) + 1}, b.local(2), "second");
    b.receive(9, {b.local(0)}, b.local(3), "third");
  }
};
}  // namespace

OP_TEST(lookups_share_columns_and_every_batched_term_is_checked) {
  BatchedAir a;
  const air::Air* airs[] = {&a};
  ProvingKey pk = setup(airs, P, 10);
  CHECK_EQ(pk.airs[0].interactions.size(), size_t(3));
  CHECK_EQ(pk.airs[0].lookup_batches.size(), size_t(2));  // {first, second}, {third}
  // Row r: v = r sends (r) once and (r + 1) once; receives (r) twice for r >= 1 and once for r = 0,
  // and the last row's (16) is received by nobody... so the last row sends (v + 1) zero times.
  field::Matrix t(4, 16);
  for (size_t r = 0; r < 16; ++r) {
    t.at(r, 0) = Fp::from_u32(uint32_t(r));
    t.at(r, 1) = Fp::one();
    t.at(r, 2) = r + 1 < 16 ? Fp::one() : Fp::zero();
    t.at(r, 3) = Fp::from_u32(r == 0 ? 1 : 2);
  }
  std::vector<std::vector<Fp>> pub{{}};
  CHECK(verify(pk.vk, pk.airs, stark::prove(pk, {{t, {}}}), pub).ok);
  // The second term of the first batch forged (a send that nobody receives), and then the first.
  for (size_t col : {size_t(2), size_t(1)}) {
    field::Matrix f = t;
    f.at(5, col) += Fp::one();
    const auto v = verify(pk.vk, pk.airs, stark::prove(pk, {{f, {}}}, ProverOptions{false}), pub);
    CHECK(!v.ok);
    CHECK(v.error.find("balance") != std::string::npos);
  }
}
