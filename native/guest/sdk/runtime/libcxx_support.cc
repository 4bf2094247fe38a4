// The few out-of-line pieces of libc++ that guests reach through header-only use of the standard
// library (Debian ships libc++ headers but no rv32 build of the library): prime bucket counts for
// unordered containers, std::to_string, and the shared_ptr control block's non-inline members.
// Guests are single-threaded, so reference counts are plain integers.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <oneproof/guest.h>

namespace {
[[noreturn]] void fail(const char *what) {
  op_write(2, what, std::strlen(what));
  op_halt(134);
}

template <typename T>
std::string format(const char *spec, T value) {
  char buffer[64];
  int n = std::snprintf(buffer, sizeof buffer, spec, value);
  if (n < 0 || static_cast<std::size_t>(n) >= sizeof buffer) fail("oneproof: to_string overflow\n");
  return std::string(buffer, static_cast<std::size_t>(n));
}
}  // namespace

_LIBCPP_BEGIN_NAMESPACE_STD

// Smallest prime >= n, by trial division (bucket counts are small enough for it).
size_t __next_prime(size_t n) {
  if (n <= 2) return 2;
  for (size_t candidate = n | 1;; candidate += 2) {
    if (candidate < n) fail("oneproof: hash table too large\n");
    bool prime = true;
    for (size_t d = 3; d <= candidate / d; d += 2) {
      if (candidate % d == 0) {
        prime = false;
        break;
      }
    }
    if (prime) return candidate;
  }
}

string to_string(int v) { return format("%d", v); }
string to_string(unsigned v) { return format("%u", v); }
string to_string(long v) { return format("%ld", v); }
string to_string(unsigned long v) { return format("%lu", v); }
string to_string(long long v) { return format("%lld", v); }
string to_string(unsigned long long v) { return format("%llu", v); }

// Control block: libc++ stores "owners - 1", so -1 means none left.
__shared_count::~__shared_count() {}
__shared_weak_count::~__shared_weak_count() {}

void __shared_weak_count::__release_weak() noexcept {
  if (--__shared_weak_owners_ == -1) __on_zero_shared_weak();
}

__shared_weak_count *__shared_weak_count::lock() noexcept {
  if (__shared_owners_ == -1) return nullptr;  // expired
  ++__shared_owners_;
  return this;
}

const void *__shared_weak_count::__get_deleter(const type_info &) const noexcept { return nullptr; }

_LIBCPP_END_NAMESPACE_STD
