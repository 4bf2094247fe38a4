#include "field/matrix.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif
#include <cstdint>

namespace oneproof::field {

Matrix Matrix::allocate(size_t w, size_t h) {
  Matrix m;
  m.width = w;
  m.height = h;
  m.values.reserve(w * h);  // allocated, not yet touched
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t HUGE_PAGE = uintptr_t(2) << 20;
  const uintptr_t begin = reinterpret_cast<uintptr_t>(m.values.data());
  const uintptr_t end = begin + w * h * sizeof(Fp);
  const uintptr_t first = (begin + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1), last = end & ~(HUGE_PAGE - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // a hint: failure is harmless
#endif
  m.values.resize(w * h);
  return m;
}

}  // namespace oneproof::field
