// op_bench_field: throughput of the proof system's lowest layers, printed as a JSON array of
// figures {name, value, unit, params} (bench/field.bench.ts runs it).
//   Poseidon2 W16 / W24 permutations per second on one core, per kernel (scalar, avx2, avx512),
//   timed with the thread's CPU clock;
//   Merkle leaf hashing (rows of 16) and 2-to-1 compression on all threads;
//   forward / inverse NTT and coset LDE of 2^20 and 2^22 rows x 16 columns on all threads (wall
//   time, and the process CPU time summed over threads as *_cpu_ms).
// Usage: op_bench_field [--quick]   (--quick: small sizes, for a smoke run)
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "common/parallel.h"
#include "hash/poseidon2.h"
#include "hash/sponge.h"
#include "ntt/ntt.h"

using namespace oneproof;
using field::Fp;
using field::Isa;
using field::Matrix;

namespace {
struct Figure {
  std::string name;
  double value;
  std::string unit;
  std::string params;  // JSON object body
};
std::vector<Figure> figures;

// CPU time of the calling thread: per-core rates stay meaningful on a shared, loaded machine.
double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double process_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct Timing { double wall, cpu; };  // seconds; cpu = all threads of the process

// Best wall time of `runs` runs, with the CPU time of that run.
Timing best_of(int runs, const std::function<void()>& fn) {
  Timing best{1e300, 0};
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    const double c0 = process_cpu_seconds();
    fn();
    const Timing t{seconds_since(t0), process_cpu_seconds() - c0};
    if (t.wall < best.wall) best = t;
  }
  return best;
}

std::vector<Fp> random_elems(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fp> v(n);
  for (auto& x : v) x = Fp::from_u32(uint32_t(rng() % field::P));
  return v;
}

void bench_permutations(bool quick) {
  for (size_t width : {size_t(16), size_t(24)}) {
    for (Isa isa : {Isa::scalar, Isa::avx2, Isa::avx512}) {
      if (!field::isa_supported(isa)) continue;
      const size_t count = isa == Isa::scalar ? 4096 : 16384;
      auto states = random_elems(count * width, 1);
      // Repeat until at least ~0.3 s of CPU time (quick: one pass) so the figure is stable.
      size_t done = 0;
      const double t0 = thread_cpu_seconds();
      do {
        if (width == 16) hash::poseidon2_w16_many(isa, states.data(), count);
        else hash::poseidon2_w24_many(isa, states.data(), count);
        done += count;
      } while (!quick && thread_cpu_seconds() - t0 < 0.3);
      const double rate = double(done) / (thread_cpu_seconds() - t0);
      figures.push_back({"poseidon2_w" + std::to_string(width) + "_perms_per_s_per_core", rate, "perm/s",
                         "\"isa\":\"" + std::string(field::isa_name(isa)) + "\",\"threads\":1,\"clock\":\"thread_cpu\""});
    }
  }
}

void bench_merkle_helpers(bool quick) {
  const size_t rows = quick ? (1 << 12) : (1 << 18), width = 16;
  auto data = random_elems(rows * width, 2);
  std::vector<hash::Digest> leaves(rows), parents(rows / 2);
  double t = best_of(3, [&] { hash::hash_rows(data.data(), width, rows, leaves.data()); }).wall;
  const std::string params = "\"isa\":\"" + std::string(field::isa_name(field::active_isa())) +
                             "\",\"threads\":" + std::to_string(parallel::thread_count());
  figures.push_back({"hash_rows_w16_rows_per_s", double(rows) / t, "rows/s", params + ",\"width\":16,\"rows\":" + std::to_string(rows)});
  t = best_of(3, [&] { hash::compress_pairs(leaves.data(), rows / 2, parents.data()); }).wall;
  figures.push_back({"compress_pairs_per_s", double(rows / 2) / t, "compress/s", params + ",\"pairs\":" + std::to_string(rows / 2)});
}

void bench_ntt(bool quick) {
  const std::vector<unsigned> log_sizes = quick ? std::vector<unsigned>{14} : std::vector<unsigned>{20, 22};
  const size_t width = 16;
  const std::string common = "\"isa\":\"" + std::string(field::isa_name(field::active_isa())) +
                             "\",\"threads\":" + std::to_string(parallel::thread_count()) + ",\"width\":16";
  for (unsigned log_n : log_sizes) {
    Matrix m(width, size_t(1) << log_n, random_elems(width << log_n, log_n));
    ntt::forward(m);  // warm-up: twiddle table, page faults
    const int runs = log_n >= 22 ? 2 : 3;
    const std::string params = common + ",\"log_rows\":" + std::to_string(log_n);
    auto record = [&](const std::string& name, const std::string& p, Timing t) {
      figures.push_back({name + "_ms", t.wall * 1e3, "ms", p});
      figures.push_back({name + "_cpu_ms", t.cpu * 1e3, "ms", p + ",\"clock\":\"process_cpu\""});
    };
    record("ntt_forward", params, best_of(runs, [&] { ntt::forward(m); }));
    record("ntt_inverse", params, best_of(runs, [&] { ntt::inverse(m); }));
    record("coset_lde", params + ",\"log_blowup\":1", best_of(runs, [&] { Matrix lde = ntt::coset_lde(m, 1); }));
  }
}

std::string json_escape_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    else { std::fprintf(stderr, "usage: op_bench_field [--quick]\n"); return 2; }
  }
  bench_permutations(quick);
  bench_merkle_helpers(quick);
  bench_ntt(quick);
  std::printf("[\n");
  for (size_t i = 0; i < figures.size(); ++i) {
    const Figure& f = figures[i];
    std::printf("  {\"name\":\"%s\",\"value\":%s,\"unit\":\"%s\",\"params\":{%s}}%s\n", f.name.c_str(),
                json_escape_number(f.value).c_str(), f.unit.c_str(), f.params.c_str(), i + 1 < figures.size() ? "," : "");
  }
  std::printf("]\n");
  return 0;
}
