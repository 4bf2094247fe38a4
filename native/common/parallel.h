// A small shared thread pool and `parallel_for` for data-parallel loops (NTT stages, Merkle leaves).
//
// - One process-wide pool, started lazily on first use with `thread_count()` threads (the hardware
//   concurrency, or the OP_THREADS environment variable when set to a positive number).
// - `parallel_for(begin, end, grain, fn)` calls `fn(lo, hi)` on disjoint sub-ranges covering
//   [begin, end) and returns when all have finished. The calling thread takes part in the work.
// - Nested calls (from inside a `fn`) run serially on the calling thread, so they never deadlock.
// - An exception thrown by `fn` is rethrown on the calling thread after every chunk has finished.
#pragma once
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdlib>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace oneproof::parallel {

namespace detail {
inline size_t configured_threads() {
  if (const char* env = std::getenv("OP_THREADS")) {
    long n = std::strtol(env, nullptr, 10);
    if (n > 0) return size_t(std::min<long>(n, 1024));
  }
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? hw : 1;
}

inline thread_local bool inside_parallel_region = false;

class Pool {
 public:
  explicit Pool(size_t threads) {
    for (size_t i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~Pool() {
    { std::lock_guard lock(mutex_); stopping_ = true; }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
  }
  size_t size() const { return workers_.size() + 1; }

  void submit(std::function<void()> task) {
    { std::lock_guard lock(mutex_); tasks_.push_back(std::move(task)); }
    wake_.notify_one();
  }
  // Runs queued tasks on the calling thread until none are left (helps while waiting).
  bool run_one() {
    std::function<void()> task;
    {
      std::lock_guard lock(mutex_);
      if (tasks_.empty()) return false;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
    return true;
  }

 private:
  void work() {
    inside_parallel_region = true;
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (stopping_ && tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

  std::vector<std::thread> workers_;
  std::deque<std::function<void()>> tasks_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

inline Pool& pool() {
  static Pool instance(configured_threads());
  return instance;
}
}  // namespace detail

// Number of threads parallel_for may use (including the caller).
inline size_t thread_count() { return detail::pool().size(); }

// Calls fn(lo, hi) over [begin, end) split into at most ~4 chunks per thread, each >= grain items.
template <class Fn>
void parallel_for(size_t begin, size_t end, size_t grain, Fn&& fn) {
  if (end <= begin) return;
  const size_t n = end - begin;
  grain = std::max<size_t>(grain, 1);
  const size_t threads = detail::inside_parallel_region ? 1 : thread_count();
  size_t chunks = std::min(n / grain, threads * 4);
  if (chunks <= 1) { fn(begin, end); return; }

  struct Shared {
    size_t remaining;  // guarded by mutex: the last chunk notifies while holding it
    std::mutex mutex;
    std::condition_variable done;
    std::exception_ptr error;
  } shared;
  shared.remaining = chunks;

  auto run_chunk = [&](size_t c) {
    const size_t lo = begin + n * c / chunks, hi = begin + n * (c + 1) / chunks;
    const bool was_inside = detail::inside_parallel_region;
    detail::inside_parallel_region = true;
    try { fn(lo, hi); } catch (...) {
      std::lock_guard lock(shared.mutex);
      if (!shared.error) shared.error = std::current_exception();
    }
    detail::inside_parallel_region = was_inside;
    std::lock_guard lock(shared.mutex);
    if (--shared.remaining == 0) shared.done.notify_all();
  };

  auto& pool = detail::pool();
  for (size_t c = 1; c < chunks; ++c) pool.submit([&run_chunk, c] { run_chunk(c); });
  run_chunk(0);
  // Help with queued work instead of idling, then wait for chunks still running elsewhere.
  auto finished = [&] { std::lock_guard lock(shared.mutex); return shared.remaining == 0; };
  while (!finished() && pool.run_one()) {}
  std::unique_lock lock(shared.mutex);
  shared.done.wait(lock, [&] { return shared.remaining == 0; });
  if (shared.error) std::rethrow_exception(shared.error);
}

}  // namespace oneproof::parallel
