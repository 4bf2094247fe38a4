// The few C++ runtime pieces a guest needs without libstdc++/libc++abi: allocation operators
// (allocation failure aborts: there are no exceptions) and the pure-virtual trap.
#include <cstddef>
#include <cstdlib>
#include <new>

#include <oneproof/guest.h>

namespace {
[[noreturn]] void out_of_memory() {
  static const char message[] = "oneproof: out of memory\n";
  op_write(2, message, sizeof message - 1);
  op_halt(134);
}

void *allocate(std::size_t n) {
  void *p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) out_of_memory();
  return p;
}

void *allocate_aligned(std::size_t n, std::align_val_t align) {
  std::size_t a = static_cast<std::size_t>(align);
  if (a < sizeof(void *)) a = sizeof(void *);
  std::size_t rounded = (n + a - 1) / a * a;  // aligned_alloc wants a multiple of the alignment
  void *p = std::aligned_alloc(a, rounded == 0 ? a : rounded);
  if (p == nullptr) out_of_memory();
  return p;
}
}  // namespace

void *operator new(std::size_t n) { return allocate(n); }
void *operator new[](std::size_t n) { return allocate(n); }
void *operator new(std::size_t n, const std::nothrow_t &) noexcept { return std::malloc(n == 0 ? 1 : n); }
void *operator new[](std::size_t n, const std::nothrow_t &) noexcept { return std::malloc(n == 0 ? 1 : n); }
void *operator new(std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
void *operator new[](std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }

void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }
void operator delete(void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void *p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept { std::free(p); }

extern "C" [[noreturn]] void __cxa_pure_virtual() {
  static const char message[] = "oneproof: pure virtual function called\n";
  op_write(2, message, sizeof message - 1);
  op_halt(134);
}
