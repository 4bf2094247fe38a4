// Element-wise kernels, generic over a packed type P (PackedFp of some ISA) and its one-lane
// companion L for the tail. Instantiated once per ISA in vector_ops*.cc; see monty_lane.h.
#pragma once
#include <cstddef>
#include "field/koalabear.h"

namespace oneproof::field::kernels {

template <class P, class L, class Op>
inline void binary(const Fp* a, const Fp* b, Fp* out, size_t n, Op op) {
  size_t i = 0;
  for (; i + P::LANES <= n; i += P::LANES) op(P::load(a + i), P::load(b + i)).store(out + i);
  for (; i < n; ++i) op(L::load(a + i), L::load(b + i)).store(out + i);
}

template <class P, class L>
inline void add(const Fp* a, const Fp* b, Fp* out, size_t n) { binary<P, L>(a, b, out, n, [](auto x, auto y) { return x + y; }); }
template <class P, class L>
inline void sub(const Fp* a, const Fp* b, Fp* out, size_t n) { binary<P, L>(a, b, out, n, [](auto x, auto y) { return x - y; }); }
template <class P, class L>
inline void mul(const Fp* a, const Fp* b, Fp* out, size_t n) { binary<P, L>(a, b, out, n, [](auto x, auto y) { return x * y; }); }

template <class P, class L>
inline void scale(const Fp* a, Fp s, Fp* out, size_t n) {
  const P sp = P::broadcast(s);
  const L sl = L::broadcast(s);
  size_t i = 0;
  for (; i + P::LANES <= n; i += P::LANES) (P::load(a + i) * sp).store(out + i);
  for (; i < n; ++i) (L::load(a + i) * sl).store(out + i);
}

}  // namespace oneproof::field::kernels
