// The STARK verifier (verifier.h; transcript order in transcript.h).
#include "stark/verifier.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include "stark/deep.h"
#include "stark/domain.h"
#include "stark/quotient.h"
#include "stark/serialize.h"
#include "stark/transcript.h"

namespace oneproof::stark {

namespace {
using challenger::Challenger;

class Reject : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void expect(bool ok, const std::string& why) {
  if (!ok) throw Reject(why);
}

void check_opened(const MatrixOpenedValues& v, size_t width, bool with_next, const std::string& what) {
  expect(v.local.size() == width, what + ": wrong number of opened values");
  expect(v.next.size() == (with_next ? width : 0), what + ": wrong number of opened next-row values");
}

// Shapes of the key, the AIRs and the proof against each other.
void check_shapes(const VerifyingKey& vk, std::span<const air::CompiledAir> airs, const StarkProof& proof,
                  std::span<const std::vector<Fp>> publics) {
  try {
    fri::validate(vk.fri);
  } catch (const std::invalid_argument& e) {
    throw Reject(std::string("verifying key: ") + e.what());
  }
  expect(vk.max_log_height + vk.fri.log_blowup <= field::TWO_ADICITY, "verifying key: max_log_height too large");
  expect(proof.params == vk.fri, "proof was made for other FRI parameters (" + fri::describe(proof.params) + ")");
  expect(airs.size() == vk.tables.size(), "AIRs do not match the verifying key");
  expect(proof.tables.size() == vk.tables.size(), "proof has the wrong number of tables");
  expect(publics.size() == vk.tables.size(), "wrong number of public-value lists");
  for (size_t t = 0; t < vk.tables.size(); ++t) {
    const TableKey& key = vk.tables[t];
    const air::CompiledAir& a = airs[t];
    const TableProof& tp = proof.tables[t];
    const std::string who = "table " + key.name;
    expect(a.digest == key.air_digest && a.name == key.name && a.width == key.width &&
               a.preprocessed_width == key.preprocessed_width && a.num_public_values == key.num_public_values &&
               a.interactions.size() == key.num_interactions && quotient_chunks(a) == key.num_quotient_chunks &&
               (key.preprocessed_width > 0) == (key.preprocessed_log_height > 0),
           who + ": AIR does not match the verifying key");
    expect(publics[t].size() == key.num_public_values, who + ": wrong number of public values");
    expect(tp.log_height >= std::max(MIN_LOG_HEIGHT, vk.fri.log_final_poly_len) && tp.log_height <= vk.max_log_height,
           who + ": height out of range");
    if (key.preprocessed_width > 0) expect(tp.log_height == key.preprocessed_log_height, who + ": height differs from the preprocessed height");
    const bool lookups = key.num_interactions > 0;
    check_opened(tp.preprocessed, key.preprocessed_width, key.preprocessed_width > 0, who + " preprocessed");
    check_opened(tp.main, key.width, true, who + " main");
    check_opened(tp.permutation, lookups ? 4 * (a.lookup_batches.size() + 1) : 0, lookups, who + " LogUp");
    check_opened(tp.quotient, 4 * key.num_quotient_chunks, false, who + " quotient");
  }
  expect(proof.queries.size() == vk.fri.num_queries, "wrong number of query openings");
  try {
    check_bus_arities(airs);
  } catch (const std::invalid_argument& e) {
    throw Reject(e.what());
  }
}

Fp4 ext_of(const std::vector<Fp4>& cols, size_t first) {
  // An F_{p^4} column stored as 4 base columns: sum_e X^e * col_e(zeta).
  Fp4 r;
  for (int e = 0; e < 4; ++e) {
    Fp4 basis;
    basis.c[e] = Fp::one();
    r += basis * cols[first + e];
  }
  return r;
}

// C(zeta) == Z_H(zeta) * Q(zeta) for one table.
void check_constraints_at_zeta(const air::CompiledAir& a, const TableProof& tp, std::span<const Fp> publics, Fp4 zeta,
                               const LookupChallenges& lookups, Fp4 alpha) {
  struct Leaves {
    const TableProof& tp;
    std::span<const Fp> publics;
    Selectors sel;
    Fp4 main(uint32_t c, uint32_t o) const { return o ? tp.main.next[c] : tp.main.local[c]; }
    Fp4 preprocessed(uint32_t c, uint32_t o) const { return o ? tp.preprocessed.next[c] : tp.preprocessed.local[c]; }
    Fp4 public_value(uint32_t i) const { return Fp4::from_base(publics[i]); }
    Fp4 is_first_row() const { return sel.is_first; }
    Fp4 is_last_row() const { return sel.is_last; }
    Fp4 is_transition() const { return sel.is_transition; }
  } leaves{tp, publics, selectors_at(zeta, tp.log_height)};
  std::vector<Fp4> values;
  air::evaluate_nodes<Fp4>(a.graph, leaves, values);

  const size_t k = a.interactions.empty() ? 0 : a.lookup_batches.size();
  std::vector<Fp4> h_local(k), h_next(k);
  PermutationRow perm{h_local.data(), h_next.data(), Fp4(), Fp4()};
  if (k > 0) {
    for (size_t i = 0; i < k; ++i) { h_local[i] = ext_of(tp.permutation.local, 4 * i); h_next[i] = ext_of(tp.permutation.next, 4 * i); }
    perm.phi_local = ext_of(tp.permutation.local, 4 * k);
    perm.phi_next = ext_of(tp.permutation.next, 4 * k);
  }
  auto val = [&](uint32_t node) { return values[node]; };
  const Fp4 folded = fold_constraints<Fp4>(a, val, perm, leaves.sel.is_first, leaves.sel.is_last, leaves.sel.is_transition,
                                           lookups, tp.cumulative_sum, powers(alpha, num_folded_constraints(a)));
  const Fp4 quotient = recompose_quotient(tp.quotient.local, zeta, tp.log_height);
  expect(folded == leaves.sel.zerofier * quotient, "table " + a.name + ": constraints do not hold at the out-of-domain point");
}

Fp4 verify_or_throw(const VerifyingKey& vk, std::span<const air::CompiledAir> airs, const StarkProof& proof,
                    std::span<const std::vector<Fp>> publics, const VerifyOptions& options) {
  check_shapes(vk, airs, proof, publics);
  if (options.shared_lookups) {
    try {
      check_shared_lookups(airs, *options.shared_lookups);
    } catch (const std::invalid_argument& e) {
      throw Reject(e.what());
    }
  }
  const size_t T = vk.tables.size();
  const unsigned lb = vk.fri.log_blowup;

  Challenger ch;
  std::vector<uint32_t> log_heights;
  for (const auto& tp : proof.tables) log_heights.push_back(tp.log_height);
  observe_instance(ch, vk, log_heights, publics);
  for (const auto& tp : proof.tables) ch.observe(tp.main_commit);

  bool any_lookups = false;
  size_t arity = 0;
  for (const auto& a : airs) { any_lookups |= !a.interactions.empty(); arity = std::max(arity, max_arity(a)); }
  LookupChallenges lookups;
  if (options.shared_lookups) {
    lookups = *options.shared_lookups;
    observe_shared_lookups(ch, lookups);
  } else if (any_lookups) {
    const Fp4 gamma = ch.sample_ext(), beta = ch.sample_ext();
    lookups = LookupChallenges(gamma, beta, arity);
  }
  Fp4 bus_total;
  for (size_t t = 0; t < T; ++t) {
    if (vk.tables[t].num_interactions == 0) continue;
    ch.observe(proof.tables[t].permutation_commit);
    ch.observe(proof.tables[t].cumulative_sum);
    bus_total += proof.tables[t].cumulative_sum;
  }
  if (!options.shared_lookups) expect(bus_total.is_zero(), "LogUp buses do not balance (cumulative sums do not add up to zero)");
  const Fp4 alpha = ch.sample_ext();
  for (const auto& tp : proof.tables) ch.observe(tp.quotient_commit);
  const Fp4 zeta = ch.sample_ext();
  // zeta outside the base field: never a trace-domain or LDE point, so no division by zero below.
  expect(!(zeta.c[1].is_zero() && zeta.c[2].is_zero() && zeta.c[3].is_zero()), "out-of-domain point fell in the base field");

  for (size_t t = 0; t < T; ++t) check_constraints_at_zeta(airs[t], proof.tables[t], publics[t], zeta, lookups, alpha);

  observe_openings(ch, proof.tables);
  const Fp4 deep_alpha = ch.sample_ext();

  // DEEP terms, in the prover's order, and the commitments they are checked against.
  struct Committed { Digest root; DeepTerm term; size_t width; };
  std::vector<std::vector<Committed>> committed(T);
  std::vector<unsigned> heights;
  Fp4 running = Fp4::one();
  for (size_t t = 0; t < T; ++t) {
    const TableKey& key = vk.tables[t];
    const TableProof& tp = proof.tables[t];
    auto add = [&](const Digest& root, const MatrixOpenedValues& v, size_t width) {
      committed[t].push_back({root, make_deep_term(deep_alpha, running, v, width), width});
    };
    if (key.preprocessed_width > 0) add(key.preprocessed_commit, tp.preprocessed, key.preprocessed_width);
    add(tp.main_commit, tp.main, key.width);
    if (key.num_interactions > 0) add(tp.permutation_commit, tp.permutation, 4 * (airs[t].lookup_batches.size() + 1));
    add(tp.quotient_commit, tp.quotient, 4 * key.num_quotient_chunks);
    const unsigned log_N = tp.log_height + lb;
    if (std::find(heights.begin(), heights.end(), log_N) == heights.end()) heights.push_back(log_N);
  }

  auto open_inputs = [&](size_t q, size_t index) {
    std::map<unsigned, Fp4> ro;
    const QueryOpenings& qo = proof.queries[q];
    expect(qo.tables.size() == T, "query " + std::to_string(q) + ": wrong number of tables");
    for (size_t t = 0; t < T; ++t) {
      const unsigned log_n = proof.tables[t].log_height, log_N = log_n + lb;
      const size_t row_index = index % (size_t(1) << log_N);
      const Fp x = fri::coset_shift() * field::two_adic_generator(log_N).pow(row_index);
      const Fp4 inv_local = (Fp4::from_base(x) - zeta).inverse();
      const Fp4 inv_next = (Fp4::from_base(x) - zeta * field::two_adic_generator(log_n)).inverse();
      expect(qo.tables[t].size() == committed[t].size(), "query " + std::to_string(q) + ": wrong number of openings");
      Fp4 sum;
      for (size_t m = 0; m < committed[t].size(); ++m) {
        const RowOpening& o = qo.tables[t][m];
        const Committed& c = committed[t][m];
        expect(o.row.size() == c.width, "query " + std::to_string(q) + ": opened row has the wrong width");
        if (!merkle::verify_opening(c.root, log_N, row_index, o.row, o.path))
          throw fri::FriError("query " + std::to_string(q) + ": Merkle opening of table " + vk.tables[t].name + " refused");
        sum += deep_row(c.term, o.row.data(), inv_local, inv_next);
      }
      ro[log_N] += sum;
    }
    return ro;
  };
  fri::verify(vk.fri, heights, proof.fri, ch, open_inputs);
  return bus_total;
}
}  // namespace

VerifyResult verify(const VerifyingKey& vk, std::span<const air::CompiledAir> airs, const StarkProof& proof,
                    std::span<const std::vector<Fp>> publics, const VerifyOptions& options) {
  try {
    return {true, {}, verify_or_throw(vk, airs, proof, publics, options)};
  } catch (const Reject& e) {
    return {false, e.what(), {}};
  } catch (const fri::FriError& e) {
    return {false, e.what(), {}};
  } catch (const std::exception& e) {
    return {false, std::string("verifier error: ") + e.what(), {}};
  }
}

VerifyResult verify_bytes(const VerifyingKey& vk, std::span<const air::CompiledAir> airs, std::span<const uint8_t> proof_bytes,
                          std::span<const std::vector<Fp>> publics, const VerifyOptions& options) {
  StarkProof proof;
  try {
    proof = deserialize_proof(proof_bytes);
  } catch (const FormatError& e) {
    return {false, std::string("malformed proof: ") + e.what(), {}};
  }
  return verify(vk, airs, proof, publics, options);
}

}  // namespace oneproof::stark
