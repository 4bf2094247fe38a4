// Walks n consecutive elements in chunks of the widest vector that still fits: full P vectors,
// then at most one H and one Q vector, then single lanes L. Narrow matrices (4 or 8 columns, e.g.
// extension-field columns) thus still run on SIMD even when P has 16 lanes.
#pragma once
#include <cstddef>

namespace oneproof::field {

// Calls f.template operator()<V>(offset) for each chunk; V::LANES elements start at offset.
template <class P, class H, class Q, class L, class F>
inline void for_column_chunks(size_t n, F&& f) {
  size_t c = 0;
  for (; c + P::LANES <= n; c += P::LANES) f.template operator()<P>(c);
  if constexpr (H::LANES < P::LANES) {
    if (c + H::LANES <= n) { f.template operator()<H>(c); c += H::LANES; }
  }
  if constexpr (Q::LANES < H::LANES) {
    if (c + Q::LANES <= n) { f.template operator()<Q>(c); c += Q::LANES; }
  }
  for (; c < n; ++c) f.template operator()<L>(c);
}

}  // namespace oneproof::field
