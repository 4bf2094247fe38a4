// common/parallel.h: every index exactly once, nested calls, exceptions reach the caller.
#include <atomic>
#include <mutex>
#include <thread>
#include <stdexcept>
#include <vector>

#include "common/parallel.h"
#include "common/test.h"

using oneproof::parallel::parallel_for;
using oneproof::parallel::thread_count;

OP_TEST(parallel_for_covers_each_index_once) {
  CHECK(thread_count() >= 1);
  for (size_t n : {size_t(0), size_t(1), size_t(7), size_t(1000), size_t(100003)}) {
    for (size_t grain : {size_t(1), size_t(64), size_t(1) << 20}) {
      std::vector<std::atomic<int>> hits(n);
      parallel_for(0, n, grain, [&](size_t lo, size_t hi) {
        CHECK(lo < hi && hi <= n);
        for (size_t i = lo; i < hi; ++i) hits[i].fetch_add(1);
      });
      bool once = true;
      for (auto& h : hits) once &= h.load() == 1;
      CHECK(once);
    }
  }
  // A non-zero begin is honoured.
  std::atomic<size_t> sum{0};
  parallel_for(10, 20, 1, [&](size_t lo, size_t hi) { for (size_t i = lo; i < hi; ++i) sum += i; });
  CHECK_EQ(sum.load(), size_t(145));
}

OP_TEST(parallel_for_nested_calls_complete) {
  std::atomic<size_t> total{0};
  parallel_for(0, 64, 1, [&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i)
      parallel_for(0, 100, 1, [&](size_t a, size_t b) { total += b - a; });
  });
  CHECK_EQ(total.load(), size_t(6400));
}

OP_TEST(parallel_for_rethrows_and_stays_usable) {
  bool caught = false;
  try {
    parallel_for(0, 1000, 1, [&](size_t lo, size_t hi) {
      if (lo <= 500 && 500 < hi) throw std::runtime_error("boom");
    });
  } catch (const std::runtime_error&) {
    caught = true;
  }
  CHECK(caught);
  std::atomic<size_t> count{0};
  parallel_for(0, 1000, 1, [&](size_t lo, size_t hi) { count += hi - lo; });
  CHECK_EQ(count.load(), size_t(1000));
}

OP_TEST(parallel_for_under_a_lock_with_concurrent_callers) {
  // Caller A holds `lock` around parallel_for while caller B's chunks take `lock`. A waiting caller
  // that ran other callers' queued chunks would deadlock on itself here; ours only runs its own.
  std::mutex lock;
  std::atomic<size_t> a_items{0}, b_items{0};
  std::thread b([&] {
    for (int round = 0; round < 200; ++round)
      parallel_for(0, 64, 1, [&](size_t lo, size_t hi) {
        std::lock_guard guard(lock);
        b_items += hi - lo;
      });
  });
  for (int round = 0; round < 200; ++round) {
    std::lock_guard guard(lock);
    parallel_for(0, 64, 1, [&](size_t lo, size_t hi) { a_items += hi - lo; });
  }
  b.join();
  CHECK_EQ(a_items.load(), size_t(200 * 64));
  CHECK_EQ(b_items.load(), size_t(200 * 64));
}
