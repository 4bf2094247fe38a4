// The STARK prover (protocol in prover.h, transcript order in transcript.h).
#include "stark/prover.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <stdexcept>
#include "air/checker.h"
#include "common/parallel.h"
#include "ntt/ntt.h"
#include "stark/deep.h"
#include "stark/domain.h"
#include "stark/logup.h"
#include "stark/quotient.h"
#include "stark/transcript.h"

namespace oneproof::stark {

namespace {
using challenger::Challenger;

// OP_STARK_TIMING=1 prints each prover phase's wall and CPU time (all threads) to stderr.
class PhaseTimer {
 public:
  PhaseTimer() : enabled_(std::getenv("OP_STARK_TIMING") != nullptr), wall_(std::chrono::steady_clock::now()), cpu_(std::clock()) {}
  void mark(const char* phase) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    const std::clock_t cpu = std::clock();
    std::fprintf(stderr, "stark prove: %-22s wall %9.1f ms  cpu %9.1f ms\n", phase,
                 std::chrono::duration<double, std::milli>(now - wall_).count(), 1e3 * double(cpu - cpu_) / CLOCKS_PER_SEC);
    wall_ = now;
    cpu_ = cpu;
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point wall_;
  std::clock_t cpu_;
};

unsigned log2_exact(size_t n) {
  unsigned l = 0;
  while ((size_t(1) << l) < n) ++l;
  return l;
}

void check_shapes(const ProvingKey& pk, const std::vector<TableWitness>& tables) {
  if (tables.size() != pk.vk.tables.size()) throw std::invalid_argument("prove: wrong number of tables");
  for (size_t t = 0; t < tables.size(); ++t) {
    const TableKey& key = pk.vk.tables[t];
    const field::Matrix& m = tables[t].main;
    const std::string who = "prove: table " + key.name + ": ";
    if (m.width != key.width) throw std::invalid_argument(who + "wrong trace width");
    if (m.height == 0 || (m.height & (m.height - 1)) != 0) throw std::invalid_argument(who + "height must be a power of two");
    const unsigned log_n = log2_exact(m.height);
    if (log_n < std::max(MIN_LOG_HEIGHT, pk.vk.fri.log_final_poly_len) || log_n > pk.vk.max_log_height)
      throw std::invalid_argument(who + "height out of the key's range");
    if (key.preprocessed_width > 0 && log_n != key.preprocessed_log_height)
      throw std::invalid_argument(who + "height must equal the preprocessed height");
    if (tables[t].publics.size() != key.num_public_values) throw std::invalid_argument(who + "wrong number of public values");
  }
}

void check_witness(const ProvingKey& pk, const std::vector<TableWitness>& tables, bool local_only) {
  std::vector<air::TableTrace> traces;
  for (size_t t = 0; t < tables.size(); ++t) {
    const field::Matrix* pre = pk.preprocessed[t] ? &pk.preprocessed[t]->trace : nullptr;
    if (auto v = air::check_constraints(pk.airs[t], tables[t].main, pre, tables[t].publics))
      throw std::invalid_argument("prove: " + v->message);
    traces.push_back({&pk.airs[t], &tables[t].main, pre, tables[t].publics});
  }
  if (auto b = air::check_buses(traces, local_only)) throw std::invalid_argument("prove: " + b->message);
}

// 1 / (x_j - z) over the coset of size 2^log_N.
std::vector<Fp4> inverse_denominators(unsigned log_N, Fp4 z) {
  const std::vector<Fp> xs = coset_points(log_N, fri::coset_shift());
  std::vector<Fp4> d(xs.size());
  for (size_t j = 0; j < xs.size(); ++j) d[j] = Fp4::from_base(xs[j]) - z;
  return batch_inverse(d);
}

struct TableState {
  unsigned log_n = 0;
  std::optional<merkle::MerkleTree> main_tree, perm_tree, quotient_tree;
  field::Matrix perm_trace, quotient_coeffs;
};
}  // namespace

std::vector<Digest> commit_main_traces(const ProvingKey& pk, const std::vector<TableWitness>& tables) {
  check_shapes(pk, tables);
  std::vector<Digest> roots;
  for (const auto& t : tables) roots.push_back(merkle::MerkleTree(ntt::coset_lde(t.main, pk.vk.fri.log_blowup, fri::coset_shift())).root());
  return roots;
}

StarkProof prove(const ProvingKey& pk, const std::vector<TableWitness>& tables, const ProverOptions& options) {
  PhaseTimer timer;
  check_shapes(pk, tables);
  if (options.shared_lookups) check_shared_lookups(pk.airs, *options.shared_lookups);
  if (options.check_witness) check_witness(pk, tables, options.shared_lookups != nullptr);
  timer.mark("witness check");
  const VerifyingKey& vk = pk.vk;
  const unsigned lb = vk.fri.log_blowup;
  const Fp shift = fri::coset_shift();
  const size_t T = tables.size();

  StarkProof proof;
  proof.params = vk.fri;
  proof.tables.resize(T);
  std::vector<TableState> st(T);
  std::vector<uint32_t> log_heights(T);
  std::vector<std::vector<Fp>> publics(T);
  for (size_t t = 0; t < T; ++t) {
    st[t].log_n = log2_exact(tables[t].main.height);
    log_heights[t] = st[t].log_n;
    proof.tables[t].log_height = st[t].log_n;
    publics[t] = tables[t].publics;
  }
  Challenger ch;
  observe_instance(ch, vk, log_heights, publics);

  // 1. Main traces.
  for (size_t t = 0; t < T; ++t) {
    st[t].main_tree.emplace(ntt::coset_lde(tables[t].main, lb, shift));
    proof.tables[t].main_commit = st[t].main_tree->root();
    ch.observe(proof.tables[t].main_commit);
  }
  timer.mark("main LDE + commit");

  // 2. LogUp traces.
  bool any_lookups = false;
  size_t arity = 0;
  for (const auto& a : pk.airs) { any_lookups |= !a.interactions.empty(); arity = std::max(arity, max_arity(a)); }
  LookupChallenges lookups;
  if (options.shared_lookups) {
    lookups = *options.shared_lookups;
    observe_shared_lookups(ch, lookups);
  } else if (any_lookups) {
    const Fp4 gamma = ch.sample_ext(), beta = ch.sample_ext();
    lookups = LookupChallenges(gamma, beta, arity);
  }
  for (size_t t = 0; t < T; ++t) {
    if (pk.airs[t].interactions.empty()) continue;
    const field::Matrix* pre = pk.preprocessed[t] ? &pk.preprocessed[t]->trace : nullptr;
    st[t].perm_trace = permutation_trace(pk.airs[t], tables[t].main, pre, tables[t].publics, lookups, &proof.tables[t].cumulative_sum);
    timer.mark("LogUp columns");
    st[t].perm_tree.emplace(ntt::coset_lde(st[t].perm_trace, lb, shift));
    timer.mark("LogUp LDE + commit");
    proof.tables[t].permutation_commit = st[t].perm_tree->root();
    ch.observe(proof.tables[t].permutation_commit);
    ch.observe(proof.tables[t].cumulative_sum);
  }

  const Fp4 alpha = ch.sample_ext();

  // 3. Quotients.
  for (size_t t = 0; t < T; ++t) {
    QuotientInputs in{&pk.airs[t], &st[t].main_tree->matrix(),
                      pk.preprocessed[t] ? &pk.preprocessed[t]->lde.matrix() : nullptr,
                      st[t].perm_tree ? &st[t].perm_tree->matrix() : nullptr,
                      tables[t].publics, st[t].log_n, lb, &lookups, proof.tables[t].cumulative_sum, alpha};
    const std::vector<Fp4> q = quotient_on_lde(in);
    timer.mark("quotient evaluation");
    st[t].quotient_coeffs = quotient_chunk_coefficients(q, st[t].log_n, vk.tables[t].num_quotient_chunks);
    st[t].quotient_tree.emplace(coset_evaluate(st[t].quotient_coeffs, st[t].log_n + lb, shift));
    proof.tables[t].quotient_commit = st[t].quotient_tree->root();
    ch.observe(proof.tables[t].quotient_commit);
  }
  timer.mark("quotient commit");
  const Fp4 zeta = ch.sample_ext();

  // 4. Out-of-domain openings.
  for (size_t t = 0; t < T; ++t) {
    const Fp4 zeta_next = zeta * field::two_adic_generator(st[t].log_n);
    TableProof& tp = proof.tables[t];
    auto open_trace = [&](const field::Matrix& m, MatrixOpenedValues& out) {
      out.local = evaluate_columns_at(m, zeta);
      out.next = evaluate_columns_at(m, zeta_next);
    };
    if (pk.preprocessed[t]) open_trace(pk.preprocessed[t]->trace, tp.preprocessed);
    open_trace(tables[t].main, tp.main);
    if (st[t].perm_tree) open_trace(st[t].perm_trace, tp.permutation);
    tp.quotient.local = evaluate_coefficients_at(st[t].quotient_coeffs, zeta);
  }
  observe_openings(ch, proof.tables);
  timer.mark("out-of-domain openings");
  const Fp4 deep_alpha = ch.sample_ext();

  // 5. DEEP quotients per LDE height, then FRI.
  std::map<unsigned, std::vector<Fp4>> reduced;
  Fp4 running = Fp4::one();
  for (size_t t = 0; t < T; ++t) {
    const unsigned log_N = st[t].log_n + lb;
    const size_t N = size_t(1) << log_N;
    auto& ro = reduced[log_N];
    if (ro.empty()) ro.assign(N, Fp4());
    const std::vector<Fp4> inv_local = inverse_denominators(log_N, zeta);
    const std::vector<Fp4> inv_next = inverse_denominators(log_N, zeta * field::two_adic_generator(st[t].log_n));
    auto add = [&](const merkle::MerkleTree& tree, const MatrixOpenedValues& v) {
      const DeepTerm term = make_deep_term(deep_alpha, running, v, tree.matrix().width);
      parallel::parallel_for(0, (N + 255) / 256, 4, [&](size_t lo, size_t hi) {
        for (size_t b = lo; b < hi; ++b) {
          const size_t r0 = b * 256, len = std::min<size_t>(256, N - r0);
          deep_rows(term, tree.matrix(), r0, len, inv_local.data() + r0, inv_next.data() + r0, ro.data() + r0);
        }
      });
    };
    if (pk.preprocessed[t]) add(pk.preprocessed[t]->lde, proof.tables[t].preprocessed);
    add(*st[t].main_tree, proof.tables[t].main);
    if (st[t].perm_tree) add(*st[t].perm_tree, proof.tables[t].permutation);
    add(*st[t].quotient_tree, proof.tables[t].quotient);
  }
  timer.mark("DEEP quotients");
  fri::FriProverResult fri_result = fri::prove(vk.fri, std::move(reduced), ch);
  proof.fri = std::move(fri_result.proof);

  for (size_t index : fri_result.query_indices) {
    QueryOpenings q;
    for (size_t t = 0; t < T; ++t) {
      const size_t row = index % (size_t(1) << (st[t].log_n + lb));
      std::vector<RowOpening> openings;
      auto open = [&](const merkle::MerkleTree& tree) {
        auto r = tree.row(row);
        openings.push_back(RowOpening{std::vector<Fp>(r.begin(), r.end()), tree.open(row)});
      };
      if (pk.preprocessed[t]) open(pk.preprocessed[t]->lde);
      open(*st[t].main_tree);
      if (st[t].perm_tree) open(*st[t].perm_tree);
      open(*st[t].quotient_tree);
      q.tables.push_back(std::move(openings));
    }
    proof.queries.push_back(std::move(q));
  }
  timer.mark("FRI + query openings");
  return proof;
}

}  // namespace oneproof::stark
