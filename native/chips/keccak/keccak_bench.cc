// op_bench_keccak: keccak-f[1600] chip figures as a JSON array of {name, value, unit, params}:
// trace cells per permutation, and for 2^k permutations (k from --log-perms, default 2,4,6) the
// trace generation time and the prove time, proof size and verify time of the chip with its bus
// partners and Range16 under the default FRI parameters. --quick runs k = 2 only.
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <sstream>
#include <string>
#include <vector>
#include "chips/keccak/keccak_air.h"
#include "chips/keccak/keccak_partners.h"
#include "common/parallel.h"
#include "stark/prover.h"
#include "stark/serialize.h"
#include "stark/verifier.h"

using namespace oneproof;
using namespace oneproof::chips;
using namespace oneproof::chips::keccak;

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Out {
  bool first = true;
  void figure(const char* name, double value, const char* unit, const std::string& params) {
    std::printf("%s\n  {\"name\": \"%s\", \"value\": %.6g, \"unit\": \"%s\", \"params\": {%s}}", first ? "[" : ",", name, value, unit,
                params.c_str());
    first = false;
  }
  ~Out() { std::printf("%s\n]\n", first ? "[" : ""); }
};

std::vector<KeccakEvent> events(size_t n) {
  std::mt19937_64 rng(n);
  std::vector<KeccakEvent> out(n);
  for (size_t i = 0; i < n; ++i) {
    for (auto& l : out[i].input) l = rng();
    out[i].output = keccak_permute(out[i].input);
    out[i].ptr = 0x10000 + 256 * uint32_t(i);
    out[i].ts = 4 * uint32_t(i + 1) + 2;
  }
  return out;
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<unsigned> log_perms = {2, 4, 6};
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) log_perms = {2};
    else if (!std::strcmp(argv[i], "--log-perms") && i + 1 < argc) {
      log_perms.clear();
      std::stringstream s(argv[++i]);
      for (std::string k; std::getline(s, k, ',');) log_perms.push_back(unsigned(std::stoul(k)));
    } else {
      std::fprintf(stderr, "usage: op_bench_keccak [--quick] [--log-perms k1,k2,...]\n");
      return 2;
    }
  }
  try {
    const fri::FriParams params = fri::DEFAULT_PARAMS;
    Out out;
    out.figure("keccak_trace_columns", double(Cols::kWidth), "columns", "");
    out.figure("keccak_trace_cells_per_permutation", double(Cols::kWidth * kRounds), "cells", "");
    KeccakAir keccak;
    Range16Air range;
    KeccakCallPartnerAir call;
    KeccakMemoryPartnerAir memory;
    const std::vector<const air::Air*> airs = {&keccak, &range, &call, &memory};
    for (unsigned k : log_perms) {
      if (k > 12) throw std::invalid_argument("--log-perms: at most 12");
      const auto ev = events(size_t(1) << k);
      auto t0 = std::chrono::steady_clock::now();
      RangeCounts counts;
      field::Matrix trace = keccak_trace(ev, counts);
      const double trace_s = seconds_since(t0);
      PartnerTraces partners = partner_traces(ev);
      const unsigned log_rows = unsigned(std::countr_zero(trace.height));
      const std::string p = "\"log_perms\": " + std::to_string(k) + ", \"log_rows\": " + std::to_string(log_rows) +
                            ", \"threads\": " + std::to_string(parallel::thread_count()) +
                            ", \"log_blowup\": " + std::to_string(params.log_blowup) + ", \"num_queries\": " + std::to_string(params.num_queries);
      std::vector<stark::TableWitness> w = {{std::move(trace), {}}, {counts.trace(), {}}, {std::move(partners.calls), {}}, {std::move(partners.memory), {}}};
      const stark::ProvingKey pk = stark::setup(airs, params, std::max(log_rows, 16u));
      t0 = std::chrono::steady_clock::now();
      const std::clock_t cpu0 = std::clock();
      const stark::StarkProof proof = stark::prove(pk, w, stark::ProverOptions{false});
      const double prove_s = seconds_since(t0), prove_cpu_s = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
      const std::vector<uint8_t> bytes = stark::serialize_proof(proof);
      t0 = std::chrono::steady_clock::now();
      const std::vector<std::vector<field::Fp>> publics(w.size());
      const stark::VerifyResult r = stark::verify_bytes(pk.vk, pk.airs, bytes, publics);
      const double verify_s = seconds_since(t0);
      if (!r.ok) { std::fprintf(stderr, "op_bench_keccak: proof did not verify: %s\n", r.error.c_str()); return 1; }
      const double perms = double(ev.size());
      out.figure("keccak_trace_gen_ms", trace_s * 1e3, "ms", p);
      out.figure("keccak_prove_ms", prove_s * 1e3, "ms", p);
      out.figure("keccak_prove_cpu_ms", prove_cpu_s * 1e3, "ms", p);
      out.figure("keccak_prove_perms_per_s", perms / prove_s, "perm/s", p);
      out.figure("keccak_proof_bytes", double(bytes.size()), "bytes", p);
      out.figure("keccak_verify_ms", verify_s * 1e3, "ms", p);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "op_bench_keccak: %s\n", e.what());
    return 1;
  }
  return 0;
}
