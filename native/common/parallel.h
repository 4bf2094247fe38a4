// A small shared thread pool and `parallel_for` for data-parallel loops (NTT stages, Merkle leaves).
//
// - One process-wide pool, started lazily on first use with `thread_count()` threads (the hardware
//   concurrency, or the OP_THREADS environment variable when set to a positive number).
// - `parallel_for(begin, end, grain, fn)` calls `fn(lo, hi)` on disjoint sub-ranges covering
//   [begin, end) and returns when all have finished. The calling thread takes part in the work
//   (its own chunks only).
// - Nested calls (from inside a `fn`) run serially on the calling thread, so they never deadlock.
// - An exception thrown by `fn` is rethrown on the calling thread after every chunk has finished.
#pragma once
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdlib>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
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
//
// Chunks are claimed from a shared counter by the caller and by helper tasks on the pool. The
// caller only ever runs chunks of its own call (never another caller's queued work), so holding a
// lock around parallel_for cannot deadlock through the pool. Helpers that start after all chunks
// are taken find nothing to do and touch only the shared job state, which they co-own.
template <class Fn>
void parallel_for(size_t begin, size_t end, size_t grain, Fn&& fn) {
  if (end <= begin) return;
  const size_t n = end - begin;
  grain = std::max<size_t>(grain, 1);
  const size_t threads = detail::inside_parallel_region ? 1 : thread_count();
  const size_t chunks = std::min(n / grain, threads * 4);
  if (chunks <= 1) { fn(begin, end); return; }

  struct Job {
    std::atomic<size_t> next{0};
    size_t chunks = 0, finished = 0;  // finished: guarded by mutex
    std::function<void(size_t)> run;  // valid while finished < chunks (the caller is waiting)
    std::mutex mutex;
    std::condition_variable done;
    std::exception_ptr error;
  };
  auto job = std::make_shared<Job>();
  job->chunks = chunks;
  job->run = [&fn, begin, n, chunks](size_t c) { fn(begin + n * c / chunks, begin + n * (c + 1) / chunks); };

  auto work = [](const std::shared_ptr<Job>& j) {
    for (;;) {
      const size_t c = j->next.fetch_add(1);
      if (c >= j->chunks) return;
      const bool was_inside = detail::inside_parallel_region;
      detail::inside_parallel_region = true;
      std::exception_ptr error;
      try { j->run(c); } catch (...) { error = std::current_exception(); }
      detail::inside_parallel_region = was_inside;
      std::lock_guard lock(j->mutex);
      if (error && !j->error) j->error = error;
      if (++j->finished == j->chunks) j->done.notify_all();
    }
  };

  auto& pool = detail::pool();
  const size_t helpers = std::min(chunks, threads) - 1;
  for (size_t h = 0; h < helpers; ++h) pool.submit([job, work] { work(job); });
  work(job);
  std::unique_lock lock(job->mutex);
  job->done.wait(lock, [&] { return job->finished == job->chunks; });
  if (job->error) std::rethrow_exception(job->error);
}

}  // namespace oneproof::parallel
