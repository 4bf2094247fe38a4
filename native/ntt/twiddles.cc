#include "ntt/twiddles.h"

#include <mutex>

#include "common/parallel.h"

namespace oneproof::ntt {

using field::Fp;

std::shared_ptr<const std::vector<Fp>> twiddles(unsigned log_n) {
  static std::mutex mutex;
  static std::shared_ptr<const std::vector<Fp>> table;
  const size_t n = size_t(1) << log_n;
  {
    std::lock_guard lock(mutex);
    if (table && table->size() >= n) return table;
  }
  // Computed without the lock (it uses the thread pool); concurrent growers may both compute, the
  // larger table wins.
  auto grown = std::make_shared<std::vector<Fp>>(n);
  std::vector<Fp>& tw = *grown;
  for (size_t half = 1, bits = 1; half < n; half *= 2, ++bits) {
    const Fp w = field::two_adic_generator(unsigned(bits));  // primitive 2*half-th root
    parallel::parallel_for(0, half, 4096, [&](size_t lo, size_t hi) {
      Fp x = w.pow(lo);
      for (size_t k = lo; k < hi; ++k, x *= w) tw[half + k] = x;
    });
  }
  std::lock_guard lock(mutex);
  if (!table || table->size() < grown->size()) table = std::move(grown);
  return table;
}

}  // namespace oneproof::ntt
