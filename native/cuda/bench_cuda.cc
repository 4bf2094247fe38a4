// op_bench_cuda: GPU backend vs CPU reference on the same inputs, printed as a JSON array of
// figures {name, value, unit, params}. GPU times include the host<->device copies (the host API as
// it is used today); each figure records whether the GPU result equalled the CPU one.
// Without a CUDA device it prints [] (and the reason on stderr).
// Usage: op_bench_cuda [--quick]   (--quick: small sizes, for a smoke run)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "challenger/challenger.h"
#include "cuda/backend.h"
#include "hash/poseidon2.h"
#include "hash/sponge.h"
#include "ntt/ntt.h"

using namespace oneproof;
using field::Fp;
using field::Matrix;

namespace {

struct Figure {
  std::string name;
  double value;
  std::string unit;
  std::string params;  // JSON object body
};

double best_ms(int runs, const std::function<void()>& fn) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

Matrix random_matrix(size_t width, size_t height, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Matrix m(width, height);
  for (auto& x : m.values) x = Fp::from_u32(uint32_t(rng() % field::P));
  return m;
}

// Adds <name>_gpu_ms and <name>_cpu_ms figures with the shape and the equality verdict.
void compare(std::vector<Figure>& out, const std::string& name, const std::string& shape, int runs,
             const std::function<bool()>& gpu_equals_cpu, const std::function<void()>& gpu,
             const std::function<void()>& cpu) {
  const bool equal = gpu_equals_cpu();
  const std::string params = shape + ", \"equal_to_cpu\": " + (equal ? "true" : "false");
  out.push_back({name + "_gpu_ms", best_ms(runs, gpu), "ms", params});
  out.push_back({name + "_cpu_ms", best_ms(runs, cpu), "ms", params});
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  if (!cuda::cuda_available()) {
    std::fprintf(stderr, "op_bench_cuda: %s\n", cuda::device_description().c_str());
    std::printf("[]\n");
    return 0;
  }
  const std::string device = cuda::device_description();
  const int runs = quick ? 1 : 3;
  std::vector<Figure> figs;

  try {
    {  // Poseidon2 width-16 permutations
      const size_t count = quick ? (size_t(1) << 12) : (size_t(1) << 20);
      const Matrix m = random_matrix(16, count, 1);
      std::vector<Fp> gpu_states = m.values, cpu_states = m.values;
      compare(figs, "poseidon2_w16", "\"states\": " + std::to_string(count), runs,
              [&] {
                std::vector<Fp> a = m.values, b = m.values;
                cuda::poseidon2_w16_many(a);
                hash::poseidon2_w16_batch(b.data(), count);
                return a == b;
              },
              [&] { cuda::poseidon2_w16_many(gpu_states); },
              [&] { hash::poseidon2_w16_batch(cpu_states.data(), count); });
    }
    {  // Merkle leaves: rows of 32 elements
      const size_t rows = quick ? (size_t(1) << 12) : (size_t(1) << 20);
      const Matrix m = random_matrix(32, rows, 2);
      std::vector<hash::Digest> cpu(rows);
      compare(figs, "hash_rows", "\"rows\": " + std::to_string(rows) + ", \"width\": 32", runs,
              [&] {
                hash::hash_rows(m.values.data(), 32, rows, cpu.data());
                return cuda::hash_rows(m) == cpu;
              },
              [&] { cuda::hash_rows(m); }, [&] { hash::hash_rows(m.values.data(), 32, rows, cpu.data()); });
    }
    {  // One Merkle layer
      const size_t pairs = quick ? (size_t(1) << 12) : (size_t(1) << 20);
      const Matrix m = random_matrix(8, 2 * pairs, 3);
      std::vector<hash::Digest> in(2 * pairs), cpu(pairs);
      for (size_t i = 0; i < in.size(); ++i)
        for (size_t k = 0; k < 8; ++k) in[i][k] = m.at(i, k);
      compare(figs, "merkle_layer", "\"pairs\": " + std::to_string(pairs), runs,
              [&] {
                hash::compress_pairs(in.data(), pairs, cpu.data());
                return cuda::merkle_layer(in) == cpu;
              },
              [&] { cuda::merkle_layer(in); }, [&] { hash::compress_pairs(in.data(), pairs, cpu.data()); });
    }
    {  // NTT and coset LDE, 16 columns
      const unsigned log_n = quick ? 12 : 20;
      const Matrix m = random_matrix(16, size_t(1) << log_n, 4);
      const std::string shape = "\"log_rows\": " + std::to_string(log_n) + ", \"width\": 16";
      compare(figs, "ntt_forward", shape, runs,
              [&] {
                Matrix a = m, b = m;
                cuda::ntt_forward(a);
                ntt::forward(b);
                return a == b;
              },
              [&] { Matrix a = m; cuda::ntt_forward(a); }, [&] { Matrix b = m; ntt::forward(b); });
      const unsigned log_lde = quick ? 10 : 19;
      const Matrix e = random_matrix(16, size_t(1) << log_lde, 5);
      compare(figs, "coset_lde_blowup2", "\"log_rows\": " + std::to_string(log_lde) + ", \"width\": 16", runs,
              [&] { return cuda::coset_lde(e, 1) == ntt::coset_lde(e, 1); }, [&] { cuda::coset_lde(e, 1); },
              [&] { ntt::coset_lde(e, 1); });
    }
    {  // Grinding. Transcript: a fresh challenger that observed 3 elements, so the sponge state the
       // witness search starts from is (x0, x1, x2, 0, ...) with the witness in rate slot 3.
      const unsigned bits = quick ? 8 : 16;
      const Fp xs[3] = {Fp::from_u32(7), Fp::from_u32(11), Fp::from_u32(13)};
      Fp base[16] = {};
      std::copy(xs, xs + 3, base);
      const auto cpu_grind = [&] {
        challenger::Challenger ch;
        for (const Fp& x : xs) ch.observe(x);
        return ch.grind(bits);
      };
      const auto gpu_grind = [&] { return cuda::grind(std::span<const Fp, 16>(base, 16), 3, bits); };
      compare(figs, "grind", "\"bits\": " + std::to_string(bits), runs, [&] { return gpu_grind() == cpu_grind(); },
              [&] { gpu_grind(); }, [&] { cpu_grind(); });
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "op_bench_cuda: %s\n", e.what());
    return 1;
  }

  std::printf("[\n");
  for (size_t i = 0; i < figs.size(); ++i)
    std::printf("  {\"name\": \"%s\", \"value\": %.4f, \"unit\": \"%s\", \"params\": {%s, \"device\": \"%s\"}}%s\n",
                figs[i].name.c_str(), figs[i].value, figs[i].unit.c_str(), figs[i].params.c_str(), device.c_str(),
                i + 1 < figs.size() ? "," : "");
  std::printf("]\n");
  return 0;
}
