#include "ntt/twiddles.h"

#include <mutex>

#include "common/parallel.h"

namespace oneproof::ntt {

using field::Fp;

std::shared_ptr<const std::vector<Fp>> twiddles(unsigned log_n) {
  static std::mutex mutex;
  static std::shared_ptr<const std::vector<Fp>> table;
  std::lock_guard lock(mutex);
  const size_t n = size_t(1) << log_n;
  if (table && table->size() >= n) return table;

  auto grown = std::make_shared<std::vector<Fp>>(n);
  std::vector<Fp>& tw = *grown;
  for (size_t half = 1, bits = 1; half < n; half *= 2, ++bits) {
    const Fp w = field::two_adic_generator(unsigned(bits));  // primitive 2*half-th root
    parallel::parallel_for(0, half, 4096, [&](size_t lo, size_t hi) {
      Fp x = w.pow(lo);
      for (size_t k = lo; k < hi; ++k, x *= w) tw[half + k] = x;
    });
  }
  table = std::move(grown);
  return table;
}

}  // namespace oneproof::ntt
