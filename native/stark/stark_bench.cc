// op_stark_bench: proof-system figures as a JSON array of {name, value, unit, params}.
//   Merkle commit of 2^20 rows x 64 columns (cells/s), and for the 64-column "wide" AIR with
//   2^20 rows under the default FRI parameters: prove time, proof size, verify time.
// Wall times are reported with the process CPU time of the prover (all threads), which stays
// meaningful when the machine is shared. --quick uses 2^14 rows (CI smoke run); --log-rows N and --width W override the shape.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include "common/parallel.h"
#include "merkle/merkle.h"
#include "stark/examples.h"
#include "stark/serialize.h"
#include "stark/verifier.h"

using namespace oneproof;

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
}  // namespace

int main(int argc, char** argv) {
  unsigned log_rows = 20;
  size_t width = 64;
  fri::FriParams params = fri::DEFAULT_PARAMS;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) log_rows = 14;
    else if (!std::strcmp(argv[i], "--log-rows") && i + 1 < argc) log_rows = unsigned(std::stoul(argv[++i]));
    else if (!std::strcmp(argv[i], "--width") && i + 1 < argc) width = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--log-blowup") && i + 1 < argc) params.log_blowup = unsigned(std::stoul(argv[++i]));
    else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) params.num_queries = unsigned(std::stoul(argv[++i]));
    else { std::fprintf(stderr, "usage: op_stark_bench [--quick] [--log-rows N] [--width W] [--log-blowup B] [--queries Q]\n"); return 2; }
  }
  try {
    const size_t threads = parallel::thread_count();
    const std::string shape = "\"log_rows\": " + std::to_string(log_rows) + ", \"width\": " + std::to_string(width) +
                              ", \"threads\": " + std::to_string(threads);
    Out out;

    {  // Merkle commit.
      field::Matrix m(width, size_t(1) << log_rows);
      std::mt19937 rng(1);
      for (auto& v : m.values) v = field::Fp::from_u32(rng() % field::P);
      merkle::MerkleTree warm(m);  // first use starts the thread pool
      const auto t0 = std::chrono::steady_clock::now();
      merkle::MerkleTree tree(std::move(m));
      const double s = seconds_since(t0);
      out.figure("merkle_commit_cells_per_s", double(width << log_rows) / s, "cells/s", shape);
    }

    const std::string p = shape + ", \"log_blowup\": " + std::to_string(params.log_blowup) +
                          ", \"num_queries\": " + std::to_string(params.num_queries) + ", \"pow_bits\": " + std::to_string(params.pow_bits) +
                          ", \"max_log_arity\": " + std::to_string(params.max_log_arity);
    stark::ExampleMachine machine = stark::make_example("wide-" + std::to_string(width), log_rows);
    const stark::ProvingKey pk = stark::setup(machine.air_ptrs(), params, std::max(log_rows, 8u));
    auto t0 = std::chrono::steady_clock::now();
    const std::clock_t cpu0 = std::clock();
    const stark::StarkProof proof = stark::prove(pk, machine.witnesses, stark::ProverOptions{false});
    const double prove_s = seconds_since(t0);
    const double prove_cpu_s = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
    const std::vector<uint8_t> bytes = stark::serialize_proof(proof);
    t0 = std::chrono::steady_clock::now();
    const stark::VerifyResult r = stark::verify_bytes(pk.vk, pk.airs, bytes, machine.publics());
    const double verify_s = seconds_since(t0);
    if (!r.ok) { std::fprintf(stderr, "op_stark_bench: proof did not verify: %s\n", r.error.c_str()); return 1; }
    out.figure("stark_prove_ms", prove_s * 1e3, "ms", p);
    out.figure("stark_prove_cpu_ms", prove_cpu_s * 1e3, "ms", p);  // all threads: robust on a loaded machine
    out.figure("stark_prove_cells_per_s", double(width << log_rows) / prove_s, "cells/s", p);
    out.figure("stark_proof_bytes", double(bytes.size()), "bytes", p);
    out.figure("stark_verify_ms", verify_s * 1e3, "ms", p);
    const fri::SecurityBits bits = fri::security_bits(params, log_rows + params.log_blowup);
    out.figure("stark_conjectured_security_bits", bits.conjectured, "bits", p);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "op_stark_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
